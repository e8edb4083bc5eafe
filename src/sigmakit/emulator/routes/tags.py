"""``/v2/tags`` (version tags) and a workbook's tagged versions, version history and restore:
``/v2/workbooks/tag``, ``/v2/workbooks/{id}/tags``, ``/v2/workbooks/{id}/tag/{tag}/copy``,
``/v2/workbooks/{id}/version-history``, ``/v2/workbooks/{id}/restoreVersion``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.tags import TagStore
from .deps import Caller, State, ok
from .paging import Listing, TotalListing

router = APIRouter()


class TagBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    color: str
    description: str | None = None


class TagPatch(BaseModel):
    model_config = ConfigDict(extra="ignore")
    description: str | None = None


class PathMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromPath: list[str]
    toPath: list[str]


class SourceMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromConnectionId: str
    toConnectionId: str
    paths: list[PathMapping]


class TagWorkbookBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    workbookId: str
    tag: str
    workbookVersion: float | None = None
    sourceMappingConfig: list[SourceMapping] | None = None
    isDefault: bool | None = None


class TaggedCopyBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    destinationFolderId: str
    name: str
    description: str | None = None
    copyBookmarks: Literal["all", "accessible"] | None = None


class RestoreBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    version: float


def _tags(state: State) -> TagStore:
    return state.store.get(TagStore)


@router.get("/v2/tags")
def list_tags(
    state: State,
    caller: Caller,
    listing: Listing,
    search: str | None = None,
) -> JSONResponse:
    got = _tags(state).find(search=search, **listing.span)
    return listing.answer(got)


@router.post("/v2/tags")
def create_tag(state: State, caller: Caller, body: Annotated[TagBody, Body()]) -> JSONResponse:
    return ok(_tags(state).create(body.model_dump(), caller))


@router.patch("/v2/tags/{tagId}")
def update_tag(
    state: State, caller: Caller, tagId: str, body: Annotated[TagPatch, Body()]
) -> JSONResponse:
    return ok(_tags(state).update(tagId, body.model_dump(exclude_unset=True), caller))


@router.delete("/v2/tags/{tagId}")
def delete_tag(state: State, caller: Caller, tagId: str) -> JSONResponse:
    _tags(state).delete(tagId, caller)
    return ok({})


@router.get("/v2/tags/{tagId}/workbooks")
def list_tagged_workbooks(
    state: State,
    caller: Caller,
    tagId: str,
    listing: Listing,
) -> JSONResponse:
    got = _tags(state).tagged_workbooks(tagId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/workbooks/tag")
def tag_workbook(
    state: State, caller: Caller, body: Annotated[TagWorkbookBody, Body()]
) -> JSONResponse:
    data = body.model_dump(exclude_unset=True)
    if isinstance(data.get("workbookVersion"), float) and data["workbookVersion"].is_integer():
        data["workbookVersion"] = int(data["workbookVersion"])
    return ok(_tags(state).tag_workbook(data, caller))


@router.get("/v2/workbooks/{workbookId}/tags")
def list_workbook_tags(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _tags(state).workbook_tags(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.delete("/v2/workbooks/{workbookId}/tags/{tagId}")
def untag_workbook(state: State, caller: Caller, workbookId: str, tagId: str) -> JSONResponse:
    _tags(state).untag(workbookId, tagId, caller)
    return ok({})


@router.post("/v2/workbooks/{workbookId}/tag/{versionTag}/copy")
def copy_tagged_workbook(
    state: State,
    caller: Caller,
    workbookId: str,
    versionTag: str,
    body: Annotated[TaggedCopyBody, Body()],
) -> JSONResponse:
    data = body.model_dump(exclude_unset=True)
    return ok(_tags(state).copy_tagged(workbookId, versionTag, data, caller))


@router.get("/v2/workbooks/{workbookId}/version-history")
def version_history(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _tags(state).history(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/workbooks/{workbookId}/restoreVersion")
def restore_version(
    state: State, caller: Caller, workbookId: str, body: Annotated[RestoreBody, Body()]
) -> JSONResponse:
    version = int(body.version) if body.version.is_integer() else body.version
    return ok(_tags(state).restore(workbookId, version, caller))
