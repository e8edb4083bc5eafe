"""A workbook handed on: ``POST /v2/workbooks/{id}/convertToReport``, ``/send`` (exported
now to recipients) and ``/shareCrossOrg`` (see :mod:`..store.workbook_sharing`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.workbook_sharing import WorkbookSharingStore
from .deps import Caller, State, ok

router = APIRouter()

#: Sigma's limit on sends of workbooks (the 2026-08 description: 100 requests a minute)
SEND_PER_MINUTE = 100


def _store(state: State) -> WorkbookSharingStore:
    return state.store.get(WorkbookSharingStore)


@router.post("/v2/workbooks/{workbookId}/convertToReport")
def convert_workbook_to_report(
    state: State, caller: Caller, workbookId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).convert(workbookId, body, caller), status=201)


@router.post("/v2/workbooks/{workbookId}/send")
def send_workbook(
    state: State, caller: Caller, workbookId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    state.store.rate_limits.check("send", SEND_PER_MINUTE)
    return ok(_store(state).send(workbookId, body, caller, state.config.export_ttl))


@router.post("/v2/workbooks/{workbookId}/shareCrossOrg")
def share_workbook_cross_org(
    state: State, caller: Caller, workbookId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).share_cross_org(workbookId, body, caller))


@router.get("/__emulator/workbooks/{workbookId}/handed-on")
def control_handed_on(state: State, workbookId: str) -> JSONResponse:
    """The control plane's view of what the emulator did not deliver: the workbook's sends
    (recipients, the export jobs of their attachments) and its cross-organization shares."""
    store = _store(state)
    return ok(
        {"sends": store.sends(workbookId), "crossOrgShares": store.cross_org_shares(workbookId)}
    )
