"""The export workflow's rows counted in the emulator's dataset."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from tests.support.workbook_jobs import EmulatorTime

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.export import ExportOptions, export


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


def _orders(emulator: EmulatorServer, start: str, end: str, region: str) -> int:
    """How many order lines the emulator's data has in that range and region."""
    return int(
        emulator.state.store.db.scalar(
            "SELECT count(*) FROM ds_order_lines WHERE order_date >= ? AND order_date < ? "
            "AND region = ?",
            (start, end, region),
        )
    )


def test_an_element_by_name_with_controls_by_name_and_id(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    dest = out / "orders.csv"
    t = EmulatorTime(emulator)
    result = export(
        sigma,
        _options(
            dest,
            t,
            element="Orders",
            params=[("Region", "West")],
            date_ranges=[("Order Date", "2024-01-01..2024-03-31")],
        ),
    )
    assert result.path == dest and result.size == dest.stat().st_size
    rows = list(csv.DictReader(dest.read_text().splitlines()))
    assert rows and {r["Region"] for r in rows} == {"West"}
    assert all("2024-01-01" <= r["Order Date"] < "2024-04-01" for r in rows)
    assert len(rows) == _orders(emulator, "2024-01-01", "2024-04-01", "West")
    assert sorted(p.name for p in out.iterdir()) == ["orders.csv"]
