"""``/v2/templates``, ``/v2/shared_templates`` and ``POST /v2/workbooks/{id}/saveTemplate``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.templates import TemplateStore
from .deps import Caller, State, ok
from .paging import Listing

router = APIRouter()


class SaveWorkbook(BaseModel):
    model_config = ConfigDict(extra="ignore")
    templateId: str
    folderId: str
    name: str | None = None
    description: str | None = None
    updateAutomatically: bool | None = None


class SwapSources(BaseModel):
    model_config = ConfigDict(extra="ignore")
    sourceMapping: list[dict[str, Any]] | None = None
    connectionMapping: list[dict[str, Any]] | None = None
    copyInputTableData: bool | None = None


class SaveTemplate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    ownerId: str | None = None
    tag: str | None = None


class AcceptShare(BaseModel):
    model_config = ConfigDict(extra="ignore")
    shareId: str
    sourceSwaps: dict[str, Any] | None = None


@router.get("/v2/templates")
def list_templates(
    state: State,
    caller: Caller,
    listing: Listing,
    source: Literal["internal", "external"] | None = None,
    search: str | None = None,
) -> JSONResponse:
    got = state.store.get(TemplateStore).list(source=source, search=search, **listing.span)
    return listing.answer(got)


@router.post("/v2/templates/save_workbook")
def save_workbook_from_template(
    state: State, caller: Caller, body: Annotated[SaveWorkbook, Body()]
) -> JSONResponse:
    return ok(state.store.get(TemplateStore).save_workbook(body.model_dump(), caller))


@router.get("/v2/templates/{templateId}")
def get_template(state: State, caller: Caller, templateId: str) -> JSONResponse:
    return ok(state.store.get(TemplateStore).get(templateId))


@router.post("/v2/templates/{templateId}/swapSources")
def swap_template_sources(
    state: State, caller: Caller, templateId: str, body: Annotated[SwapSources, Body()]
) -> JSONResponse:
    data = body.model_dump(exclude_none=True)
    return ok(state.store.get(TemplateStore).swap_sources(templateId, data, caller))


@router.post("/v2/workbooks/{workbookId}/saveTemplate")
def save_template_from_workbook(
    state: State, caller: Caller, workbookId: str, body: Annotated[SaveTemplate, Body()]
) -> JSONResponse:
    data = body.model_dump(exclude_none=True)
    return ok(state.store.get(TemplateStore).save_from_workbook(workbookId, data, caller))


@router.get("/v2/shared_templates/shared_with_you")
def list_shared_templates(
    state: State,
    caller: Caller,
    listing: Listing,
    pending: bool | None = None,
) -> JSONResponse:
    got = state.store.get(TemplateStore).shares(pending=pending, **listing.span)
    return listing.answer(got)


@router.post("/v2/shared_templates/accept")
def accept_shared_template(
    state: State, caller: Caller, body: Annotated[AcceptShare, Body()]
) -> JSONResponse:
    state.store.get(TemplateStore).accept_share(body.model_dump(exclude_none=True), caller)
    return ok({})


@router.delete("/v2/shared_templates/{shareId}")
def delete_shared_template(state: State, caller: Caller, shareId: str) -> JSONResponse:
    state.store.get(TemplateStore).delete_share(shareId, caller)
    return ok({})
