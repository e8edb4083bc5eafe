"""Templates over plain HTTP: the organization's list (internal and external), a workbook
saved from a template and a template saved from a workbook, swapping a template's
connection, and the templates other organizations shared (accepted, removed)."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.sigma_http import admin_id, assert_sigma_error, new_folder, walk


def test_the_seeded_templates_and_the_filters(api: httpx.Client) -> None:
    every = walk(api, "/v2/templates", limit=5)
    assert len(every) >= 3
    external = walk(api, "/v2/templates", source="external")
    assert [t["name"] for t in external] == ["Retail KPI Starter"]
    internal = walk(api, "/v2/templates", source="internal")
    assert len(internal) + len(external) == len(every)
    found = walk(api, "/v2/templates", search="sales overview")
    assert found and all("sales overview" in t["name"].lower() for t in found)
    one = every[0]
    assert api.get(f"/v2/templates/{one['templateId']}").json() == one
    assert one["url"].endswith(f"/template/{one['templateUrlId']}")
    assert_sigma_error(api.get("/v2/templates", params={"source": "elsewhere"}), 400)
    assert_sigma_error(api.get("/v2/templates/00000000-0000-4000-8000-000000000000"), 404)


def test_save_a_workbook_from_a_template_and_a_template_from_a_workbook(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    made = api.post(f"/v2/workbooks/{sales['id']}/saveTemplate", json={"name": "Sales kit"})
    template_id = made.json()["templateId"]
    template = api.get(f"/v2/templates/{template_id}").json()
    assert template["name"] == "Sales kit" and template["createdBy"] == admin_id(api)

    folder = new_folder(api, "From templates")
    saved = api.post(
        "/v2/templates/save_workbook",
        json={"templateId": template_id, "folderId": folder, "name": "Q3 sales"},
    ).json()
    workbook = api.get(f"/v2/workbooks/{saved['workbookId']}").json()
    assert workbook["name"] == "Q3 sales" and workbook["ownerId"] == admin_id(api)
    pages = [p["name"] for p in walk(api, f"/v2/workbooks/{saved['workbookId']}/pages")]
    source_pages = [p["name"] for p in walk(api, f"/v2/workbooks/{sales['id']}/pages")]
    assert pages == source_pages

    bad_tag = api.post(f"/v2/workbooks/{sales['id']}/saveTemplate", json={"tag": "Nope"})
    assert "Version tag" in assert_sigma_error(bad_tag, 404)["message"]
    missing = api.post(
        "/v2/templates/save_workbook",
        json={"templateId": template_id, "folderId": "00000000-0000-4000-8000-000000000000"},
    )
    assert_sigma_error(missing, 404)


def test_swap_a_templates_connection(api: httpx.Client, sales: dict[str, Any]) -> None:
    template_id = api.post(f"/v2/workbooks/{sales['id']}/saveTemplate", json={}).json()[
        "templateId"
    ]
    a, b = (c["connectionId"] for c in walk(api, "/v2/connections")[:2])
    body = {
        "connectionMapping": [{"fromId": a, "toId": b}, {"fromId": "elsewhere", "toId": b}],
        "sourceMapping": [{"fromId": "some-dataset", "toId": "another"}],
    }
    answer = api.post(f"/v2/templates/{template_id}/swapSources", json=body).json()
    assert answer == {"unswappedSources": ["some-dataset"], "unswappedConnections": ["elsewhere"]}
    assert api.get(f"/v2/templates/{template_id}").json()["latestVersion"] == 2
    again = api.post(f"/v2/templates/{template_id}/swapSources", json=body).json()
    assert again["unswappedConnections"] == [a, "elsewhere"]
    unknown = {"connectionMapping": [{"fromId": b, "toId": "00000000-0000-4000-8000-000000000000"}]}
    assert_sigma_error(api.post(f"/v2/templates/{template_id}/swapSources", json=unknown), 404)


def test_accept_and_remove_shared_templates(api: httpx.Client) -> None:
    pending = walk(api, "/v2/shared_templates/shared_with_you", pending=True)
    assert [s["name"] for s in pending] == ["Customer Segments Kit", "Store Targets Planner"]
    share = pending[0]["shareId"]
    assert api.post("/v2/shared_templates/accept", json={"shareId": share}).json() == {}
    assert api.post("/v2/shared_templates/accept", json={"shareId": share}).json() == {}
    external = [t["name"] for t in walk(api, "/v2/templates", source="external")]
    assert external == ["Retail KPI Starter", "Customer Segments Kit"]
    assert [
        s["shareId"] for s in walk(api, "/v2/shared_templates/shared_with_you", pending=True)
    ] == [pending[1]["shareId"]]
    assert api.delete(f"/v2/shared_templates/{share}").json() == {}
    assert_sigma_error(api.delete(f"/v2/shared_templates/{share}"), 404)
    assert_sigma_error(api.post("/v2/shared_templates/accept", json={"shareId": share}), 404)
    assert "Customer Segments Kit" in [t["name"] for t in walk(api, "/v2/templates")]
