"""Grants on workspaces, workbooks and connections, and `/v2/grants` for grants on any file.

One module for the three because they share the request body, the answer and the store;
only the target and the permissions allowed differ (``store.grants.PERMISSIONS``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..state import EmulatorState
from .deps import Caller, State, ok, quick
from .paging import COUNTED, answer, window

router = APIRouter()


class Grantee(BaseModel):
    model_config = ConfigDict(extra="ignore")
    memberId: str | None = None
    teamId: str | None = None


class NewGrant(BaseModel):
    model_config = ConfigDict(extra="ignore")
    grantee: Grantee
    permission: str
    tagId: str | None = None


class GrantsBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    grants: list[NewGrant]


def list_grants_of(
    state: EmulatorState,
    kind: str,
    target_id: str,
    page: str | None,
    limit: float | None,
    shows: tuple[str, ...] = COUNTED,
) -> JSONResponse:
    offset, size = window(state, page, limit)
    got = state.store.grants.list(kind, target_id, offset=offset, limit=size)
    return answer(state, got, limit, shows=shows)


def add_grants(
    state: EmulatorState, kind: str, target_id: str, body: GrantsBody, caller: str
) -> None:
    grants = [g.model_dump(exclude_none=True) for g in body.grants]
    state.store.grants.add(kind, target_id, grants, caller)


@router.get("/v2/workspaces/{workspaceId}/grants")
@quick
def list_workspace_grants(
    state: State,
    caller: Caller,
    workspaceId: str,
    page: str | None = None,
    limit: float | None = None,
) -> JSONResponse:
    return list_grants_of(state, "workspace", workspaceId, page, limit)


@router.post("/v2/workspaces/{workspaceId}/grants")
@quick
def create_workspace_grants(
    state: State, caller: Caller, workspaceId: str, body: Annotated[GrantsBody, Body()]
) -> JSONResponse:
    add_grants(state, "workspace", workspaceId, body, caller)
    return ok({})


@router.delete("/v2/workspaces/{workspaceId}/grants/{grantId}")
def delete_workspace_grant(
    state: State, caller: Caller, workspaceId: str, grantId: str
) -> JSONResponse:
    state.store.grants.delete("workspace", workspaceId, grantId)
    return ok({})


@router.post("/v2/workbooks/{workbookId}/grants")
def create_workbook_grants(
    state: State, caller: Caller, workbookId: str, body: Annotated[GrantsBody, Body()]
) -> JSONResponse:
    add_grants(state, "workbook", workbookId, body, caller)
    return ok({})


@router.delete("/v2/workbooks/{workbookId}/grants/{grantId}")
def delete_workbook_grant(
    state: State, caller: Caller, workbookId: str, grantId: str
) -> JSONResponse:
    state.store.grants.delete("workbook", workbookId, grantId)
    return ok({})


@router.get("/v2/connections/{connectionId}/grants")
@quick
def list_connection_grants(
    state: State,
    caller: Caller,
    connectionId: str,
    page: str | None = None,
    limit: float | None = None,
) -> JSONResponse:
    return list_grants_of(state, "connection", connectionId, page, limit)


@router.post("/v2/connections/{connectionId}/grants")
@quick
def create_connection_grants(
    state: State, caller: Caller, connectionId: str, body: Annotated[GrantsBody, Body()]
) -> JSONResponse:
    add_grants(state, "connection", connectionId, body, caller)
    return ok({})


@router.delete("/v2/connections/{connectionId}/grants/{grantId}")
def delete_connection_grant(
    state: State, caller: Caller, connectionId: str, grantId: str
) -> JSONResponse:
    state.store.grants.delete("connection", connectionId, grantId)
    return ok({})


# A connection path is a database, schema or table of a connection: its inode id (what
# ``/v2/connection/{id}/lookup`` answers) or its url id (what ``/v2/connections/paths`` does).
@router.get("/v2/connections/paths/{connectionPathId}/grants")
def list_connection_path_grants(
    state: State,
    caller: Caller,
    connectionPathId: str,
    page: str | None = None,
    limit: float | None = None,
) -> JSONResponse:
    inode_id = state.store.connections.path_inode(connectionPathId)["id"]
    return list_grants_of(state, "connection path", inode_id, page, limit, shows=("hasMore",))


@router.post("/v2/connections/paths/{connectionPathId}/grants")
def create_connection_path_grants(
    state: State, caller: Caller, connectionPathId: str, body: Annotated[GrantsBody, Body()]
) -> JSONResponse:
    inode_id = state.store.connections.path_inode(connectionPathId)["id"]
    add_grants(state, "connection path", inode_id, body, caller)
    return ok({})


@router.delete("/v2/connections/paths/{connectionPathId}/grants/{grantId}")
def delete_connection_path_grant(
    state: State, caller: Caller, connectionPathId: str, grantId: str
) -> JSONResponse:
    inode_id = state.store.connections.path_inode(connectionPathId)["id"]
    state.store.grants.delete("connection path", inode_id, grantId)
    return ok({})


class FileGrant(NewGrant):
    inodeId: str


@router.get("/v2/grants")
def list_grants(
    state: State,
    caller: Caller,
    page: str | None = None,
    limit: float | None = None,
    inodeId: str | None = None,
    teamId: str | None = None,
    userId: str | None = None,
    directGrantsOnly: bool | None = None,
) -> JSONResponse:
    """Grants on files (connections have their own list), direct ones only."""
    offset, size = window(state, page, limit)
    got = state.store.grants.query(
        inode_id=inodeId, team_id=teamId, member_id=userId, offset=offset, limit=size
    )
    return answer(state, got, limit)


@router.post("/v2/grants")
def create_grant(state: State, caller: Caller, body: Annotated[FileGrant, Body()]) -> JSONResponse:
    return ok(state.store.grants.escalate(body.model_dump(exclude_none=True), caller))


@router.get("/v2/grants/{grantId}")
def get_grant(state: State, caller: Caller, grantId: str) -> JSONResponse:
    return ok(state.store.grants.get(grantId))


@router.delete("/v2/grants/{grantId}")
def delete_grant(state: State, caller: Caller, grantId: str) -> JSONResponse:
    state.store.grants.delete_one(grantId)
    return ok({})
