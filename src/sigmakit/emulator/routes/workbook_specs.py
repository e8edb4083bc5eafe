"""``/v2/workbooks/{workbookId}/spec``, ``/v2/workbooks/spec`` and ``/v2/workbooks/spec/verify``
(Sigma's published workbook code representation, "(Beta)"): YAML by default both ways, JSON
with ``?format=json`` or ``Accept: application/json`` on a read and ``Content-Type:
application/json`` on a write, as the description says."""

from __future__ import annotations

import json
from typing import Any

import yaml
from fastapi import APIRouter, Request, Response

from ..errors import BadRequest
from ..store.workbook_specs import WorkbookSpecStore
from .data_model_specs import NoAliases, answer_document
from .deps import Caller, State, ok

router = APIRouter()

_FORMATS = ("yaml", "yml", "json")


def _store(state: State) -> WorkbookSpecStore:
    return state.store.get(WorkbookSpecStore)


def _wants_yaml(request: Request, format: str | None) -> bool:
    if format is not None:
        if format not in _FORMATS:
            raise BadRequest("format must be yaml, yml or json")
        return format != "json"
    return "json" not in request.headers.get("accept", "")


async def _read_spec(request: Request) -> Any:
    """The body: JSON when its ``Content-Type`` says so, YAML otherwise."""
    raw = await request.body()
    as_json = "json" in request.headers.get("content-type", "")
    try:
        if as_json:
            return json.loads(raw)
        return yaml.load(raw.decode("utf-8"), Loader=NoAliases)
    except (ValueError, yaml.YAMLError, RecursionError):
        raise BadRequest(f"The body is not valid {'JSON' if as_json else 'YAML'}") from None


@router.get("/v2/workbooks/{workbookId}/spec")
async def get_workbook_spec(
    request: Request,
    state: State,
    caller: Caller,
    workbookId: str,
    documentVersion: int | None = None,
    format: str | None = None,
) -> Response:
    as_yaml = _wants_yaml(request, format)
    return answer_document(_store(state).get(workbookId, caller, documentVersion), as_yaml)


@router.put("/v2/workbooks/{workbookId}/spec")
async def update_workbook_spec(
    request: Request, state: State, caller: Caller, workbookId: str
) -> Response:
    body = await _read_spec(request)
    return ok(_store(state).update(workbookId, body, caller))


@router.post("/v2/workbooks/spec")
async def create_workbook_spec(request: Request, state: State, caller: Caller) -> Response:
    body = await _read_spec(request)
    return ok(_store(state).create(body, caller))


@router.post("/v2/workbooks/spec/verify")
async def verify_workbook_spec(request: Request, state: State, caller: Caller) -> Response:
    body = await _read_spec(request)
    return ok(_store(state).verify(body, caller))
