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

from .. import control
from .deps import State, ok

router = APIRouter(prefix="/__emulator/jobs")


@router.get("")
def get_jobs(state: State) -> JSONResponse:
    return ok(control.jobs_view(state))


@router.put("")
def set_jobs(state: State, body: dict[str, Any] = Body(...)) -> JSONResponse:
    return ok(control.set_jobs(state, body))


@router.post("/step")
def step_jobs(state: State, body: dict[str, Any] | None = Body(default=None)) -> JSONResponse:
    """Pending jobs start, running ones finish."""
    return ok(control.step_jobs(state, body))


@router.post("/finish")
def finish_jobs(state: State, body: dict[str, Any] | None = Body(default=None)) -> JSONResponse:
    return ok(control.finish_jobs(state, body))
