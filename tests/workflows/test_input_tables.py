"""Finding every input table: all of them, in order, and failures reported, not swallowed."""

from __future__ import annotations

from tests.support.helpers import all_entries, emulator_settings, queue_faults, route_counts

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


def test_every_input_table_is_found_once_in_order(sigma: Sigma, emulator: EmulatorServer) -> None:
    report = find_input_tables(sigma, InputTablesOptions(concurrency=8))
    sent = route_counts(emulator)  # before the checks below make requests of their own
    assert report.ok
    found = [(t.workbook_id, t.page_id, t.element_id) for t in report.tables]
    assert found == _expected(emulator)
    assert len(found) > 2
    live = len(_workbooks(emulator))
    assert report.workbooks_scanned == live
    first = report.tables[0]
    assert first.element_name in ("Regional Targets", "Forecast Adjustments")
    assert first.columns and first.page_name and first.workbook_name
    # one workbook listing, one all-elements list per workbook; pages only of the workbooks
    # with an input table, and their elements page by page when there are several pages
    with_tables = {wb for wb, _, _ in found}
    pages = {wb: len(_pages(emulator, wb)) for wb in with_tables}
    assert sent["GET /v2/workbooks"] == 1
    assert sent["GET /v2/workbooks/{workbookId}/elements"] == live
    assert sent["GET /v2/workbooks/{workbookId}/pages"] == len(with_tables)
    assert sent.get("GET /v2/workbooks/{workbookId}/pages/{pageId}/elements", 0) == sum(
        pages[wb] for wb in with_tables if pages[wb] > 1
    )
    assert len(with_tables) < live and any(pages[wb] == 1 for wb in with_tables)


def test_one_request_at_a_time_finds_the_same(sigma: Sigma, emulator: EmulatorServer) -> None:
    one = find_input_tables(sigma, InputTablesOptions(concurrency=1))
    assert [t.element_id for t in one.tables] == [e for _, _, e in _expected(emulator)]


def test_an_older_sigma_without_the_all_elements_call_is_walked_page_by_page(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    """Sigma before June 2026 answers 404 to ``GET /v2/workbooks/{id}/elements``: every
    workbook is walked page by page, and the scan stops asking once it has seen that."""
    emulator_settings(emulator, legacyLists=True)
    report = find_input_tables(sigma, InputTablesOptions(concurrency=2))
    sent = route_counts(emulator)  # before the checks below make requests of their own
    assert report.ok
    assert [(t.workbook_id, t.page_id, t.element_id) for t in report.tables] == _expected(emulator)
    live = report.workbooks_scanned
    assert sent["GET /v2/workbooks/{workbookId}/pages"] == live
    # only the calls sent before the first pages came back: one window of 2 x concurrency
    assert 1 <= sent["GET /v2/workbooks/{workbookId}/elements"] <= 2 * 2


def test_a_workbook_the_server_keeps_failing_on_is_reported(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    """Five 503s in a row outlast the SDK's retries: that workbook is a failure, named with
    the error, and every other workbook's tables are still found."""
    queued: list[str] = []

    def fail_next_request(workbook: Workbook, ok: bool) -> None:
        if not queued:
            queue_faults(emulator, *["error:503"] * 5)
            queued.append(workbook.workbook_id)

    report = find_input_tables(
        sigma, InputTablesOptions(concurrency=1), on_workbook=fail_next_request
    )
    [failure] = report.failures
    assert failure.status == "failed" and failure.id != queued[0]
    assert failure.message.startswith("could not read ") and "HTTP 503" in failure.message
    others = [e for wb, _, e in _expected(emulator) if wb != failure.id]
    assert [t.element_id for t in report.tables if t.workbook_id != failure.id] == others
    assert report.workbooks_scanned == len(list(sigma.workbooks.list(skip_permission_check=True)))
