"""Input-table scans with a workbook removed from the emulator's database mid-scan."""

from __future__ import annotations

from tests.support.helpers import all_entries

from sigmakit import Sigma, Workbook
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.input_tables import InputTablesOptions, find_input_tables


def _workbooks(emulator: EmulatorServer) -> list[str]:
    """Every live workbook's id, in the order the API lists them."""
    listed = all_entries(emulator, "/v2/workbooks", skipPermissionCheck="true")
    return [w["workbookId"] for w in listed]


def _pages(emulator: EmulatorServer, workbook_id: str) -> list[str]:
    return [p["pageId"] for p in all_entries(emulator, f"/v2/workbooks/{workbook_id}/pages")]


def _expected(emulator: EmulatorServer) -> list[tuple[str, str, str]]:
    """(workbook id, page id, element id) of every input table of a live workbook, in the
    order the API lists workbooks, pages and elements (walked page by page over HTTP; these
    requests add to the emulator's counts, so count first)."""
    return [
        (workbook_id, page_id, e["elementId"])
        for workbook_id in _workbooks(emulator)
        for page_id in _pages(emulator, workbook_id)
        for e in all_entries(emulator, f"/v2/workbooks/{workbook_id}/pages/{page_id}/elements")
        if e["type"] == "input-table"
    ]


def test_a_workbook_gone_mid_scan_is_reported_and_the_rest_still_scanned(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    listed = list(sigma.workbooks.list(skip_permission_check=True))
    last = listed[-1]
    expected = [e for wb, _, e in _expected(emulator) if wb != last.workbook_id]
    db = emulator.state.store.db
    deleted: list[str] = []

    def delete_last_once(workbook: Workbook, ok: bool) -> None:
        if not deleted:  # after the first workbook; the last one is not started yet
            # no API call makes a listed workbook vanish (DELETE only moves it to the
            # trash, where it still answers): remove the emulator's row, a unit-level setup
            with db.tx() as conn:
                conn.execute("DELETE FROM workbooks WHERE workbook_id = ?", (last.workbook_id,))
            deleted.append(last.workbook_id)

    report = find_input_tables(
        sigma, InputTablesOptions(concurrency=1), on_workbook=delete_last_once
    )
    assert not report.ok
    [failure] = report.failures
    assert (failure.subject, failure.id, failure.status) == (last.name, last.workbook_id, "failed")
    assert "404" in failure.message
    assert [t.element_id for t in report.tables] == expected
    assert report.workbooks_scanned == len(listed)
