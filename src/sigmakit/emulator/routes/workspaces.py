"""``/v2/workspaces`` (their grants are in :mod:`.grants`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from .deps import Caller, State, ok, quick
from .paging import LegacyListing, Listing

router = APIRouter()


class WorkspaceBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    noDuplicates: bool | None = None


@router.get("/v2/workspaces")
@quick
def list_workspaces(
    state: State,
    caller: Caller,
    listing: LegacyListing,
    name: str | None = None,
    exactName: str | None = None,
) -> JSONResponse:
    got = state.store.workspaces.list(name=name, exact_name=exactName, **listing.span)
    return listing.answer(got)


@router.get("/v2.1/workspaces")
@quick
def list_workspaces_paged(
    state: State,
    caller: Caller,
    listing: Listing,
    name: str | None = None,
    exactName: str | None = None,
) -> JSONResponse:
    """The paginated list (always ``{entries, nextPage, total, hasMore}``)."""
    got = state.store.workspaces.list(name=name, exact_name=exactName, **listing.span)
    return listing.answer(got)


@router.post("/v2/workspaces")
@quick
def create_workspace(
    state: State, caller: Caller, body: Annotated[WorkspaceBody, Body()]
) -> JSONResponse:
    return ok(state.store.workspaces.create(body.model_dump(), caller))


@router.get("/v2/workspaces/{workspaceId}")
@quick
def get_workspace(state: State, caller: Caller, workspaceId: str) -> JSONResponse:
    return ok(state.store.workspaces.get(workspaceId))


@router.patch("/v2/workspaces/{workspaceId}")
def update_workspace(
    state: State, caller: Caller, workspaceId: str, body: Annotated[WorkspaceBody, Body()]
) -> JSONResponse:
    return ok(state.store.workspaces.update(workspaceId, body.model_dump(), caller))


@router.delete("/v2/workspaces/{workspaceId}")
def delete_workspace(state: State, caller: Caller, workspaceId: str) -> JSONResponse:
    state.store.workspaces.delete(workspaceId, caller)
    return ok({})
