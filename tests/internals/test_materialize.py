"""Materialization workflows over schedules added to the emulator's store (Sigma's API cannot create one)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.internals.peek import add_schedule
from tests.support.workbook_jobs import EmulatorTime, element_id, jobs_started, workbook

from sigmakit import InputError, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.materialize import MaterializeOptions, materialize

FAILURE = "warehouse said no"


def _options(workbook_id: str, t: EmulatorTime, **kw: Any) -> MaterializeOptions:
    return MaterializeOptions(workbook_id, sleep=t.sleep, clock=t.clock, **kw)


def test_all_runs_every_schedule_and_one_failure_stops_no_other(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    wb = workbook(sigma, "Sales Overview")
    add_schedule(emulator, element_id(sigma, wb.workbook_id, "Store Performance"))
    add_schedule(emulator, element_id(sigma, wb.workbook_id, "Top Products"), fails=FAILURE)
    report = materialize(sigma, _options(wb.workbook_id, EmulatorTime(emulator), all=True))
    assert not report.ok
    assert {r.element_name: r.status for r in report.runs} == {
        "Orders": "ready",
        "Store Performance": "ready",
        "Top Products": "failed",
    }
    failed = next(r for r in report.runs if r.status == "failed")
    assert FAILURE in failed.message
    assert len(jobs_started(emulator)) == 3


def test_an_element_is_chosen_by_name_or_sheet_id(sigma: Sigma, emulator: EmulatorServer) -> None:
    wb = workbook(sigma, "Sales Overview")
    sheet = element_id(sigma, wb.workbook_id, "Store Performance")
    add_schedule(emulator, sheet)
    for ref in ("Store Performance", sheet):
        report = materialize(sigma, _options(wb.workbook_id, EmulatorTime(emulator), element=ref))
        assert [(r.sheet_id, r.status) for r in report.runs] == [(sheet, "ready")]


def test_an_unclear_choice_starts_nothing(sigma: Sigma, emulator: EmulatorServer) -> None:
    wb = workbook(sigma, "Sales Overview")
    add_schedule(emulator, element_id(sigma, wb.workbook_id, "Store Performance"))
    t = EmulatorTime(emulator)
    with pytest.raises(InputError, match=r"name an element or use --all: Orders \("):
        materialize(sigma, _options(wb.workbook_id, t))
    with pytest.raises(InputError, match=r"no materialization schedule for 'Nope'.*Orders"):
        materialize(sigma, _options(wb.workbook_id, t, element="Nope"))
    assert jobs_started(emulator) == []
