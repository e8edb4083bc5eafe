"""What every route needs: the emulator state, the calling member, JSON answers."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from ..errors import Unauthorized
from ..state import EmulatorState

__all__ = ["Caller", "State", "get_state", "ok", "quick", "require_caller"]

P = ParamSpec("P")
R = TypeVar("R")


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


def quick(handler: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """Serve a quick handler (a few SQL statements under the store's lock) on the event
    loop instead of a worker thread.

    FastAPI runs a plain ``def`` handler on a worker thread; for the API's everyday routes
    that hop (the thread switch, the GIL hand-over and back) cost more CPU than the
    handler itself, about 0.4 ms a request. The handler's signature is kept (FastAPI reads
    it through ``__wrapped__``), so parameters, bodies and answers are unchanged. Anything
    that may take long (building an export file, a reseed) stays a plain ``def``: on the
    loop it would hold up every other request."""

    @functools.wraps(handler)
    async def on_loop(*args: P.args, **kwargs: P.kwargs) -> R:
        return handler(*args, **kwargs)

    return on_loop
