"""What every route needs: the emulator state, the calling member, JSON answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from ..errors import Unauthorized
from ..state import EmulatorState

__all__ = ["Caller", "State", "get_state", "ok", "require_caller"]


def get_state(request: Request) -> EmulatorState:
    state: EmulatorState = request.app.state.emulator
    return state


#: API paths that take no bearer token
OPEN_PATHS = frozenset({"/v2/auth/token"})


def _bearer_member(request: Request) -> tuple[str | None, str]:
    """The member behind the bearer token, or None and Sigma's 401 message."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None, "Token missing or malformed"
    member = get_state(request).store.tokens.member_for(token)
    return member, "Token expired or invalid"


def token_refusal(request: Request) -> str | None:
    """Sigma's 401 message if the request has no valid bearer token, else None."""
    member, refusal = _bearer_member(request)
    return refusal if member is None else None


async def require_caller(request: Request) -> str:
    """The member behind the bearer token, or Sigma's 401.

    Async on purpose (like ``_state`` below): FastAPI runs a sync dependency on a worker
    thread, and that hop was a quarter of the emulator's time per request."""
    member, refusal = _bearer_member(request)
    if member is None:
        raise Unauthorized(refusal)
    return member


async def _state(request: Request) -> EmulatorState:
    return get_state(request)


State = Annotated[EmulatorState, Depends(_state)]
Caller = Annotated[str, Depends(require_caller)]


def ok(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)
