"""The emulator's version tags and tenant organizations on the wire: who may do what, what a
deletion takes with it, and Sigma's error bodies for bad input."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.member_sessions import as_member
from tests.support.workbook_helpers import workbook_named

from sigmakit.emulator import EmulatorServer


def _tags(api: httpx.Client) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in api.get("/v2/tags").json()["entries"]}


def test_only_an_admin_manages_tags_and_tenants(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    with as_member(emulator, "Pro") as pro:
        assert pro.get("/v2/tags").status_code == 200  # anyone may read the tags
        made = pro.post("/v2/tags", json={"name": "Mine", "color": "cyan"})
        assert made.status_code == 403 and made.json()["code"] == "forbidden"
        assert pro.get("/v2/tenants").status_code == 403
    assert "Mine" not in _tags(api)


def test_deleting_a_tag_untags_every_workbook(api: httpx.Client) -> None:
    production = _tags(api)["Production"]["versionTagId"]
    marked = api.get(f"/v2/tags/{production}/workbooks").json()["entries"]
    assert marked
    assert api.delete(f"/v2/tags/{production}").status_code == 200
    for workbook in marked:
        tags = api.get(f"/v2/workbooks/{workbook['workbookId']}").json()["tags"]
        assert production not in [t["versionTagId"] for t in tags]
    assert api.get(f"/v2/tags/{production}/workbooks").status_code == 404


def test_tag_names_are_unique_and_colors_checked(api: httpx.Client) -> None:
    again = api.post("/v2/tags", json={"name": "production", "color": "cyan"})
    assert again.status_code == 409
    bad = api.post("/v2/tags", json={"name": "Nightly", "color": "blue"})
    assert bad.status_code == 400 and "color" in bad.json()["message"]
    assert set(_tags(api)) == {"Production", "Staging"}


def test_restore_publishes_a_new_version_and_keeps_the_others(api: httpx.Client) -> None:
    workbook = workbook_named(api, "Sales Overview")
    wid, latest = workbook["workbookId"], workbook["latestVersion"]
    assert latest > 1  # the seed gives it a history
    before = api.get(f"/v2/workbooks/{wid}/version-history", params={"limit": 1000}).json()
    restored = api.post(f"/v2/workbooks/{wid}/restoreVersion", json={"version": 1})
    assert restored.status_code == 200 and restored.json()["latestVersion"] == latest + 1
    after = api.get(f"/v2/workbooks/{wid}/version-history", params={"limit": 1000}).json()
    assert after["total"] == before["total"] + 1
    assert after["entries"][1:] == before["entries"]
    for bad in (0, latest + 5, 1.5):
        answer = api.post(f"/v2/workbooks/{wid}/restoreVersion", json={"version": bad})
        assert answer.status_code == 400, bad
    assert api.get(f"/v2/workbooks/{wid}").json()["latestVersion"] == latest + 1


def test_a_deleted_tenant_leaves_no_capability_behind(api: httpx.Client) -> None:
    tenants = {t["tenantOrganizationSlug"]: t for t in api.get("/v2/tenants").json()["entries"]}
    europe = tenants["northwind-europe"]["tenantOrganizationId"]
    canada = tenants["northwind-canada"]["tenantOrganizationId"]
    url = f"/v2/tenants/{europe}/capabilities/deployments"
    assert api.get(url).json()["entries"] == [{"tenantOrganizationId": canada}]
    assert api.delete(f"/v2/tenants/{canada}").status_code == 200
    assert api.get(url).json()["entries"] == []
    assert api.get(f"/v2/tenants/{canada}").json()["message"] == f"Tenant not found: {canada}"


def test_tenant_slugs_are_checked(api: httpx.Client) -> None:
    for slug in ("Has Spaces", "-dash", "UPPER", ""):
        answer = api.post(
            "/v2/tenants", json={"tenantOrganizationName": "X", "tenantOrganizationSlug": slug}
        )
        assert answer.status_code == 400, slug
    taken = api.post(
        "/v2/tenants",
        json={"tenantOrganizationName": "X", "tenantOrganizationSlug": "northwind-canada"},
    )
    assert taken.status_code == 409
    assert len(api.get("/v2/tenants").json()["entries"]) == 2


def test_a_source_swap_to_an_unknown_connection_tags_nothing(api: httpx.Client) -> None:
    workbook = workbook_named(api, "Demand Planning")
    connection = api.get("/v2/connections").json()["entries"][0]["connectionId"]
    swap = {"fromPath": ["RETAIL", "PUBLIC", "ORDERS"], "toPath": ["PROD", "PUBLIC", "ORDERS"]}
    body = {"workbookId": workbook["workbookId"], "tag": "Production"}
    bad = [{"fromConnectionId": connection, "toConnectionId": "nope", "paths": [swap]}]
    answer = api.post("/v2/workbooks/tag", json={**body, "sourceMappingConfig": bad})
    assert answer.status_code == 404 and answer.json()["message"] == "Connection not found: nope"
    assert api.get(f"/v2/workbooks/{workbook['workbookId']}/tags").json()["entries"] == []
    good = [{"fromConnectionId": connection, "toConnectionId": connection, "paths": [swap]}]
    answer = api.post("/v2/workbooks/tag", json={**body, "sourceMappingConfig": good})
    assert answer.status_code == 200
    assert answer.json()["taggedWorkbookVersion"] == workbook["latestVersion"]
