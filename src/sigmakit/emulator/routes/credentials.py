"""``/v2/credentials`` (client credentials to sign in with) and ``/v2/api-credentials``
(credentials Sigma's API connectors use)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.credentials import CredentialStore
from .deps import Caller, State, ok
from .token_paging import TokenListing

router = APIRouter()


def _store(state: State) -> CredentialStore:
    return state.store.get(CredentialStore)


@router.post("/v2/credentials")
def create_client_credentials(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).create_client(body, caller))


@router.delete("/v2/credentials/{clientId}")
def delete_client_credentials(state: State, caller: Caller, clientId: str) -> JSONResponse:
    _store(state).delete_client(clientId, caller)
    return ok({})


@router.get("/v2/api-credentials")
def list_api_credentials(
    state: State,
    caller: Caller,
    listing: TokenListing,
    orderBy: str | None = None,
    name: str | None = None,
) -> JSONResponse:
    return listing.answer(_store(state).list(caller, name=name, order_by=orderBy))


@router.post("/v2/api-credentials")
def create_api_credential(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).create(body, caller))


@router.get("/v2/api-credentials/{apiCredentialId}")
def get_api_credential(state: State, caller: Caller, apiCredentialId: str) -> JSONResponse:
    return ok(_store(state).get(apiCredentialId, caller))


@router.patch("/v2/api-credentials/{apiCredentialId}")
def update_api_credential(
    state: State, caller: Caller, apiCredentialId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).update(apiCredentialId, body, caller))


@router.delete("/v2/api-credentials/{apiCredentialId}")
def delete_api_credential(state: State, caller: Caller, apiCredentialId: str) -> JSONResponse:
    _store(state).delete(apiCredentialId, caller)
    return ok({})
