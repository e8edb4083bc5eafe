"""Finding every input table: all of them, in order, and failures reported, not swallowed."""

from __future__ import annotations

from tests.helpers import route_count

from sigmakit import Sigma, Workbook
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.input_tables import InputTablesOptions, find_input_tables


def _expected(emulator: EmulatorServer) -> list[tuple[str, str, str]]:
    """(workbook id, page id, element id) of every input table of a live workbook, in the
    order the emulator keeps workbooks, pages and elements."""
    rows = emulator.state.store.db.all(
        "SELECT e.workbook_id, e.page_id, e.element_id FROM workbook_elements e "
        "JOIN inodes i ON i.id = e.workbook_id JOIN workbook_pages p ON p.page_id = e.page_id "
        "WHERE e.type = 'input-table' AND i.is_archived = 0 ORDER BY i.seq, p.seq, e.seq"
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_every_input_table_is_found_once_in_order(sigma: Sigma, emulator: EmulatorServer) -> None:
    report = find_input_tables(sigma, InputTablesOptions(concurrency=8))
    assert report.ok
    found = [(t.workbook_id, t.page_id, t.element_id) for t in report.tables]
    assert found == _expected(emulator)
    assert len(found) > 2
    live = emulator.state.store.db.scalar(
        "SELECT count(*) FROM inodes i JOIN workbooks w ON w.workbook_id = i.id "
        "WHERE i.is_archived = 0"
    )
    assert report.workbooks_scanned == live
    first = report.tables[0]
    assert first.element_name in ("Regional Targets", "Forecast Adjustments")
    assert first.columns and first.page_name and first.workbook_name
    # one pages list per workbook, one elements list per page, one workbook listing
    assert route_count(emulator, "GET /v2/workbooks/{workbookId}/pages") == live
    assert route_count(emulator, "GET /v2/workbooks") == 1


def test_one_request_at_a_time_finds_the_same(sigma: Sigma, emulator: EmulatorServer) -> None:
    one = find_input_tables(sigma, InputTablesOptions(concurrency=1))
    assert [t.element_id for t in one.tables] == [e for _, _, e in _expected(emulator)]


def test_a_workbook_gone_mid_scan_is_reported_and_the_rest_still_scanned(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    listed = list(sigma.workbooks.list(skip_permission_check=True))
    last = listed[-1]
    db = emulator.state.store.db
    deleted: list[str] = []

    def delete_last_once(workbook: Workbook, ok: bool) -> None:
        if not deleted:  # after the first workbook; the last one is not started yet
            with db.tx() as conn:
                conn.execute("DELETE FROM workbooks WHERE workbook_id = ?", (last.workbook_id,))
            deleted.append(last.workbook_id)

    expected = [e for wb, _, e in _expected(emulator) if wb != last.workbook_id]
    report = find_input_tables(
        sigma, InputTablesOptions(concurrency=1), on_workbook=delete_last_once
    )
    assert not report.ok
    [failure] = report.failures
    assert (failure.subject, failure.id, failure.status) == (last.name, last.workbook_id, "failed")
    assert "404" in failure.message
    assert [t.element_id for t in report.tables] == expected
    assert report.workbooks_scanned == len(listed)
