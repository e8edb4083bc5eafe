"""Running a workbook's materializations and waiting for all of them."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.workbook_jobs import EmulatorTime, jobs_started, workbook

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.materialize import MaterializeOptions, materialize

FAILURE = "warehouse said no"


def _options(workbook_id: str, t: EmulatorTime, **kw: Any) -> MaterializeOptions:
    return MaterializeOptions(workbook_id, sleep=t.sleep, clock=t.clock, **kw)


def test_the_only_schedule_runs_and_ends_ready(sigma: Sigma, emulator: EmulatorServer) -> None:
    wb = workbook(sigma, "Sales Overview")
    t = EmulatorTime(emulator)
    seen: list[str] = []
    report = materialize(
        sigma, _options(wb.workbook_id, t), on_progress=lambda r: seen.append(r.runs[0].status)
    )
    assert report.ok
    [run] = report.runs
    assert (run.element_name, run.status) == ("Orders", "ready")
    assert run.materialization_id is not None and run.seconds is not None
    assert "pending" in seen or "building" in seen  # it did wait
    assert [j["jobId"] for j in jobs_started(emulator)] == [run.materialization_id]


def test_jobs_still_running_at_the_timeout_are_reported_so(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    wb = workbook(sigma, "Sales Overview")
    t = EmulatorTime()  # the emulator's clock stands still: the job never moves on
    report = materialize(sigma, _options(wb.workbook_id, t, timeout=30))
    [run] = report.runs
    assert run.status == "timed out"
    assert "after 30 s" in run.message
    assert sum(t.sleeps) == pytest.approx(30)
    assert not report.ok
