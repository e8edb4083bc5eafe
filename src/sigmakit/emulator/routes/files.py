"""``/v2/files`` and the files a member can reach (``/v2/members/{memberId}/files``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..errors import BadRequest
from ..state import EmulatorState
from ..store.file_types import DEFAULT_FILE_TYPES, FILE_TYPES
from ..store.permissions import RANKS
from .deps import Caller, State, ok
from .paging import Listing

router = APIRouter()


class CreateFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["workspace", "folder", "workbook"]
    name: str
    description: str | None = None
    ownerId: str | None = None
    parentId: str | None = None


class UpdateFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    description: str | None = None
    ownerId: str | None = None
    parentId: str | None = None
    restore: bool | None = None


def _types(raw: list[str] | None, default: tuple[str, ...]) -> tuple[str, ...]:
    """``typeFilters``, repeated or comma-separated."""
    if not raw:
        return default
    types = tuple(t.strip() for item in raw for t in item.split(",") if t.strip())
    unknown = [t for t in types if t not in FILE_TYPES]
    if unknown:
        raise BadRequest(f"Invalid typeFilters: {', '.join(unknown)}")
    return types


class FileFilters:
    """The query of the file lists: ``typeFilters`` (repeated or comma-separated),
    ``parentId``, ``directChildFilter``, ``permissionFilter``, ``name``, and the page."""

    def __init__(
        self,
        listing: Listing,
        typeFilters: Annotated[list[str] | None, Query()] = None,
        parentId: str | None = None,
        directChildFilter: bool | None = None,
        permissionFilter: str | None = None,
        name: str | None = None,
    ) -> None:
        if permissionFilter is not None and permissionFilter not in RANKS:
            raise BadRequest(f"Invalid permissionFilter: {permissionFilter}")
        self.type_filters = typeFilters
        self.parent_id = parentId
        self.direct_children = bool(directChildFilter)
        self.permission = permissionFilter
        self.name = name
        self.listing = listing

    def answer(
        self, state: EmulatorState, member_id: str, default_types: tuple[str, ...]
    ) -> JSONResponse:
        got = state.store.files.list_for(
            member_id,
            types=_types(self.type_filters, default_types),
            parent_id=self.parent_id,
            direct_children=self.direct_children,
            permission=self.permission,
            name=self.name,
            **self.listing.span,
        )
        return self.listing.answer(got)


Filters = Annotated[FileFilters, Depends()]


@router.get("/v2/files")
def list_files(state: State, caller: Caller, filters: Filters) -> JSONResponse:
    """What the caller can reach (only workbooks, folders and datasets unless typeFilters)."""
    return filters.answer(state, caller, DEFAULT_FILE_TYPES)


@router.post("/v2/files")
def create_file(state: State, caller: Caller, body: Annotated[CreateFile, Body()]) -> JSONResponse:
    return ok(state.store.files.create(body.model_dump(exclude_none=True), caller))


@router.get("/v2/files/{inodeId}")
def get_file(state: State, caller: Caller, inodeId: str) -> JSONResponse:
    return ok(state.store.files.get(inodeId, caller))


@router.patch("/v2/files/{inodeId}")
def update_file(
    state: State, caller: Caller, inodeId: str, body: Annotated[UpdateFile, Body()]
) -> JSONResponse:
    return ok(state.store.files.update(inodeId, body.model_dump(exclude_unset=True), caller))


@router.delete("/v2/files/{inodeId}")
def delete_file(state: State, caller: Caller, inodeId: str) -> JSONResponse:
    state.store.files.archive(inodeId, caller)
    return ok({})


@router.get("/v2/members/{memberId}/files")
def list_member_files(
    state: State, caller: Caller, memberId: str, filters: Filters
) -> JSONResponse:
    """What the member can reach, with the member's permission on each (every document type
    unless typeFilters; a connection's tables only with typeFilters=table)."""
    state.store.members.row(memberId)
    return filters.answer(state, memberId, ())


@router.get("/v2/members/{memberId}/files/recents")
def list_member_recents(
    state: State,
    caller: Caller,
    memberId: str,
    listing: Listing,
    includeExplorations: Literal["true", "false"] | None = None,
) -> JSONResponse:
    state.store.members.row(memberId)
    got = state.store.files.recents(memberId, **listing.span)
    return listing.answer(got)
