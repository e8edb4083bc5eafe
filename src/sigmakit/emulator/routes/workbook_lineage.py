"""What a workbook is built on: ``/v2/workbooks/{id}/sources``, ``/columns``, ``/queries``,
``/elements/{elementId}/query``, ``/lineage``, ``/lineage/elements/{elementId}`` and the
deprecated ``/schema``; and ``POST /v2/workbooks``, an empty workbook."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.lineage import LineageStore
from ..store.workbook_contents import WorkbookContentsStore
from .deps import Caller, State, ok
from .paging import TotalListing

router = APIRouter()


def _store(state: State) -> LineageStore:
    return state.store.get(LineageStore)


@router.post("/v2/workbooks")
def create_workbook(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    if "contents" in body:  # from a code representation (or only checked, with dryRun)
        return ok(state.store.get(WorkbookContentsStore).create(body, caller))
    return ok(state.store.workbooks.create(body, caller))


@router.get("/v2/workbooks/{workbookId}/sources")
def list_workbook_sources(state: State, caller: Caller, workbookId: str) -> JSONResponse:
    return ok(_store(state).sources(workbookId, caller))


@router.get("/v2/workbooks/{workbookId}/columns")
def list_workbook_columns(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).columns(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/queries")
def list_workbook_queries(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).queries(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/elements/{elementId}/query")
def get_element_query(
    state: State,
    caller: Caller,
    workbookId: str,
    elementId: str,
    page: str | None = None,
    limit: float | None = None,
    tagName: str | None = None,
    bookmarkId: str | None = None,
) -> JSONResponse:
    return ok(_store(state).element_query(workbookId, elementId, caller))


@router.get("/v2/workbooks/{workbookId}/lineage")
def list_workbook_lineage(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).lineage(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/lineage/elements/{elementId}")
def get_element_lineage(
    state: State, caller: Caller, workbookId: str, elementId: str
) -> JSONResponse:
    return ok(_store(state).element_lineage(workbookId, elementId, caller))


@router.get("/v2/workbooks/{workbookId}/schema")
def get_workbook_schema(
    state: State,
    caller: Caller,
    workbookId: str,
    includeSql: bool = False,
    tag: str | None = None,
) -> JSONResponse:
    return ok(_store(state).schema(workbookId, caller, include_sql=includeSql))
