"""``/v2/connections``: connections, their table catalogue, looking a path up and syncing
(grants: :mod:`.grants`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from .deps import Caller, State, ok, quick
from .paging import Listing
from .token_paging import TokenListing

router = APIRouter()


class SyncBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    #: ``["DATABASE", "SCHEMA", "TABLE"]`` or a shorter prefix; ``[]`` syncs everything
    path: list[str]


# The fixed paths come before ``/v2/connections/{connectionId}``, which would match them.
@router.get("/v2/connections/paths")
def list_connection_paths(
    state: State,
    caller: Caller,
    listing: Listing,
    connectionId: str | None = None,
) -> JSONResponse:
    got = state.store.connections.paths(connection_id=connectionId, **listing.span)
    return listing.answer(got)


@router.get("/v2/connections/paths/{inodeId}")
def get_connection_path(state: State, caller: Caller, inodeId: str) -> JSONResponse:
    return ok(state.store.connections.path(inodeId))


@router.get("/v2/connections")
@quick
def list_connections(
    state: State,
    caller: Caller,
    listing: Listing,
    search: str | None = None,
    includeArchived: bool = False,
) -> JSONResponse:
    got = state.store.connections.list(
        search=search, include_archived=includeArchived, **listing.span
    )
    return listing.answer(got)


@router.get("/v2/connections/tables/{tableId}/columns")
def list_table_columns(
    state: State,
    caller: Caller,
    tableId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(state.store.connections.table_columns(tableId))


@router.post("/v2/connections")
def create_connection(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    """201 with the new connection, as the description says (not 200)."""
    return ok(state.store.connections.create(body, caller), status=201)


@router.get("/v2/connections/{connectionId}")
@quick
def get_connection(state: State, caller: Caller, connectionId: str) -> JSONResponse:
    return ok(state.store.connections.get(connectionId))


@router.put("/v2/connections/{connectionId}")
def replace_connection(
    state: State, caller: Caller, connectionId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(state.store.connections.replace(connectionId, body, caller))


@router.patch("/v2/connections/{connectionId}")
def update_connection(
    state: State, caller: Caller, connectionId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(state.store.connections.update(connectionId, body, caller))


@router.delete("/v2/connections/{connectionId}")
def delete_connection(state: State, caller: Caller, connectionId: str) -> JSONResponse:
    state.store.connections.delete(connectionId, caller)
    return ok({})


@router.get("/v2/connections/{connectionId}/test")
def test_connection(state: State, caller: Caller, connectionId: str) -> JSONResponse:
    return ok(state.store.connections.test(connectionId))


@router.post("/v2/connection/{connectionId}/lookup")
def lookup_connection_path(
    state: State,
    caller: Caller,
    connectionId: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    """A database, schema or table by its path: ``{"kind", "inodeId", "url"}`` (note the
    singular ``/v2/connection/``, as Sigma has it)."""
    return ok(state.store.connections.lookup(connectionId, body.get("path")))


@router.post("/v2/connections/{connectionId}/sync")
def sync_connection(
    state: State,
    caller: Caller,
    connectionId: str,
    body: Annotated[SyncBody, Body()],
    useServiceAccount: bool | None = None,
) -> JSONResponse:
    state.store.connections.sync(connectionId, body.path)
    return ok({})
