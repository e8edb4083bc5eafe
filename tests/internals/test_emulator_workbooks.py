"""Workbooks checked against the emulator's database."""

from __future__ import annotations

import time

import httpx
from tests.support.helpers import reseed
from tests.support.sigma_http import walk
from tests.support.workbook_helpers import elements_by_name, workbook_named

from sigmakit.emulator import EmulatorServer


def test_every_workbook_listed_once_page_by_page(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    listed = walk(api, "/v2/workbooks", limit=7, skipPermissionCheck=True)
    ids = [w["workbookId"] for w in listed]
    assert len(ids) == len(set(ids))
    live = emulator.state.store.db.scalar(
        "SELECT count(*) FROM inodes WHERE type = 'workbook' AND is_archived = 0"
    )
    assert len(ids) == live >= 30
    slug = emulator.state.store.org.get().slug
    for workbook in listed:
        assert workbook["url"] == (
            f"https://app.sigmacomputing.com/{slug}/workbook/{workbook['workbookUrlId']}"
        )
        assert workbook["path"] and workbook["ownerId"] and workbook["latestVersion"] >= 1
    assert len({w["ownerId"] for w in listed}) > 3


def test_controls_are_bound_to_the_dataset(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Sales Overview")["workbookId"]
    controls = walk(api, f"/v2/workbooks/{workbook_id}/controls", limit=2)
    by_id = {c["controlId"]: c for c in controls}
    assert set(by_id) == {"DateFilter", "Region", "Category", "Segment", "Revenue"}
    assert by_id["DateFilter"]["valueType"] == "date-range"
    assert by_id["Region"]["valueType"] == "text-list"
    assert by_id["Revenue"]["valueType"] == "number-range"
    elements = elements_by_name(api, workbook_id)
    assert elements[by_id["Region"]["name"]]["type"] == "control"


def test_seed_is_deterministic_and_fast(api: httpx.Client, emulator: EmulatorServer) -> None:
    def snapshot() -> list[tuple[str, ...]]:
        return [
            tuple(r)
            for r in emulator.state.store.db.all(
                "SELECT e.element_id, e.name, i.name, i.owner_id, i.created_at "
                "FROM workbook_elements e JOIN inodes i ON i.id = e.workbook_id ORDER BY e.seq"
            )
        ]

    first = snapshot()
    reseed(emulator)
    assert snapshot() == first

    sizes = emulator.state.config.sizes
    try:
        started = time.perf_counter()
        reseed(emulator, workbooks=200)
        assert time.perf_counter() - started < 5
    finally:
        emulator.state.config.sizes = sizes  # the next tests get the default organization
    assert emulator.state.store.db.scalar("SELECT count(*) FROM workbooks") == 200
    schedules = emulator.state.store.db.scalar("SELECT count(*) FROM materialization_schedules")
    inputs = emulator.state.store.db.scalar(
        "SELECT count(DISTINCT workbook_id) FROM workbook_elements WHERE type = 'input-table'"
    )
    recents = emulator.state.store.db.scalar("SELECT count(*) FROM interactions")
    assert schedules > 20 and inputs > 20 and recents >= 200
