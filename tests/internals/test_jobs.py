"""SDK export jobs against an emulator whose export folder cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.internals.peek import unwritable_export_folder

from sigmakit import (
    JobFailedError,
    Sigma,
    download_export,
)
from sigmakit.emulator import EmulatorServer


def finish_at_once(emulator: EmulatorServer) -> None:
    with emulator.control() as control:
        control.put("/jobs", json={"mode": "immediate"}).raise_for_status()


def _table(sigma: Sigma) -> tuple[str, str, list[str]]:
    for wb in sigma.workbooks.list():
        for page in sigma.workbooks.pages(wb.workbook_id):
            for element in sigma.workbooks.elements(wb.workbook_id, page.page_id):
                if element.type == "table":
                    return wb.workbook_id, element.element_id, element.columns
    pytest.fail("no seeded workbook has a table")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder to download into."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_a_failed_export_raises_and_writes_nothing(
    sigma: Sigma, emulator: EmulatorServer, out: Path
) -> None:
    workbook_id, element_id, _ = _table(sigma)
    finish_at_once(emulator)
    with unwritable_export_folder(emulator):
        query_id = sigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    with pytest.raises(JobFailedError, match="could not be written"):
        download_export(sigma, query_id, out / "x.csv", sleep=lambda _: None)
    assert _leftovers(out) == []
