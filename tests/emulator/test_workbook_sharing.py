"""A workbook handed on through HTTP: converted to a report, sent now to recipients, and
shared with other organizations."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, grant, new_member, walk
from tests.support.workbook_helpers import elements_by_name, jobs, workbook_named

from sigmakit.emulator import EmulatorServer


def handed_on(emulator: EmulatorServer, workbook_id: str) -> dict[str, Any]:
    with emulator.control() as control:
        response = control.get(f"/workbooks/{workbook_id}/handed-on")
        response.raise_for_status()
        got: dict[str, Any] = response.json()
        return got


def job_count(emulator: EmulatorServer) -> int:
    with emulator.control() as control:
        return len(control.get("/jobs").json()["jobs"])


def page_names(api: httpx.Client, kind: str, doc_id: str) -> list[str]:
    """One page of the list is all of them (a report's lists are token-paged)."""
    answer = api.get(f"/v2/{kind}/{doc_id}/pages", params={"limit": 100, "pageSize": 100})
    return [p["name"] for p in answer.json()["entries"]]


def test_a_workbook_converted_to_a_report_is_a_new_report(api: httpx.Client) -> None:
    sales = workbook_named(api, "Sales Overview")
    wb = sales["workbookId"]
    reports_before = walk(api, "/v2/reports", limit=50)
    answer = api.post(f"/v2/workbooks/{wb}/convertToReport", json={"name": "Sales, printed"})
    assert answer.status_code == 201, answer.text
    got = answer.json()
    report = got["convertedReport"]
    assert got["sourceWorkbook"] == {"workbookId": wb, "name": sales["name"], "url": sales["url"]}
    # Sales Overview's input table is left out: a report cannot hold one
    inputs = [
        e["elementId"]
        for e in walk(api, f"/v2/workbooks/{wb}/elements", limit=50)
        if e["type"] == "input-table"
    ]
    assert [d["sourceElementIds"] for w in got["warnings"] for d in w["details"]] == [inputs]
    # it is a report like any other, in the caller's My Documents
    listed = walk(api, "/v2/reports", limit=50)
    assert len(listed) == len(reports_before) + 1
    assert api.get(f"/v2/reports/{report['reportId']}").json()["name"] == "Sales, printed"
    assert report["path"] == "My Documents"
    assert page_names(api, "reports", report["reportId"]) == page_names(api, "workbooks", wb)
    # its elements read what the workbook's do
    kinds = {s["type"] for s in api.get(f"/v2/reports/{report['reportId']}/sources").json()}
    assert kinds == {s["type"] for s in api.get(f"/v2/workbooks/{wb}/sources").json()}
    # the workbook is left as it was
    assert workbook_named(api, "Sales Overview") == sales


def test_converting_some_pages_and_leaving_out_what_a_report_cannot_hold(
    api: httpx.Client,
) -> None:
    planning = workbook_named(api, "Demand Planning")
    wb = planning["workbookId"]
    pages = walk(api, f"/v2/workbooks/{wb}/pages", limit=50)
    url = f"/v2/workbooks/{wb}/convertToReport"
    count = len(walk(api, "/v2/reports", limit=50))
    # refused, and no report made: no name, a page of no such id, a bad page size
    assert_sigma_error(api.post(url, json={}), 400)
    assert_sigma_error(api.post(url, json={"name": "x", "pageIds": ["nope"]}), 400)
    assert_sigma_error(api.post(url, json={"name": "x", "format": {"pageSize": "b5"}}), 400)
    assert_sigma_error(api.post(url, json={"name": "x", "destinationFolderId": "nope"}), 404)
    assert len(walk(api, "/v2/reports", limit=50)) == count

    answer = api.post(
        url,
        json={
            "name": "Planning",
            "pageIds": [pages[0]["pageId"]],
            "description": "The first page, printed",
            "format": {"pageSize": "a4", "layout": "landscape"},
        },
    )
    assert answer.status_code == 201, answer.text
    got = answer.json()
    report_id = got["convertedReport"]["reportId"]
    assert api.get(f"/v2/reports/{report_id}").json()["description"] == "The first page, printed"
    assert page_names(api, "reports", report_id) == [pages[0]["name"]]
    inputs = [
        e["elementId"]
        for e in walk(api, f"/v2/workbooks/{wb}/pages/{pages[0]['pageId']}/elements", limit=50)
        if e["type"] == "input-table"
    ]
    assert inputs, "Demand Planning's first page has input tables"
    (warning,) = got["warnings"]
    (detail,) = warning["details"]
    assert detail == {"type": "input-table", "count": len(inputs), "sourceElementIds": inputs}
    report_elements = api.get(f"/v2/reports/{report_id}/elements", params={"pageSize": 100}).json()[
        "entries"
    ]
    assert all(e["type"] != "input-table" for e in report_elements)


def test_sending_a_workbook_exports_each_attachment(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    wb = workbook_named(api, "Sales Overview")["workbookId"]
    elements = elements_by_name(api, wb)
    table = next(e for e in elements.values() if e["type"] == "table")
    control = next(e for e in elements.values() if e["type"] == "control")
    page = walk(api, f"/v2/workbooks/{wb}/pages")[0]
    member = walk(api, "/v2/members", limit=5)[0]["memberId"]
    jobs(emulator, mode="immediate")
    body: dict[str, Any] = {
        "targets": [
            {"type": "email", "email": "ops@example.com"},
            {"type": "member", "userId": member},
        ],
        "config": {"title": "Weekly sales", "messageBody": "Attached."},
        "attachments": [
            {
                "formatOptions": {"type": "CSV"},
                "source": {"type": "element", "elementId": table["elementId"]},
            },
            {
                "formatOptions": {"type": "PDF", "layout": "landscape"},
                "source": {"type": "page", "pageId": page["pageId"]},
            },
            {"formatOptions": {"type": "NONE"}, "source": {"type": "all"}},
        ],
    }
    url = f"/v2/workbooks/{wb}/send"
    before = job_count(emulator)
    # refused before anything is exported: an unknown member, a control as data, no title
    bad_member = {**body, "targets": [{"type": "member", "userId": "nobody"}]}
    assert_sigma_error(api.post(url, json=bad_member), 404)
    bad_source = {"formatOptions": {"type": "CSV"}, "source": {"type": "element"}}
    bad_source["source"]["elementId"] = control["elementId"]
    bad_attachment = {**body, "attachments": [body["attachments"][0], bad_source]}
    assert_sigma_error(api.post(url, json=bad_attachment), 400)
    assert_sigma_error(api.post(url, json={**body, "config": {"messageBody": "x"}}), 400)
    assert job_count(emulator) == before
    assert handed_on(emulator, wb)["sends"] == []

    answer = api.post(url, json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {}
    (sent,) = handed_on(emulator, wb)["sends"]
    assert sent["targets"] == body["targets"]
    csv_id, pdf_id = sent["queryIds"]
    assert job_count(emulator) == before + 2
    csv = api.get(f"/v2/query/{csv_id}/download")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    pdf = api.get(f"/v2/query/{pdf_id}/download")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_sharing_a_workbook_with_other_organizations(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    sales = workbook_named(api, "Sales Overview")
    wb = sales["workbookId"]
    url = f"/v2/workbooks/{wb}/shareCrossOrg"
    # the organization's own slug, as its URLs spell it: a workbook is not shared with itself
    own = sales["url"].split("/")[3]
    assert_sigma_error(api.post(url, json={"orgSlugs": [own]}), 400)
    assert_sigma_error(api.post(url, json={"orgSlugs": []}), 400)
    assert_sigma_error(api.post(url, json={"orgSlugs": ["Not A Slug!"]}), 400)
    assert_sigma_error(api.post(url, json={"orgSlugs": ["partner-co"], "sendEmail": "yes"}), 400)
    assert handed_on(emulator, wb)["crossOrgShares"] == []
    answer = api.post(url, json={"orgSlugs": ["partner-co", "acme"], "shareDatasets": True})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {}
    assert handed_on(emulator, wb)["crossOrgShares"] == ["partner-co", "acme"]
    assert_sigma_error(
        api.post("/v2/workbooks/no-such/shareCrossOrg", json={"orgSlugs": ["a"]}), 404
    )
    # someone who may only view the workbook may not share it
    viewer = new_member(api, "vera")
    assert grant(api, f"/v2/workbooks/{wb}/grants", "view", member=viewer).status_code == 200
    with signed_in_as(api, emulator, viewer) as as_viewer:
        assert_sigma_error(as_viewer.post(url, json={"orgSlugs": ["other-org"]}), 403)
    assert "other-org" not in handed_on(emulator, wb)["crossOrgShares"]
