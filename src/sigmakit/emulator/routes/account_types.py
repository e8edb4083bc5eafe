"""``/v2/accountTypes``: the organization's account types and their feature permissions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..errors import Forbidden
from .deps import Caller, State, ok, quick
from .token_paging import TokenListing

router = APIRouter()


def _admin(state: State, caller: str) -> None:
    """Every operation needs credentials owned by an Admin, as the description says."""
    if not state.store.permissions.is_admin(caller):
        raise Forbidden("Only an Admin may read or change account types")


class CreateAccountType(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    description: str
    permissions: list[str]


@router.get("/v2/accountTypes")
@quick
def list_account_types(
    state: State,
    caller: Caller,
    listing: TokenListing,
) -> JSONResponse:
    _admin(state, caller)
    return listing.answer(state.store.account_types.entries())


@router.get("/v2/accountTypes/{accountTypeId}/permissions")
def list_account_type_permissions(state: State, caller: Caller, accountTypeId: str) -> JSONResponse:
    _admin(state, caller)
    return ok(state.store.account_types.permissions(accountTypeId))


@router.post("/v2/accountTypes")
def create_account_type(
    state: State, caller: Caller, body: Annotated[CreateAccountType, Body()]
) -> JSONResponse:
    _admin(state, caller)
    created = state.store.account_types.create(state.store.org.get().id, body.model_dump())
    return ok(created, status=201)


@router.delete("/v2/accountTypes/{accountTypeId}")
def delete_account_type(
    state: State, caller: Caller, accountTypeId: str, reassignToAccountTypeId: str | None = None
) -> JSONResponse:
    _admin(state, caller)
    state.store.account_types.delete(accountTypeId, reassignToAccountTypeId)
    return ok({})
