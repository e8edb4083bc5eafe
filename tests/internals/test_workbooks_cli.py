"""sigmakit workbooks commands against an emulator broken on purpose inside (a page row renamed, the export folder unwritable)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.internals.peek import unwritable_export_folder
from tests.support.helpers import all_entries, run
from tests.support.workbook_jobs import job_mode

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def _workbooks(emulator: EmulatorServer) -> list[dict[str, Any]]:
    """Every live workbook, as ``GET /v2/workbooks`` lists them."""
    return all_entries(emulator, "/v2/workbooks", skipPermissionCheck="true")


def test_input_tables_reports_a_broken_workbook_and_exits_1(emulator: EmulatorServer) -> None:
    """A workbook listing a page that the server then cannot find (404): every table found
    is still listed, the broken workbook is named on stderr, and the exit code is 1."""
    first = _workbooks(emulator)[0]
    page = all_entries(emulator, f"/v2/workbooks/{first['workbookId']}/pages")[0]
    broken = (first["workbookId"], first["name"], page["pageId"])
    # no API makes a listed page vanish: break the emulator's own row (a unit-level setup)
    with emulator.state.store.db.tx() as conn:
        conn.execute(
            "UPDATE workbook_pages SET page_id = ? WHERE page_id = ?",
            (f"{broken[2]}/gone", broken[2]),
        )
    code, out, err = run("workbooks", "input-tables", "-o", "jsonl")
    assert code == 1
    assert f"failed: {broken[1]} ({broken[0]}): could not read page {broken[2]}/gone" in err
    assert "HTTP 404" in err
    assert "; 1 workbooks could not be read" in err
    listed = {json.loads(line)["workbookId"] for line in out.splitlines()}
    assert len(listed - {broken[0]}) > 1


def test_a_failed_export_is_one_line_and_writes_nothing(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    job_mode(emulator, "immediate")
    folder = tmp_path / "out"
    folder.mkdir()
    dest = folder / "orders.csv"
    with unwritable_export_folder(emulator):
        code, out, err = run(
            "workbooks", "export", "Sales Overview", "--element", "Orders", "--format", "csv",
            "--out", str(dest),
        )  # fmt: skip
    assert (code, out) == (8, "")
    assert len(err.strip().splitlines()) == 1 and "could not be written" in err
    assert "Traceback" not in err
    assert list(folder.iterdir()) == []
