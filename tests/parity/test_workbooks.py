"""Workbooks as the QuickStart reads them: the list, a workbook's pages and elements, an
export polled until its file is ready, a materialization run, and a member's recent files
(SIGMA-API-NOTES.md, "Workbooks", "Export and download", "Files")."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from tests.parity.reading import LOOK_AT, _elements, _workbooks
from tests.parity.snapshots import Snapshot
from tests.parity.target import Target
from tests.support.sigma_http import walk


def _first_table(api: httpx.Client) -> tuple[str, dict[str, Any]]:
    for workbook in _workbooks(api):
        for element in _elements(api, workbook["workbookId"]):
            if element["type"] == "table":
                return workbook["workbookId"], element
    pytest.skip(f"no table element in the first {LOOK_AT} workbooks")


def test_workbooks_pages_and_elements(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    listed = api.get("/v2/workbooks", params={"limit": 5})
    assert listed.status_code == 200, listed.text
    entries = listed.json()["entries"]
    if not entries:
        pytest.skip("the organization has no workbook")
    workbook = entries[0]
    # a workbook is a file: the same id and urlId
    one = api.get(f"/v2/workbooks/{workbook['workbookId']}")
    assert one.status_code == 200, one.text
    assert one.json()["workbookUrlId"] == workbook["workbookUrlId"]
    as_file = api.get(f"/v2/files/{workbook['workbookId']}")
    assert as_file.status_code == 200, as_file.text
    assert as_file.json()["urlId"] == workbook["workbookUrlId"]
    assert as_file.json()["type"] == "workbook"
    pages = api.get(f"/v2/workbooks/{workbook['workbookId']}/pages", params={"limit": 50})
    assert pages.status_code == 200, pages.text
    assert pages.json()["entries"], "a workbook has at least one page"
    page_id = pages.json()["entries"][0]["pageId"]
    elements = api.get(
        f"/v2/workbooks/{workbook['workbookId']}/pages/{page_id}/elements", params={"limit": 50}
    )
    assert elements.status_code == 200, elements.text
    for element in elements.json()["entries"]:
        assert element["elementId"] and isinstance(element["columns"], list)

    snapshot.known_difference(
        "the optional fields (description, tags, hidden, error...) show up only on the "
        "entries that have them: an organization with other workbooks may show more or fewer"
    )
    snapshot.match_entries("workbooks", listed)
    snapshot.match("workbook", one)
    snapshot.match("workbook as a file", as_file)
    snapshot.match_entries("pages", pages)
    snapshot.match_entries("elements", elements)


def test_a_loop_on_has_more_sees_every_workbook(target: Target) -> None:
    """The description's example: ``{"hasMore": true, "total": 104, "nextPage": "50"}``;
    older scripts loop while ``hasMore`` (deprecated, still sent)."""
    api = target.http()
    everything = [w["workbookId"] for w in walk(api, "/v2/workbooks", limit=1000)]
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 7}
    while True:
        response = api.get("/v2/workbooks", params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        assert isinstance(body["hasMore"], bool) and isinstance(body["total"], int)
        seen += [w["workbookId"] for w in body["entries"]]
        if not body["hasMore"]:
            assert body["nextPage"] is None
            break
        assert body["nextPage"] == str(len(seen))  # the stringified offset
        params["page"] = body["nextPage"]
    assert seen == everything


def test_export_then_download_polls_204_then_200(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    workbook_id, element = _first_table(api)
    target.hold_jobs()
    started = api.post(
        f"/v2/workbooks/{workbook_id}/export",
        json={"elementId": element["elementId"], "format": {"type": "csv"}, "rowLimit": 10},
    )
    assert started.status_code == 200, started.text
    assert started.json()["jobComplete"] is False
    url = f"/v2/query/{started.json()['queryId']}/download"

    waiting = api.get(url)
    assert waiting.status_code == 204 and waiting.content == b""
    target.finish_jobs()
    deadline = time.monotonic() + 300
    ready = waiting
    while ready.status_code == 204:
        assert time.monotonic() < deadline, "the export never finished"
        time.sleep(0 if not target.live else 2)
        ready = api.get(url)
    assert ready.status_code == 200, ready.text
    header = ready.text.splitlines()[0]
    assert header, "a CSV with a header line"
    lines = [line for line in ready.text.splitlines()[1:] if line]
    assert 0 < len(lines) <= 10
    snapshot.known_difference(
        "the emulator's first poll is sure to find the job unfinished (its jobs are held "
        "through the control plane); against Sigma a tiny export could be ready at once"
    )
    snapshot.match("export", started)
    snapshot.match("not ready", waiting)
    snapshot.match("ready", ready)


def test_materialization_run_and_its_status(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    target.require_writes()  # a run rebuilds a materialized table in the organization
    for workbook in _workbooks(api):
        url = f"/v2/workbooks/{workbook['workbookId']}/materialization-schedules"
        schedules = api.get(url, params={"limit": 50})
        assert schedules.status_code == 200, schedules.text
        if schedules.json()["entries"]:
            break
    else:
        pytest.skip(f"no materialization schedule in the first {LOOK_AT} workbooks")
    workbook_id = workbook["workbookId"]
    sheet_id = schedules.json()["entries"][0]["sheetId"]
    target.hold_jobs()
    started = api.post(f"/v2/workbooks/{workbook_id}/materializations", json={"sheetId": sheet_id})
    assert started.status_code == 200, started.text
    status_url = (
        f"/v2/workbooks/{workbook_id}/materializations/{started.json()['materializationId']}"
    )
    first = api.get(status_url)
    assert first.status_code == 200, first.text
    assert first.json()["status"] not in ("ready", "failed", "expired")
    target.finish_jobs()
    deadline = time.monotonic() + 600
    done = first
    while done.json()["status"] not in ("ready", "failed"):
        assert time.monotonic() < deadline, "the materialization never finished"
        time.sleep(0 if not target.live else 5)
        done = api.get(status_url)
        assert done.status_code == 200, done.text
    snapshot.known_difference(
        "the status values (pending, building, ready, failed, expired) are inferred from "
        "the fields; Sigma documents only that its recipe waits for 'ready'"
    )
    snapshot.match_entries("schedules", schedules)
    snapshot.match("run", started)
    snapshot.match("first status", first)
    snapshot.match("last status", done)


def test_my_recent_files(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    me = api.get("/v2/whoami")
    assert me.status_code == 200, me.text
    url = f"/v2/members/{me.json()['userId']}/files/recents"
    everything = walk(api, url, limit=50)
    for entry in everything:
        assert entry["lastInteractionAt"] and entry["id"] and entry["type"]
    if len(everything) < 2:
        pytest.skip("fewer than two recent files: no page to show")
    recents = api.get(url, params={"limit": 1})
    assert recents.status_code == 200, recents.text
    assert recents.json()["nextPage"] is not None
    snapshot.match("whoami", me)
    snapshot.match_entries("recents", recents)
