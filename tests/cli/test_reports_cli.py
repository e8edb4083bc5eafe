"""``sigmakit reports``, run against the emulator: stdout, stderr and exit codes apart, and
the files written (or not) read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.support.helpers import all_entries, route_count, run
from tests.support.workbook_jobs import job_mode

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def _reports(emulator: EmulatorServer) -> list[dict[str, Any]]:
    return all_entries(emulator, "/v2/reports", skipPermissionCheck="true")


def test_list_shows_every_report_and_filters_by_owner(emulator: EmulatorServer) -> None:
    code, out, err = run("reports", "list", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["reportId"] for r in rows] == [r["reportId"] for r in _reports(emulator)]
    assert len(rows) == 3 and all("/report/" in r["url"] for r in rows)
    pack = next(r for r in rows if r["name"] == "Executive Monthly Pack")
    owner = all_entries(emulator, "/v2/members")
    email = next(m["email"] for m in owner if m["memberId"] == pack["ownerId"])
    code, out, err = run("reports", "list", "--owner", email, "-o", "csv", "--fields", "name")
    assert code == 0, err
    assert out.splitlines() == ["name", "Executive Monthly Pack"]
    code, out, err = run("reports", "list", "--fields", "name,nope")
    assert code == 2 and out == "" and "nope" in err


def test_get_pages_and_sources_by_name(emulator: EmulatorServer) -> None:
    code, out, err = run("reports", "get", "Weekly Sales Report", "-o", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["name"] == "Weekly Sales Report" and shown["latestVersion"] == 3
    code, out, err = run("reports", "pages", "Weekly Sales Report", "-o", "json")
    assert code == 0, err
    assert [p["name"] for p in json.loads(out)] == ["Summary", "Stores"]
    code, out, err = run("reports", "sources", "Weekly Sales Report", "-o", "json")
    assert code == 0, err
    assert {s["type"] for s in json.loads(out)} == {"data-model", "dataset", "table"}
    code, out, err = run("reports", "get", "Weekly Sales Reprot")
    assert (code, out) == (5, "")
    assert len(err.strip().splitlines()) == 1 and "Weekly Sales Report" in err
    assert "Traceback" not in err


def test_export_a_page_to_a_pdf(emulator: EmulatorServer, tmp_path: Path) -> None:
    job_mode(emulator, "immediate")
    dest = tmp_path / "stores.pdf"
    code, _, err = run(
        "reports", "export", "Weekly Sales Report", "--page", "Stores",
        "--layout", "landscape", "--out", str(dest),
    )  # fmt: skip
    assert code == 0, err
    assert dest.read_bytes().startswith(b"%PDF")
    # an existing file is kept unless --force, and nothing is exported
    exports = route_count(emulator, "POST /v2/reports/{reportId}/export")
    assert exports >= 1
    code, out, err = run("reports", "export", "Weekly Sales Report", "--out", str(dest))
    assert (code, out) == (2, "") and "exists" in err
    assert route_count(emulator, "POST /v2/reports/{reportId}/export") == exports
    code, _, err = run("reports", "export", "Weekly Sales Report", "--out", str(dest), "--force")
    assert code == 0, err


def test_a_wrong_page_is_one_line_and_exports_nothing(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    dest = tmp_path / "never.pdf"
    exports = route_count(emulator, "POST /v2/reports/{reportId}/export")
    code, out, err = run(
        "reports", "export", "Weekly Sales Report", "--page", "Nope", "--out", str(dest)
    )
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "valid pages: " in err and "Stores" in err
    assert not dest.exists()
    assert route_count(emulator, "POST /v2/reports/{reportId}/export") == exports
