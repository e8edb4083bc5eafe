"""``/v2/accountTypes``: the organization's account types and their feature permissions."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..errors import Forbidden
from .deps import Caller, State, ok
from .token_paging import token_answer, token_window

router = APIRouter()


def _admin(state: State, caller: str) -> None:
    """Both operations need credentials owned by an Admin, as the description says."""
    if not state.store.permissions.is_admin(caller):
        raise Forbidden("Only an Admin may read account types")


@router.get("/v2/accountTypes")
def list_account_types(
    state: State,
    caller: Caller,
    pageToken: str | None = None,
    pageSize: int | None = None,
) -> JSONResponse:
    _admin(state, caller)
    offset, size = token_window(pageToken, pageSize)
    return token_answer(state.store.account_types.entries(), offset, size)


@router.get("/v2/accountTypes/{accountTypeId}/permissions")
def list_account_type_permissions(state: State, caller: Caller, accountTypeId: str) -> JSONResponse:
    _admin(state, caller)
    return ok(state.store.account_types.permissions(accountTypeId))
