"""The control plane for long jobs (exports, materializations), under ``/__emulator/jobs``.

``PUT`` sets how new jobs advance (``{"mode": "clock"|"immediate"|"manual",
"stageSeconds": 3, "exportTiming": "size"|"stages"}``) and how long exports stay
downloadable (``{"exportTtl": 3600}``);
``POST .../step`` and ``POST .../finish`` move unfinished jobs (all, or ``{"jobId"}``) on now.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..errors import BadRequest
from .deps import State, ok

router = APIRouter(prefix="/__emulator/jobs")


def _settings(state: State) -> dict[str, Any]:
    return {**state.store.jobs.settings(), "exportTtl": state.config.export_ttl}


def _jobs(state: State, job_id: str | None = None) -> list[dict[str, Any]]:
    return [j.to_dict() for j in state.store.jobs.all() if job_id in (None, j.job_id)]


@router.get("")
def get_jobs(state: State) -> JSONResponse:
    return ok({**_settings(state), "jobs": _jobs(state)})


@router.put("")
def set_jobs(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
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
    return ok(_settings(state))


def _target(body: dict[str, Any] | None) -> tuple[str | None, int]:
    body = body or {}
    job_id = body.get("jobId")
    steps = body.get("steps", 1)
    if job_id is not None and not isinstance(job_id, str):
        raise BadRequest("jobId must be a string")
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 2:
        raise BadRequest("steps must be 1 or 2")
    return job_id, steps


@router.post("/step")
def step_jobs(state: State, body: dict[str, Any] | None = Body(default=None)) -> JSONResponse:
    """Pending jobs start, running ones finish."""
    job_id, steps = _target(body)
    state.store.jobs.step(job_id, steps)
    return ok({"jobs": _jobs(state, job_id)})


@router.post("/finish")
def finish_jobs(state: State, body: dict[str, Any] | None = Body(default=None)) -> JSONResponse:
    job_id, _ = _target(body)
    state.store.jobs.finish(job_id)
    return ok({"jobs": _jobs(state, job_id)})
