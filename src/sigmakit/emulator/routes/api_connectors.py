"""``/v2/api-connectors``: how workbooks' Call API actions reach external HTTP endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.api_connectors import ApiConnectorStore
from .deps import Caller, State, ok, quick
from .token_paging import TokenListing

router = APIRouter()


def _store(state: State) -> ApiConnectorStore:
    return state.store.get(ApiConnectorStore)


@router.get("/v2/api-connectors")
@quick
def list_api_connectors(
    state: State,
    caller: Caller,
    listing: TokenListing,
    orderBy: str | None = None,
    name: str | None = None,
) -> JSONResponse:
    return listing.answer(_store(state).list(name=name, order_by=orderBy))


@router.post("/v2/api-connectors")
def create_api_connector(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).create(body, caller))


@router.get("/v2/api-connectors/{apiConnectorId}")
@quick
def get_api_connector(state: State, caller: Caller, apiConnectorId: str) -> JSONResponse:
    return ok(_store(state).get(apiConnectorId))


@router.patch("/v2/api-connectors/{apiConnectorId}")
def update_api_connector(
    state: State, caller: Caller, apiConnectorId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).update(apiConnectorId, body, caller))


@router.delete("/v2/api-connectors/{apiConnectorId}")
def delete_api_connector(state: State, caller: Caller, apiConnectorId: str) -> JSONResponse:
    _store(state).archive(apiConnectorId, caller)
    return ok({})
