"""The control plane's rules, as plain functions over the emulator's state: reset the
organization, change fault knobs and settings, move the clock, set and move long jobs.

The control routes (``routes/control.py``, ``routes/control_jobs.py``) and the web console
both call these, so a rule lives in one place and neither has to go through the other's
HTTP answers. Each takes the body as the API gives it and raises ``BadRequest``.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from .config import SeedSizes
from .errors import BadRequest
from .state import EmulatorState
from .store.account_types import account_type_specs

__all__ = [
    "advance_clock",
    "finish_jobs",
    "health",
    "jobs_view",
    "reset",
    "set_faults",
    "set_jobs",
    "set_settings",
    "settings_view",
    "step_jobs",
]


def health(state: EmulatorState) -> dict[str, Any]:
    return {"status": "ok", "members": state.store.members.count()}


def reset(state: EmulatorState, body: dict[str, Any] | None) -> dict[str, Any]:
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
    return {"organizationId": result.org_id, "adminId": result.admin_id, "seed": config.seed}


def set_faults(state: EmulatorState, body: dict[str, Any]) -> dict[str, Any]:
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
    return updated.to_dict()


def settings_view(state: EmulatorState) -> dict[str, Any]:
    return {"tokenTtl": state.config.token_ttl, "legacyLists": state.config.legacy_lists}


def set_settings(state: EmulatorState, body: dict[str, Any]) -> dict[str, Any]:
    if "tokenTtl" in body:
        ttl = body["tokenTtl"]
        if not isinstance(ttl, int) or ttl < 1:
            raise BadRequest("tokenTtl must be a whole number of seconds >= 1")
        state.config.token_ttl = ttl
    if "legacyLists" in body:
        state.config.legacy_lists = bool(body["legacyLists"])
    return settings_view(state)


def advance_clock(state: EmulatorState, body: dict[str, Any]) -> dict[str, Any]:
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
    return {"now": state.clock.iso()}


# ----- long jobs -----


def _job_settings(state: EmulatorState) -> dict[str, Any]:
    return {**state.store.jobs.settings(), "exportTtl": state.config.export_ttl}


def _jobs(state: EmulatorState, job_id: str | None = None) -> list[dict[str, Any]]:
    return [j.to_dict() for j in state.store.jobs.all() if job_id in (None, j.job_id)]


def jobs_view(state: EmulatorState) -> dict[str, Any]:
    """How new jobs advance, how long exports stay, and every job."""
    return {**_job_settings(state), "jobs": _jobs(state)}


def set_jobs(state: EmulatorState, body: dict[str, Any]) -> dict[str, Any]:
    unknown = set(body) - {"mode", "stageSeconds", "exportTtl", "exportTiming"}
    if unknown:
        raise BadRequest(f"unknown job settings: {', '.join(sorted(unknown))}")
    seconds = body.get("stageSeconds")
    if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int | float)):
        raise BadRequest("stageSeconds must be a number")
    if "exportTtl" in body:
        ttl = body["exportTtl"]
        if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 1:
            raise BadRequest("exportTtl must be a whole number of seconds >= 1")
        state.config.export_ttl = ttl
    state.store.jobs.configure(body.get("mode"), seconds, body.get("exportTiming"))
    return _job_settings(state)


def _target(body: dict[str, Any] | None) -> tuple[str | None, int]:
    body = body or {}
    job_id = body.get("jobId")
    steps = body.get("steps", 1)
    if job_id is not None and not isinstance(job_id, str):
        raise BadRequest("jobId must be a string")
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 2:
        raise BadRequest("steps must be 1 or 2")
    return job_id, steps


def step_jobs(state: EmulatorState, body: dict[str, Any] | None) -> dict[str, Any]:
    """Pending jobs start, running ones finish (all, or ``{"jobId"}``)."""
    job_id, steps = _target(body)
    state.store.jobs.step(job_id, steps)
    return {"jobs": _jobs(state, job_id)}


def finish_jobs(state: EmulatorState, body: dict[str, Any] | None) -> dict[str, Any]:
    job_id, _ = _target(body)
    state.store.jobs.finish(job_id)
    return {"jobs": _jobs(state, job_id)}
