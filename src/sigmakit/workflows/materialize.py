"""Run a workbook's materializations now and wait for them: the QuickStart's
``initiate-materialization`` recipe, for one schedule or all of them.

Every job is started first, then all are polled together in one :func:`~sigmakit.jobs.poll`
loop under one overall timeout. A job that fails does not stop the others; a job still
running at the timeout is reported as such.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import InputError, JobTimeoutError, SigmaError
from ..jobs import (
    DEFAULT_JOB_TIMEOUT,
    DEFAULT_POLL_INTERVAL,
    MATERIALIZATION_FAILED,
    MATERIALIZATION_READY,
    Clock,
    Sleep,
    poll,
)

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.workbooks import MaterializationSchedule

__all__ = ["MaterializeOptions", "MaterializeReport", "MaterializeRun", "materialize"]

READY = "ready"
FAILED = "failed"
TIMED_OUT = "timed out"
NOT_STARTED = "not started"


@dataclass(frozen=True)
class MaterializeOptions:
    workbook_id: str
    #: the schedule's element, by name or sheet id; None: the workbook's only schedule
    element: str | None = None
    #: every schedule of the workbook
    all: bool = False
    timeout: float = DEFAULT_JOB_TIMEOUT
    poll_interval: float = DEFAULT_POLL_INTERVAL
    sleep: Sleep = time.sleep
    clock: Clock = time.monotonic


@dataclass
class MaterializeRun:
    """One materialization job: what it materialized and how it ended."""

    sheet_id: str
    element_name: str
    materialization_id: str | None = None
    #: pending/building while it runs; in the end ready, failed, timed out or not started
    status: str = "pending"
    message: str = ""
    seconds: float | None = None

    @property
    def finished(self) -> bool:
        return self.status in (READY, FAILED, NOT_STARTED)

    def to_dict(self) -> dict[str, Any]:
        return {
            "element": self.element_name,
            "status": self.status,
            "seconds": None if self.seconds is None else round(self.seconds, 1),
            "message": self.message,
            "sheetId": self.sheet_id,
            "materializationId": self.materialization_id,
        }


@dataclass
class MaterializeReport:
    workbook_id: str
    runs: list[MaterializeRun] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status == READY for r in self.runs)


def pick_schedules(
    schedules: list[MaterializationSchedule], element: str | None, every: bool
) -> list[MaterializationSchedule]:
    """The schedules to run; an unknown element or an unclear choice is an InputError."""
    if element is not None and every:
        raise InputError("give an element or --all, not both")
    if not schedules:
        raise InputError("this workbook has no materialization schedules")
    names = ", ".join(f"{s.element_name or '?'} ({s.sheet_id})" for s in schedules)
    if every:
        return schedules
    if element is None:
        if len(schedules) == 1:
            return schedules
        raise InputError(
            f"this workbook has {len(schedules)} materialization schedules; "
            f"name an element or use --all: {names}"
        )
    chosen = [s for s in schedules if element in (s.sheet_id, s.element_name)]
    if not chosen:
        raise InputError(f"no materialization schedule for {element!r}; valid elements: {names}")
    return chosen


def materialize(
    sigma: Sigma,
    options: MaterializeOptions,
    *,
    on_progress: Callable[[MaterializeReport], None] | None = None,
) -> MaterializeReport:
    """Start the chosen materializations, wait for all of them, report each one.

    ``on_progress`` sees the report after each round of polls.
    """
    schedules = list(sigma.workbooks.materialization_schedules(options.workbook_id))
    chosen = pick_schedules(schedules, options.element, options.all)
    report = MaterializeReport(options.workbook_id)
    started = options.clock()
    for schedule in chosen:
        run = MaterializeRun(schedule.sheet_id, schedule.element_name or schedule.sheet_id)
        report.runs.append(run)
        try:
            run.materialization_id = sigma.workbooks.materialize(
                options.workbook_id, schedule.sheet_id
            )
        except SigmaError as exc:
            run.status, run.message = NOT_STARTED, str(exc)

    def check() -> tuple[str, bool | None]:
        for run in report.runs:
            if run.finished or run.materialization_id is None:
                continue
            try:
                job = sigma.workbooks.materialization(options.workbook_id, run.materialization_id)
            except SigmaError as exc:
                run.status, run.message = FAILED, f"could not read its status: {exc}"
                continue
            status = job.status.lower()
            if status in MATERIALIZATION_READY:
                run.status, run.seconds = READY, options.clock() - started
            elif status in MATERIALIZATION_FAILED:
                run.status, run.seconds = FAILED, options.clock() - started
                run.message = f"{status}: {job.error}" if job.error else status
            else:
                run.status = status
        if on_progress is not None:
            on_progress(report)
        left = sum(not r.finished for r in report.runs)
        return f"{left} of {len(report.runs)} still running", (True if left == 0 else None)

    try:
        poll(
            check,
            job="materialization",
            job_id=options.workbook_id,
            timeout=options.timeout,
            poll_interval=options.poll_interval,
            sleep=options.sleep,
            clock=options.clock,
        )
    except JobTimeoutError:
        for run in report.runs:
            if not run.finished:
                run.message = f"still {run.status} after {options.timeout:g} s"
                run.status = TIMED_OUT
    return report
