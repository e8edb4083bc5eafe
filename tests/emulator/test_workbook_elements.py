"""``GET /v2/workbooks/{workbookId}/elements`` (every element of a workbook) and the
``pages_per_workbook`` seed size."""

from __future__ import annotations

import httpx
from tests.support.helpers import emulator_settings
from tests.support.sigma_http import assert_sigma_error, walk
from tests.support.workbook_helpers import workbook_named

from sigmakit.emulator import EmulatorServer


def _page_by_page(api: httpx.Client, workbook_id: str) -> list[dict[str, object]]:
    """The workbook's elements as the per-page lists give them, pages in order."""
    return [
        element
        for page in walk(api, f"/v2/workbooks/{workbook_id}/pages", limit=50)
        for element in walk(
            api, f"/v2/workbooks/{workbook_id}/pages/{page['pageId']}/elements", limit=50
        )
    ]


def test_all_elements_are_the_union_of_every_pages_elements(api: httpx.Client) -> None:
    workbooks = walk(api, "/v2/workbooks", limit=100, skipPermissionCheck=True)
    several_pages = 0
    for workbook in workbooks:
        workbook_id = workbook["workbookId"]
        every = walk(api, f"/v2/workbooks/{workbook_id}/elements", limit=3)
        per_page = _page_by_page(api, workbook_id)
        assert every == per_page
        assert len({e["elementId"] for e in every}) == len(every)
        several_pages += len(walk(api, f"/v2/workbooks/{workbook_id}/pages", limit=50)) > 1
    assert several_pages > 10


def test_the_entries_and_the_page_window(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Sales Overview")["workbookId"]
    answer = api.get(f"/v2/workbooks/{workbook_id}/elements")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    # the fields the 2026-08 description shows for this list: a total, no hasMore
    assert set(body) == {"entries", "nextPage", "total"} and body["nextPage"] is None
    assert body["total"] == len(body["entries"])
    by_name = {e["name"]: e for e in body["entries"]}
    assert by_name["Monthly Revenue"]["vizualizationType"] == "line"
    assert by_name["Regional Targets"]["type"] == "input-table"
    assert by_name["Orders"]["columns"][:2] == ["Order Id", "Order Date"]
    assert {"table", "input-table", "control", "text"} <= {e["type"] for e in body["entries"]}

    first = api.get(f"/v2/workbooks/{workbook_id}/elements", params={"limit": 4}).json()
    assert len(first["entries"]) == 4 and first["nextPage"]
    rest = api.get(
        f"/v2/workbooks/{workbook_id}/elements",
        params={"limit": 1000, "page": first["nextPage"]},
    ).json()
    assert first["entries"] + rest["entries"] == body["entries"]
    assert rest["nextPage"] is None

    assert_sigma_error(api.get(f"/v2/workbooks/{workbook_id}/elements", params={"limit": 0}), 400)
    assert_sigma_error(api.get(f"/v2/workbooks/{workbook_id}/elements", params={"page": "x!"}), 400)
    unknown = "00000000-0000-4000-8000-000000000000"
    assert_sigma_error(api.get(f"/v2/workbooks/{unknown}/elements"), 404)


def test_an_older_sigma_has_no_such_call(api: httpx.Client, emulator: EmulatorServer) -> None:
    workbook_id = workbook_named(api, "Sales Overview")["workbookId"]
    emulator_settings(emulator, legacyLists=True)  # playing Sigma before June 2026
    assert_sigma_error(api.get(f"/v2/workbooks/{workbook_id}/elements"), 404)
    assert api.get(f"/v2/workbooks/{workbook_id}/pages").status_code == 200
