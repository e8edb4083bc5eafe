"""Exports named the way people name things, checked before anything is sent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.support.workbook_jobs import EmulatorTime, job_mode, jobs_started

from sigmakit import InputError, JobTimeoutError, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.export import ExportOptions, date_range, export, plan_export


def _options(dest: Path, t: EmulatorTime, **kw: Any) -> ExportOptions:
    kw.setdefault("workbook", "Sales Overview")
    kw.setdefault("format", "csv")
    return ExportOptions(dest=dest, sleep=t.sleep, clock=t.clock, **kw)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the files."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("2024-01-01..2024-03-31", "min:2024-01-01,max:2024-03-31"),
        ("..2024-03-31", "min:,max:2024-03-31"),
        ("2024-01-01..", "min:2024-01-01,max:"),
        ("2024-01-01T08:30..2024-01-02T17:00:59", "min:2024-01-01T08:30,max:2024-01-02T17:00:59"),
        ("prior-month-3..current-month", "min:prior-month-3,max:current-month"),
    ],
)
def test_date_ranges_become_sigmas_min_max(text: str, wire: str) -> None:
    assert date_range(text) == wire


@pytest.mark.parametrize(
    "text",
    [
        "..",
        "2024-01-01",
        "2024-1-1..2024-02-01",
        "yesterday..today",
        "2024-13-01..",  # no such month
        "..2023-02-29",  # no such day
        "2024-03-31..2024-01-01",  # ends before it starts
    ],
)
def test_bad_date_ranges_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        date_range(text)


def test_a_page_by_name_and_the_plan_has_ids(sigma: Sigma, out: Path) -> None:
    plan = plan_export(
        sigma,
        ExportOptions(
            workbook="Sales Overview",
            dest=out / "s.pdf",
            format="pdf",
            page="Stores",
            layout="landscape",
            params=[("Category", "Footwear,Cycling")],
        ),
    )
    pages = {p.name: p.page_id for p in sigma.workbooks.pages(plan.workbook.workbook_id)}
    assert plan.page_id == pages["Stores"] and plan.element_id is None
    assert plan.parameters == {"Category": "Footwear,Cycling"}


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"element": "Nope"}, r"no element 'Nope'; valid elements: .*\(Orders\)"),
        ({"page": "Nope", "format": "pdf"}, r"no page 'Nope'; valid pages: .*\(Stores\)"),
        (
            {"element": "Orders", "params": [("Colour", "Red")]},
            r"no control 'Colour'; valid controls: .*Region",
        ),
        (
            {"element": "Orders", "date_ranges": [("Region", "2024-01-01..2024-02-01")]},
            r"control Region .* takes text-list values, not a date range",
        ),
        ({"page": "Stores", "format": "csv"}, r"a page exports as pdf, png, xlsx"),
        ({}, r"a whole workbook exports as pdf, xlsx, not 'csv'"),
        ({"layout": "landscape", "element": "Orders"}, r"layout applies to pdf"),
        ({"element": "Orders", "page": "Stores"}, r"not both"),
    ],
)
def test_a_wrong_target_exports_nothing(
    sigma: Sigma, emulator: EmulatorServer, out: Path, kw: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        export(sigma, _options(out / "x.out", EmulatorTime(emulator), **kw))
    assert jobs_started(emulator) == []
    assert list(out.iterdir()) == []


def test_a_file_that_never_comes_leaves_nothing_behind(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    """Jobs that never move on (manual mode) and a clock that moves only when the wait
    sleeps: the same on any machine, however slow."""
    job_mode(emulator, "manual")
    t = EmulatorTime()  # the emulator's clock is not moved either

    def sleep(seconds: float) -> None:
        t.sleep(seconds)
        assert sum(t.sleeps) <= 20, "the wait went on past its timeout"

    options = replace(_options(out / "late.csv", t, element="Orders", timeout=20), sleep=sleep)
    with pytest.raises(JobTimeoutError):
        export(sigma, options)
    assert sum(t.sleeps) == pytest.approx(20)
    assert list(out.iterdir()) == []
