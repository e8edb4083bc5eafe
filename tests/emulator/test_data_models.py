"""The seeded data models and (deprecated) datasets through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, grant, new_member, walk
from tests.support.workbook_helpers import jobs

from sigmakit.emulator import EmulatorServer


def models(api: httpx.Client) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in walk(api, "/v2/dataModels", limit=1)}


def test_data_models_and_what_they_are_built_on(api: httpx.Client) -> None:
    found = models(api)
    assert set(found) == {"Retail Sales", "Marketing Funnel"}
    retail = found["Retail Sales"]
    model_id = retail["dataModelId"]
    assert api.get(f"/v2/dataModels/{model_id}").json() == retail
    assert retail["path"] == "Data Team Sandbox"
    assert [t["tagName"] for t in retail["tags"]] == ["Production"]
    assert walk(api, f"/v2/dataModels/{model_id}/tags") == retail["tags"]
    assert "tags" not in api.get(f"/v2/dataModels/{model_id}", params={"excludeTags": True}).json()

    elements = walk(api, f"/v2/dataModels/{model_id}/elements")
    assert [e["name"] for e in elements] == ["Orders", "Stores", "Products", "Order Lines"]
    columns = walk(api, f"/v2/dataModels/{model_id}/columns", limit=10)
    for e in elements:
        assert [c["name"] for c in columns if c["elementId"] == e["elementId"]] == e["columns"]

    sources = api.get(f"/v2/dataModels/{model_id}/sources").json()["entries"]
    tables = {
        ".".join(api.get(f"/v2/connections/paths/{s['tableId']}").json()["path"]) for s in sources
    }
    assert tables == {
        f"RETAIL.PUBLIC.{t}" for t in ("ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES")
    }
    lineage = walk(api, f"/v2/dataModels/{model_id}/lineage", limit=3)
    order_lines = next(e for e in elements if e["name"] == "Order Lines")["elementId"]
    lines = next(e for e in lineage if e.get("elementId") == order_lines)
    # Order Lines joins the three other elements, and through them reads every table
    assert set(lines["sourceIds"]) == {e["elementId"] for e in elements} - {order_lines}
    assert set(lines["dataSourceIds"]) == {s["tableId"] for s in sources}
    assert {e["name"] for e in lineage if e["type"] == "table"} == tables
    assert_sigma_error(api.get("/v2/dataModels/no-such-model"), 404)


def test_materializing_a_data_model_element(api: httpx.Client, emulator: EmulatorServer) -> None:
    model_id = models(api)["Retail Sales"]["dataModelId"]
    (schedule,) = api.get(f"/v2/dataModels/{model_id}/materializationSchedules").json()["entries"]
    assert schedule["elementName"] == "Order Lines"
    assert schedule["schedule"] == {"cronSpec": "0 5 * * *", "timezone": "America/New_York"}
    jobs(emulator, mode="immediate")
    run = api.post(f"/v2/dataModels/{model_id}:materialize", json={"sheetId": schedule["sheetId"]})
    assert run.status_code == 200, run.text
    run_id = run.json()["materializationId"]
    got = api.get(f"/v2/dataModels/{model_id}/materializations/{run_id}").json()
    assert got["status"] == "ready" and got["materializationId"] == run_id
    elements = walk(api, f"/v2/dataModels/{model_id}/elements")
    unscheduled = next(e for e in elements if e["name"] == "Orders")["elementId"]
    refused = api.post(f"/v2/dataModels/{model_id}:materialize", json={"sheetId": unscheduled})
    assert_sigma_error(refused, 400)
    other = models(api)["Marketing Funnel"]["dataModelId"]
    assert_sigma_error(api.get(f"/v2/dataModels/{other}/materializations/{run_id}"), 404)


def test_a_member_sees_the_data_models_they_are_granted(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    ann = new_member(api, "Ann", "Pro")
    retail = models(api)["Retail Sales"]
    with signed_in_as(api, emulator, ann) as as_ann:
        assert walk(as_ann, "/v2/dataModels") == []
        assert_sigma_error(as_ann.get(f"/v2/dataModels/{retail['dataModelId']}"), 404)
        assert_sigma_error(as_ann.get(f"/v2/dataModels/{retail['dataModelId']}/elements"), 404)
        # an admin's skipPermissionCheck is not hers
        assert walk(as_ann, "/v2/dataModels", skipPermissionCheck=True) == []
        workspace = api.get("/v2/files/" + retail["dataModelId"]).json()["parentId"]
        grant(api, f"/v2/workspaces/{workspace}/grants", "view", member=ann)
        assert {m["name"] for m in walk(as_ann, "/v2/dataModels")} == {
            "Retail Sales",
            "Marketing Funnel",
        }


def test_datasets_their_source_and_migration(api: httpx.Client) -> None:
    datasets = {d["name"]: d for d in walk(api, "/v2/datasets", limit=1)}
    assert set(datasets) == {"Order Lines (legacy)", "Store Directory"}
    legacy = datasets["Order Lines (legacy)"]
    retail = models(api)["Retail Sales"]
    assert legacy["migrationStatus"] == "migrated"
    assert legacy["migrationToDataModel"]["dataModelId"] == retail["dataModelId"]
    assert legacy["migrationToDataModel"]["dataModelUrl"] == retail["url"]
    assert datasets["Store Directory"]["migrationToDataModel"] is None
    assert api.get(f"/v2/datasets/{legacy['datasetId']}").json() == legacy
    (source,) = api.get(f"/v2/datasets/{legacy['datasetId']}/sources").json()
    assert api.get(f"/v2/connections/paths/{source['inodeId']}").json()["path"][-1] == "ORDERS"
    # a dataset is a file too
    assert api.get(f"/v2/files/{legacy['datasetId']}").json()["type"] == "dataset"


def test_dataset_grants(api: httpx.Client, emulator: EmulatorServer) -> None:
    directory = next(d for d in walk(api, "/v2/datasets") if d["name"] == "Store Directory")
    url = f"/v2/datasets/{directory['datasetId']}/grants"
    ann = new_member(api, "Ann", "Pro")
    with signed_in_as(api, emulator, ann) as as_ann:
        assert_sigma_error(as_ann.get(f"/v2/datasets/{directory['datasetId']}"), 404)
        assert grant(api, url, "view", member=ann).json() == {}
        assert as_ann.get(f"/v2/datasets/{directory['datasetId']}").json()["name"] == (
            "Store Directory"
        )
        # a viewer may not grant
        assert_sigma_error(grant(as_ann, url, "edit", member=ann), 403)
    (held,) = walk(api, url)
    assert (held["memberId"], held["permission"]) == (ann, "view")
    assert_sigma_error(grant(api, url, "usage", member=ann), 400)
    assert api.delete(f"{url}/{held['grantId']}").json() == {}
    assert walk(api, url) == []


def test_data_models_are_files_listed_when_asked_for(api: httpx.Client) -> None:
    me = api.get("/v2/whoami").json()["userId"]
    url = f"/v2/members/{me}/files"
    asked = walk(api, url, limit=50, typeFilters="data-model")
    assert {f["name"] for f in asked} == {"Retail Sales", "Marketing Funnel"}
    assert {f["type"] for f in asked} == {"data-model"}
    assert "data-model" not in {f["type"] for f in walk(api, url, limit=200)}
