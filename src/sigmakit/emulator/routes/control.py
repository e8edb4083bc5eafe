"""The control plane, under ``/__emulator`` (not ``/v2``): reset, faults, clock, counts.

Loopback clients need no token (this is the owner's panel); any other client needs the
control token: see ``access.py``, checked for every ``/__emulator`` path by the middleware.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..config import SeedSizes
from ..errors import BadRequest
from ..store.account_types import account_type_specs
from .deps import State, ok

router = APIRouter(prefix="/__emulator")


@router.get("/health")
def health(state: State) -> JSONResponse:
    return ok({"status": "ok", "members": state.store.db.scalar("SELECT count(*) FROM members")})


@router.post("/reset")
def reset(state: State, body: dict[str, Any] | None = Body(default=None)) -> JSONResponse:
    """Lay the demo organization down again, optionally with another seed, size or set of
    account types (``"account_types": "legacy"`` or ``["Admin", "Analyst"]``)."""
    body = body or {}
    config = state.config
    try:
        if "seed" in body:
            config.seed = int(body["seed"])
        size_names = {f.name for f in fields(SeedSizes)}
        # pages_per_workbook may be null: 1 to 4 pages, varying
        sizes: dict[str, Any] = {
            k: None if v is None and k == "pages_per_workbook" else int(v)
            for k, v in body.items()
            if k in size_names
        }
    except (TypeError, ValueError):
        raise BadRequest("seed and sizes must be whole numbers") from None
    if any(v is not None and v < 0 for v in sizes.values()):
        raise BadRequest("sizes must not be negative")
    if sizes.get("pages_per_workbook") == 0:
        raise BadRequest("pages_per_workbook must be at least 1")
    account_types = body.get("account_types")
    if account_types is not None:
        try:
            if not isinstance(account_types, str | list) or not all(
                isinstance(name, str) for name in account_types
            ):
                raise ValueError("account_types is default, legacy, all or a list of names")
            account_type_specs(account_types)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None
        config.account_types = (
            account_types if isinstance(account_types, str) else ",".join(account_types)
        )
    config.sizes = replace(config.sizes, **sizes)
    result = state.reseed()
    return ok({"organizationId": result.org_id, "adminId": result.admin_id, "seed": config.seed})


@router.get("/stats")
def stats(state: State) -> JSONResponse:
    return ok({**state.stats.snapshot(), "faultsInjected": dict(state.faults.injected)})


@router.delete("/stats")
def clear_stats(state: State) -> JSONResponse:
    state.stats.reset()
    return ok({})


@router.get("/faults")
def get_faults(state: State) -> JSONResponse:
    return ok(state.faults.config.to_dict())


@router.put("/faults")
def set_faults(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    """Change some fault knobs; the others keep their values. Restarts the fault sequence."""
    current = state.faults.config
    known = {f.name for f in fields(current)}
    unknown = set(body) - known
    if unknown:
        raise BadRequest(f"unknown fault settings: {', '.join(sorted(unknown))}")
    try:
        changes: dict[str, Any] = {
            k: (None if v is None else int(v)) if k == "seed" else float(v) for k, v in body.items()
        }
        updated = replace(current, **changes)
        state.faults.configure(updated)
    except (TypeError, ValueError) as exc:
        raise BadRequest(str(exc)) from None
    return ok(updated.to_dict())


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
    return ok({"tokenTtl": state.config.token_ttl, "legacyLists": state.config.legacy_lists})


@router.put("/settings")
def set_settings(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    if "tokenTtl" in body:
        ttl = body["tokenTtl"]
        if not isinstance(ttl, int) or ttl < 1:
            raise BadRequest("tokenTtl must be a whole number of seconds >= 1")
        state.config.token_ttl = ttl
    if "legacyLists" in body:
        state.config.legacy_lists = bool(body["legacyLists"])
    return get_settings(state)


@router.post("/clock")
def advance_clock(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    """Move the emulator's clock forward (``{"advance": seconds}``): tokens and files age,
    and the jobs whose schedule this passes get their work done (see ``Jobs.settle``)."""
    try:
        seconds = float(body["advance"])
    except (KeyError, TypeError, ValueError):
        raise BadRequest("advance must be a number of seconds") from None
    if seconds < 0:
        raise BadRequest("the clock only moves forward")
    state.clock.advance(seconds)
    state.store.jobs.settle()
    return ok({"now": state.clock.iso()})
