"""Reports through HTTP, as a client written from Sigma's 2026-08 description calls them: the
seeded reports in their folders, who sees which, their pages, elements, sources and lineage,
exports through the workbooks' export jobs, copies, version tags, schedules, sends and
source swaps; bad input refused with Sigma's error and nothing changed."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import (
    admin_id,
    assert_sigma_error,
    grant,
    new_folder,
    new_member,
    walk,
)
from tests.support.workbook_helpers import jobs

from sigmakit.emulator import EmulatorServer

SEEDED = {"Weekly Sales Report", "Regional Performance Report", "Executive Monthly Pack"}


def reports(api: httpx.Client, **params: Any) -> dict[str, dict[str, Any]]:
    """The reports the caller sees, by name (an admin: every one, skipping the check)."""
    return {r["name"]: r for r in walk(api, "/v2/reports", **params)}


def every(api: httpx.Client) -> dict[str, dict[str, Any]]:
    return reports(api, skipPermissionCheck="true")


def tokened(api: httpx.Client, url: str) -> list[dict[str, Any]]:
    """Every entry of a list paged with ``pageToken``, one at a time."""
    entries: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        params: dict[str, Any] = {"pageSize": 1, **({"pageToken": token} if token else {})}
        body = api.get(url, params=params).json()
        entries += body["entries"]
        token = body.get("nextPageToken")
        if token is None:
            return entries


def elements(api: httpx.Client, report_id: str) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in tokened(api, f"/v2/reports/{report_id}/elements")}


def test_the_demo_organization_has_reports_in_folders_with_pages_and_elements(
    api: httpx.Client,
) -> None:
    found = every(api)
    assert set(found) == SEEDED
    # the admin reaches the two in workspaces; the third is in its owner's My Documents
    assert set(reports(api)) == SEEDED - {"Executive Monthly Pack"}
    weekly = found["Weekly Sales Report"]
    assert weekly["path"] == "Sales Analytics" and weekly["ownerId"] == admin_id(api)
    assert weekly["url"].endswith(f"/report/{weekly['reportUrlId']}")
    assert weekly["latestVersion"] == 3 and [t["sourceVersion"] for t in weekly["tags"]] == [3]
    assert found["Executive Monthly Pack"]["ownerId"] != weekly["ownerId"]
    pages = tokened(api, f"/v2/reports/{weekly['reportId']}/pages")
    assert [p["name"] for p in pages] == ["Summary", "Stores"]
    on_stores = api.get(f"/v2/reports/{weekly['reportId']}/pages/{pages[1]['pageId']}/elements")
    assert [e["name"] for e in on_stores.json()["entries"]] == ["Store Performance", "Top Products"]
    controls = tokened(api, f"/v2/reports/{weekly['reportId']}/controls")
    assert {c["controlId"] for c in controls} == {"DateFilter", "Region"}
    # a report is a file too, listed when asked for
    files = walk(api, "/v2/files", typeFilters="report")
    assert {f["name"] for f in files} == set(reports(api)) and {f["type"] for f in files} == {
        "report"
    }
    assert_sigma_error(api.get("/v2/reports/not-a-report"), 404)


def test_a_member_sees_the_reports_they_own_or_were_granted(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    pack = every(api)["Executive Monthly Pack"]
    url = f"/v2/reports/{pack['reportId']}"
    with signed_in_as(api, emulator, pack["ownerId"]) as owner:
        assert "Executive Monthly Pack" in reports(owner)
    newcomer = new_member(api, "Rowan", member_type="Pro")
    with signed_in_as(api, emulator, newcomer) as rowan:
        assert reports(rowan) == {}
        assert_sigma_error(rowan.get(url), 404)
        assert grant(api, f"{url}/grants", "view", member=newcomer).status_code == 200
        assert set(reports(rowan)) == {"Executive Monthly Pack"}
        # view is not enough to grant others, nor to tag
        assert_sigma_error(grant(rowan, f"{url}/grants", "view", member=admin_id(api)), 403)
        grant_id = next(
            g["grantId"]
            for g in walk(api, "/v2/grants", inodeId=pack["reportId"])
            if g["memberId"] == newcomer
        )
        assert api.delete(f"{url}/grants/{grant_id}").status_code == 200
        assert reports(rowan) == {}
    assert_sigma_error(grant(api, f"{url}/grants", "organize", member=newcomer), 400)


def test_sources_and_lineage_name_what_each_element_reads(api: httpx.Client) -> None:
    found = every(api)
    weekly = found["Weekly Sales Report"]["reportId"]
    kinds = {s["type"] for s in api.get(f"/v2/reports/{weekly}/sources").json()}
    assert kinds == {"data-model", "dataset", "table"}
    regional = found["Regional Performance Report"]["reportId"]
    custom = [
        s for s in api.get(f"/v2/reports/{regional}/sources").json() if s["type"] == "custom-sql"
    ]
    assert (
        custom[0]["customSqlId"]
        == elements(api, regional)["Revenue by Region and Category"]["elementId"]
    )
    by_name = elements(api, weekly)
    chart = by_name["Monthly Revenue"]["elementId"]
    graph = api.get(f"/v2/reports/{weekly}/lineage/elements/{chart}").json()
    (sheet,) = [n for n in graph["dependencies"].values() if n["type"] == "sheet"]
    assert sheet["elementId"] == chart and sheet["nodeId"] != chart
    table = by_name["Top Products"]["elementId"]
    graph = api.get(f"/v2/reports/{weekly}/lineage/elements/{table}").json()
    assert any(n["type"] == "table" for n in graph["dependencies"].values())
    notes = by_name["Notes"]["elementId"]
    assert_sigma_error(api.get(f"/v2/reports/{weekly}/lineage/elements/{notes}"), 400)
    assert_sigma_error(api.get(f"/v2/reports/{weekly}/elements/{notes}/query"), 404)
    query = api.get(f"/v2/reports/{weekly}/elements/{chart}/query").json()
    assert "RETAIL.PUBLIC.ORDERS" in query["sql"]
    lineage = tokened(api, f"/v2/reports/{weekly}/lineage")
    assert {e["elementId"] for e in lineage if e["type"] == "element"} >= {chart, table}


def test_a_report_exports_to_pdf_through_the_export_jobs(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    jobs(emulator, mode="immediate")
    weekly = reports(api)["Weekly Sales Report"]["reportId"]
    page = tokened(api, f"/v2/reports/{weekly}/pages")[1]["pageId"]
    for body in (
        {"format": {"type": "pdf", "layout": "landscape"}},
        {"format": {"type": "pdf", "layout": "portrait"}, "pageId": page},
    ):
        started = api.post(f"/v2/reports/{weekly}/export", json=body)
        assert started.status_code == 200, started.text
        got = api.get(f"/v2/query/{started.json()['queryId']}/download")
        assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert_sigma_error(
        api.post(f"/v2/reports/{weekly}/export", json={"format": {"type": "csv"}}), 400
    )
    bad_page = {"format": {"type": "pdf", "layout": "portrait"}, "pageId": "nope"}
    assert_sigma_error(api.post(f"/v2/reports/{weekly}/export", json=bad_page), 404)


def test_create_copy_and_tagged_copy(api: httpx.Client) -> None:
    folder = new_folder(api, "Report copies")
    made = api.post("/v2/reports", json={"folderId": folder, "name": "Blank"})
    assert made.status_code == 200, made.text
    blank = made.json()
    assert [p["name"] for p in tokened(api, f"/v2/reports/{blank['reportId']}/pages")] == ["Page 1"]
    weekly = reports(api)["Weekly Sales Report"]
    url = f"/v2/reports/{weekly['reportId']}"
    copied = api.post(f"{url}/copy", json={"destinationFolderId": folder, "name": "Weekly copy"})
    assert copied.status_code == 200, copied.text
    copy = copied.json()
    assert copy["reportId"] != weekly["reportId"] and copy["latestVersion"] == 1
    assert list(elements(api, copy["reportId"])) == list(elements(api, weekly["reportId"]))

    def kinds(report_id: str) -> list[str]:
        return sorted(s["type"] for s in api.get(f"/v2/reports/{report_id}/sources").json())

    assert kinds(copy["reportId"]) == kinds(weekly["reportId"])
    tag = weekly["tags"][0]
    by_tag = api.post(
        f"{url}/tag/{tag['tagName']}/copy", json={"destinationFolderId": folder, "name": "Tagged"}
    )
    assert by_tag.status_code == 200, by_tag.text
    before = set(reports(api))
    missing = api.post(
        f"{url}/tag/NoSuchTag/copy", json={"destinationFolderId": folder, "name": "X"}
    )
    assert_sigma_error(missing, 404)
    bad = api.post(f"{url}/copy", json={"destinationFolderId": "nowhere", "name": "X"})
    assert_sigma_error(bad, 404)
    assert set(reports(api)) == before


def test_version_tags_and_history(api: httpx.Client) -> None:
    weekly = reports(api)["Weekly Sales Report"]
    url = f"/v2/reports/{weekly['reportId']}"
    tag = next(
        t for t in walk(api, "/v2/tags") if t["versionTagId"] != weekly["tags"][0]["versionTagId"]
    )
    done = api.post(
        "/v2/reports/tag",
        json={"reportId": weekly["reportId"], "tagName": tag["name"], "reportVersion": 2},
    )
    assert done.status_code == 200, done.text
    assert done.json()["taggedReportVersion"] == 2
    tags = {t["tagName"]: t for t in tokened(api, f"{url}/tags")}
    assert tags[tag["name"]]["sourceVersion"] == 2
    history = tokened(api, f"{url}/version-history")
    assert [v["version"] for v in history] == [3, 2, 1]
    assert [t["versionTagId"] for t in history[1]["tags"]] == [tag["versionTagId"]]
    too_new = {"reportId": weekly["reportId"], "tagName": tag["name"], "reportVersion": 9}
    assert_sigma_error(api.post("/v2/reports/tag", json=too_new), 400)
    assert api.delete(f"{url}/tags/{tag['versionTagId']}").status_code == 200
    assert tag["name"] not in {t["tagName"] for t in tokened(api, f"{url}/tags")}
    assert_sigma_error(api.delete(f"{url}/tags/{tag['versionTagId']}"), 404)


def test_schedules_crud_and_send(api: httpx.Client, emulator: EmulatorServer) -> None:
    weekly = reports(api)["Weekly Sales Report"]["reportId"]
    url = f"/v2/reports/{weekly}/schedules"
    (seeded,) = walk(api, url)
    assert seeded["schedule"]["cronSpec"] == "0 7 * * 1"
    body = {
        "target": [{"email": "ops@example.com"}],
        "schedule": {"cronSpec": "0 9 * * 5", "timezone": "UTC"},
        "configV2": {
            "title": "Friday pack",
            "messageBody": "See attached",
            "exportAttachments": [{"formatOptions": {"type": "PDF", "layout": "portrait"}}],
        },
    }
    made = api.post(url, json=body)
    assert made.status_code == 200, made.text
    schedule = made.json()
    attachment = schedule["configV2"]["notificationAttachments"][0]
    assert attachment["workbookExportSource"] == {"type": "report"}
    bad_cron = {**body, "schedule": {"cronSpec": "every friday", "timezone": "UTC"}}
    assert_sigma_error(api.post(url, json=bad_cron), 400)
    assert len(walk(api, url)) == 2
    one = f"{url}/{schedule['scheduledNotificationId']}"
    changed = api.patch(one, json={"schedule": {"cronSpec": "0 8 * * 5"}})
    assert changed.status_code == 200, changed.text
    assert changed.json()["schedule"] == {"cronSpec": "0 8 * * 5", "timezone": "UTC"}
    assert api.delete(one).status_code == 200
    assert_sigma_error(api.delete(one), 404)

    send = {
        "targets": [{"type": "email", "email": "cfo@example.com"}],
        "config": {"title": "Now", "messageBody": "Here it is"},
        "attachments": [{"formatOptions": {"type": "PDF"}}],
    }
    assert api.post(f"/v2/reports/{weekly}/send", json=send).status_code == 200
    nobody = {**send, "targets": [{"type": "member", "userId": "nobody"}]}
    assert_sigma_error(api.post(f"/v2/reports/{weekly}/send", json=nobody), 404)


def test_swap_sources_moves_every_element_reading_a_source(api: httpx.Client) -> None:
    weekly = reports(api)["Weekly Sales Report"]["reportId"]
    url = f"/v2/reports/{weekly}"
    sources = api.get(f"{url}/sources").json()
    (dataset,) = [s for s in sources if s["type"] == "dataset"]
    table = next(s for s in sources if s["type"] == "table")
    unknown = {"from": {"type": "dataset", "datasetId": "gone"}, "to": table}
    refused = api.post(
        f"{url}/swapSources",
        json={
            "sourceMapping": [
                {
                    "from": {"type": "dataset", "datasetId": dataset["inodeId"]},
                    "to": {"type": "table", "tableId": table["inodeId"]},
                },
                {"from": unknown["from"], "to": {"type": "table", "tableId": table["inodeId"]}},
            ]
        },
    )
    assert_sigma_error(refused, 400)
    assert api.get(f"{url}/sources").json() == sources  # all or nothing
    swapped = api.post(
        f"{url}/swapSources",
        json={
            "sourceMapping": [
                {
                    "from": {"type": "dataset", "datasetId": dataset["inodeId"]},
                    "to": {"type": "table", "tableId": table["inodeId"]},
                }
            ]
        },
    )
    assert swapped.status_code == 200, swapped.text
    assert {s["type"] for s in api.get(f"{url}/sources").json()} == {"data-model", "table"}


def test_a_deactivated_members_report_schedules_go_to_the_new_owner(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    weekly = every(api)["Weekly Sales Report"]["reportId"]
    url = f"/v2/reports/{weekly}/schedules"
    leaver = new_member(api, "Leaver", member_type="Pro")
    assert grant(api, f"/v2/reports/{weekly}/grants", "edit", member=leaver).status_code == 200
    body = {
        "target": [{"email": "ops@example.com"}],
        "schedule": {"cronSpec": "0 9 * * 5", "timezone": "UTC"},
        "configV2": {
            "title": "Mine",
            "messageBody": "m",
            "exportAttachments": [{"formatOptions": {"type": "PDF"}}],
        },
    }
    with signed_in_as(api, emulator, leaver) as own:
        made = own.post(url, json=body)
        assert made.status_code == 200, made.text
    schedule_id = made.json()["scheduledNotificationId"]
    heir = admin_id(api)
    gone = api.patch(f"/v2/members/{leaver}", json={"isArchived": True, "newOwnerId": heir})
    assert gone.status_code == 200, gone.text
    (moved,) = [s for s in walk(api, url) if s["scheduledNotificationId"] == schedule_id]
    assert moved["ownerId"] == heir and moved["isSuspended"] is False
