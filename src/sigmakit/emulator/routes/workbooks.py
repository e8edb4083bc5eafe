"""``/v2/workbooks``: workbooks, pages, elements, columns, controls, copies, embeds,
materializations and exports; ``/v2/query/{id}/download``. (Workbook grants: :mod:`.grants`.)"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from ..errors import NotFound
from ..ratelimits import DOWNLOAD_PER_MINUTE, EXPORT_PER_MINUTE
from ..store.exports import Download
from ..store.workbook_contents import WorkbookContentsStore
from .data_model_specs import answer_document, wants_yaml
from .deps import Caller, State, ok, quick
from .paging import LegacyListing, Listing, TotalListing, Window

router = APIRouter()

#: bytes read from an export's file per piece sent
FILE_CHUNK = 1 << 20


class CopyBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    destinationFolderId: str
    name: str
    description: str | None = None


class EmbedBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    embedType: str
    sourceType: str
    sourceId: str | None = None


class MaterializeBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    sheetId: str


@router.get("/v2/workbooks")
@quick
def list_workbooks(
    state: State,
    caller: Caller,
    listing: Listing,
    excludeTags: bool = False,
    skipPermissionCheck: bool = False,
    isArchived: bool = False,
    excludeExplorations: bool = False,
) -> JSONResponse:
    got = state.store.workbooks.list_for(
        caller,
        **listing.span,
        archived=isArchived,
        exclude_tags=excludeTags,
        skip_permission_check=skipPermissionCheck,
    )
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}")
@quick
def get_workbook(
    request: Request,
    state: State,
    caller: Caller,
    workbookId: str,
    includeContents: bool = False,
    format: str | None = None,
    documentVersion: int | None = None,
) -> Response:
    if not includeContents:
        return ok(state.store.workbooks.get(workbookId, caller))
    as_yaml = wants_yaml(request, format)
    store = state.store.get(WorkbookContentsStore)
    return answer_document(store.get(workbookId, caller, documentVersion), as_yaml)


@router.get("/v2/workbooks/{workbookId}/pages")
@quick
def list_pages(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
    tag: str | None = None,
    bookmarkId: str | None = None,
) -> JSONResponse:
    got = state.store.workbooks.pages(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/pages/{pageId}/elements")
@quick
def list_elements(
    state: State,
    caller: Caller,
    workbookId: str,
    pageId: str,
    listing: TotalListing,
    tag: str | None = None,
    bookmarkId: str | None = None,
) -> JSONResponse:
    got = state.store.workbooks.elements(workbookId, pageId, caller, **listing.span)
    return listing.answer(got)


async def _not_before_june_2026(state: State) -> None:
    """Not in the 2025-11 description: an emulator playing Sigma before June 2026
    (``legacy_lists``) answers 404, as for any unknown route (before the page is read)."""
    if state.config.legacy_lists:
        raise NotFound("Not found")


@router.get("/v2/workbooks/{workbookId}/elements")
@quick
def list_all_elements(
    state: State,
    caller: Caller,
    workbookId: str,
    served: Annotated[None, Depends(_not_before_june_2026)],
    listing: TotalListing,
    tagName: str | None = None,
    bookmarkId: str | None = None,
) -> JSONResponse:
    """Every element of the workbook, in page order."""
    got = state.store.workbooks.all_elements(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/elements/{elementId}/columns")
def list_columns(
    state: State,
    caller: Caller,
    workbookId: str,
    elementId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = state.store.workbooks.columns(workbookId, elementId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/controls")
def list_controls(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = state.store.workbooks.controls(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/workbooks/{workbookId}/copy")
def copy_workbook(
    state: State, caller: Caller, workbookId: str, body: Annotated[CopyBody, Body()]
) -> JSONResponse:
    data = body.model_dump(exclude_unset=True)
    return ok(state.store.workbooks.copy(workbookId, data, caller))


@router.get("/v2/workbooks/{workbookId}/embeds")
def list_embeds(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: Listing,
) -> JSONResponse:
    got = state.store.embeds.list(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/workbooks/{workbookId}/embeds")
def create_embed(
    state: State, caller: Caller, workbookId: str, body: Annotated[EmbedBody, Body()]
) -> JSONResponse:
    return ok(state.store.embeds.create(workbookId, body.model_dump(), caller))


@router.delete("/v2/workbooks/{workbookId}/embeds/{embedId}")
def delete_embed(state: State, caller: Caller, workbookId: str, embedId: str) -> JSONResponse:
    state.store.embeds.delete(workbookId, embedId, caller)
    return ok({})


def _schedules(state: State, caller: str, workbook_id: str, listing: Window) -> JSONResponse:
    got = state.store.materializations.schedules(workbook_id, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/materialization-schedules")
def list_materialization_schedules(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: LegacyListing,
) -> JSONResponse:
    return _schedules(state, caller, workbookId, listing)


@router.get("/v2.1/workbooks/{workbookId}/materialization-schedules")
def list_materialization_schedules_v2_1(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: Listing,
) -> JSONResponse:
    return _schedules(state, caller, workbookId, listing)


@router.post("/v2/workbooks/{workbookId}/materializations")
def materialize(
    state: State, caller: Caller, workbookId: str, body: Annotated[MaterializeBody, Body()]
) -> JSONResponse:
    return ok(state.store.materializations.materialize(workbookId, body.sheetId, caller))


@router.get("/v2/workbooks/{workbookId}/materializations/{materializationId}")
def get_materialization(
    state: State, caller: Caller, workbookId: str, materializationId: str
) -> JSONResponse:
    return ok(state.store.materializations.materialization(workbookId, materializationId, caller))


@router.post("/v2/workbooks/{workbookId}/export")
def export_workbook(
    state: State,
    caller: Caller,
    workbookId: str,
    body: Annotated[dict[str, Any], Body()],
) -> Response:
    state.store.rate_limits.check("export", EXPORT_PER_MINUTE)
    return ok(state.store.exports.export(workbookId, body, caller, state.config.export_ttl))


@router.get("/v2/query/{queryId}/download")
def download_query(state: State, caller: Caller, queryId: str) -> Response:
    """204 with no body while the file is produced, then the file itself."""
    state.store.rate_limits.check("download", DOWNLOAD_PER_MINUTE)
    file = state.store.exports.download(queryId, state.config.export_ttl)
    if file is None:
        return Response(status_code=204)
    return file_response(file)


def file_response(file: Download) -> Response:
    """An export's file as an attachment: from memory, or read from disk as it is sent."""
    headers = {"Content-Disposition": f'attachment; filename="{file.filename}"'}
    if file.path is not None:
        response = FileResponse(file.path, media_type=file.content_type, headers=headers)
        response.chunk_size = FILE_CHUNK  # a read (a thread hop) per MiB, not per 64 KiB
        return response
    return Response(file.content, media_type=file.content_type, headers=headers)
