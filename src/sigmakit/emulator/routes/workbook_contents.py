"""``PUT /v2/workbooks/{workbookId}/contents``: a workbook's code representation replaced
whole, as JSON or YAML. (Reading it is ``GET /v2/workbooks/{id}?includeContents=true`` in
:mod:`.workbooks`; creating from it ``POST /v2/workbooks`` with ``contents`` in
:mod:`.workbook_lineage`.)"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ..store.workbook_contents import WorkbookContentsStore
from .data_model_specs import answer_document, read_document, wants_yaml
from .deps import Caller, State

router = APIRouter()


@router.put("/v2/workbooks/{workbookId}/contents")
async def update_workbook_contents(
    request: Request, state: State, caller: Caller, workbookId: str, format: str | None = None
) -> Response:
    body = await read_document(request)
    as_yaml = wants_yaml(request, format)
    store = state.store.get(WorkbookContentsStore)
    return answer_document(store.update(workbookId, body, caller), as_yaml)
