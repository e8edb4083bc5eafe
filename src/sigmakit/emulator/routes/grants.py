"""Grants on workspaces, workbooks, connections and connection paths, and `/v2/grants` for
grants on any file.

One route factory, ``grant_routes``, serves the grants of every parent kind (datasets' too,
from :mod:`.datasets`): they share the request body, the answer and the store; only the
parent, how it is checked and the permissions allowed differ (``store.grants.PERMISSIONS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

from fastapi import APIRouter, Body, Depends, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..state import EmulatorState
from .deps import Caller, State, ok, quick
from .paging import COUNTED, Listing, Window, paged

__all__ = ["GrantsBody", "Resolve", "grant_routes", "router"]

router = APIRouter()
P = ParamSpec("P")
R = TypeVar("R")


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


#: ``(state, caller, id in the path, whether to write) -> the id the grants hang on``: checks
#: the parent (Sigma's 404 or 403) and, for a connection path, finds its inode
Resolve = Callable[[EmulatorState, str, str, bool], str]


def _as_given(state: EmulatorState, caller: str, parent_id: str, write: bool) -> str:
    return parent_id


def grant_routes(
    router: APIRouter,
    parent: str,
    kind: str,
    *,
    lists: bool = True,
    shows: tuple[str, ...] = COUNTED,
    resolve: Resolve = _as_given,
    on_loop: bool = False,
) -> None:
    """Serve ``GET`` (unless not ``lists``), ``POST {parent}/grants`` and ``DELETE
    {parent}/grants/{grantId}`` for one parent kind (``store.grants.PERMISSIONS``). ``parent``
    ends in its id's path parameter (``/v2/workspaces/{workspaceId}``); ``shows`` are the
    list's optional fields; ``on_loop`` serves the list and the create with ``@quick``."""
    name = parent.rsplit("{", 1)[1].rstrip("}")
    slug = kind.replace(" ", "_")
    fast = quick if on_loop else _plain

    def list_(
        state: State,
        caller: Caller,
        parent_id: str = Path(alias=name),
        listing: Window = Depends(paged(shows)),
    ) -> JSONResponse:
        target = resolve(state, caller, parent_id, False)
        return listing.answer(state.store.grants.list(kind, target, **listing.span))

    def create(
        state: State,
        caller: Caller,
        body: Annotated[GrantsBody, Body()],
        parent_id: str = Path(alias=name),
    ) -> JSONResponse:
        target = resolve(state, caller, parent_id, True)
        grants = [g.model_dump(exclude_none=True) for g in body.grants]
        state.store.grants.add(kind, target, grants, caller)
        return ok({})

    def delete(
        state: State, caller: Caller, grantId: str, parent_id: str = Path(alias=name)
    ) -> JSONResponse:
        state.store.grants.delete(kind, resolve(state, caller, parent_id, True), grantId)
        return ok({})

    if lists:
        router.get(f"{parent}/grants", name=f"list_{slug}_grants")(fast(list_))
    router.post(f"{parent}/grants", name=f"create_{slug}_grants")(fast(create))
    router.delete(f"{parent}/grants/{{grantId}}", name=f"delete_{slug}_grant")(delete)


def _plain(handler: Callable[P, R]) -> Callable[P, R]:
    return handler


def _path_inode(state: EmulatorState, caller: str, path_id: str, write: bool) -> str:
    return str(state.store.connections.path_inode(path_id)["id"])


grant_routes(router, "/v2/workspaces/{workspaceId}", "workspace", on_loop=True)
grant_routes(router, "/v2/workbooks/{workbookId}", "workbook", lists=False)
grant_routes(router, "/v2/connections/{connectionId}", "connection", on_loop=True)
# A connection path is a database, schema or table of a connection: its inode id (what
# ``/v2/connection/{id}/lookup`` answers) or its url id (what ``/v2/connections/paths`` does).
grant_routes(
    router,
    "/v2/connections/paths/{connectionPathId}",
    "connection path",
    shows=("hasMore",),
    resolve=_path_inode,
)


class FileGrant(NewGrant):
    inodeId: str


@router.get("/v2/grants")
def list_grants(
    state: State,
    caller: Caller,
    listing: Listing,
    inodeId: str | None = None,
    teamId: str | None = None,
    userId: str | None = None,
    directGrantsOnly: bool | None = None,
) -> JSONResponse:
    """Grants on files (connections have their own list), direct ones only."""
    got = state.store.grants.query(
        inode_id=inodeId, team_id=teamId, member_id=userId, **listing.span
    )
    return listing.answer(got)


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
