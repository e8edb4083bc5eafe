"""``/v2/webhooks/{workbookId}/{sequenceId}`` (beta): trigger a workbook's action sequence,
and ``/schema``, the variables it takes (see :mod:`..store.webhooks`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.webhooks import WebhookStore
from .deps import Caller, State, ok

router = APIRouter()


@router.post("/v2/webhooks/{workbookId}/{sequenceId}")
def webhooks(
    state: State,
    caller: Caller,
    workbookId: str,
    sequenceId: str,
    body: Annotated[Any, Body()] = None,
) -> JSONResponse:
    store = state.store.get(WebhookStore)
    return ok(store.call(workbookId, sequenceId, {} if body is None else body, caller), 202)


@router.get("/v2/webhooks/{workbookId}/{sequenceId}/schema")
def get_webhook_schema(
    state: State, caller: Caller, workbookId: str, sequenceId: str
) -> JSONResponse:
    return ok(state.store.get(WebhookStore).schema(workbookId, sequenceId, caller))


@router.get("/__emulator/webhooks")
def control_webhooks(state: State) -> JSONResponse:
    """The control plane's view: each seeded webhook sequence (its ids, its variables) and
    the calls it had, as Sigma's UI would show them."""
    return ok({"entries": state.store.get(WebhookStore).all()})
