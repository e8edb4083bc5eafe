"""The control plane, under ``/__emulator`` (not ``/v2``): reset, faults, clock, counts.

Loopback clients need no token (this is the owner's panel); any other client needs the
control token: see ``access.py``, checked for every ``/__emulator`` path by the middleware.
The rules are in ``emulator/control.py``, which the console calls too.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from .. import control
from ..errors import BadRequest
from .deps import State, ok

router = APIRouter(prefix="/__emulator")


@router.get("/health")
def health(state: State) -> JSONResponse:
    return ok(control.health(state))


@router.post("/reset")
def reset(state: State, body: dict[str, Any] | None = Body(default=None)) -> JSONResponse:
    """Lay the demo organization down again, optionally with another seed, size or set of
    account types (``"account_types": "legacy"`` or ``["Admin", "Analyst"]``)."""
    return ok(control.reset(state, body))


@router.get("/stats")
def stats(state: State) -> JSONResponse:
    return ok({**state.stats.snapshot(), "faultsInjected": dict(state.faults.injected)})


@router.delete("/stats")
def clear_stats(state: State) -> JSONResponse:
    state.stats.reset()
    return ok({})


@router.get("/requests")
def recent_requests(state: State, route: str = "", status: str = "") -> JSONResponse:
    """The request log, newest first, as the console's Requests page shows it: ``route``
    a part of the route or path, ``status`` a code (``429``) or a class (``4xx``)."""
    entries = state.requests.recent(route=route, status=status)
    return ok({"entries": [asdict(entry) for entry in entries]})


@router.get("/faults")
def get_faults(state: State) -> JSONResponse:
    return ok(state.faults.config.to_dict())


@router.put("/faults")
def set_faults(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    """Change some fault knobs; the others keep their values. Restarts the fault sequence."""
    return ok(control.set_faults(state, body))


@router.post("/faults/next")
def queue_faults(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    """Faults for the very next API requests, in order: ``{"faults": ["rate_limit:2",
    "error:503", "rate_limit_no_hint", "rate_limit_html", "drop", "error_after:502",
    "drop_after"]}``; ``"drop_after@PATCH"`` waits for the next PATCH."""
    faults = body.get("faults")
    if not isinstance(faults, list):
        raise BadRequest("faults must be a list")
    try:
        state.faults.queue(faults)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    return ok({"queued": len(faults)})


@router.get("/settings")
def get_settings(state: State) -> JSONResponse:
    return ok(control.settings_view(state))


@router.put("/settings")
def set_settings(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    return ok(control.set_settings(state, body))


@router.post("/clock")
def advance_clock(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    """Move the emulator's clock forward (``{"advance": seconds}``): tokens and files age,
    and the jobs whose schedule this passes get their work done (see ``Jobs.settle``)."""
    return ok(control.advance_clock(state, body))
