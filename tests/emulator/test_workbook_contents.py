"""A workbook's code representation (``contents``) through HTTP: read, written back whole,
versioned, checked, created from, and followed by the workbook's pages, elements, columns,
sources and lineage."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import yaml
from tests.support.sigma_http import assert_sigma_error, walk


def workbook(api: httpx.Client, name: str = "Sales Overview") -> dict[str, Any]:
    found = {w["name"]: w for w in walk(api, "/v2/workbooks")}
    return dict(found[name])


def contents(api: httpx.Client, workbook_id: str, **params: Any) -> dict[str, Any]:
    got = api.get(f"/v2/workbooks/{workbook_id}", params={"includeContents": "true", **params})
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()["contents"]
    return body


def retail_model(api: httpx.Client) -> dict[str, Any]:
    found = {m["name"]: m for m in walk(api, "/v2/dataModels")}
    return dict(found["Retail Sales"])


def test_a_seeded_workbook_reads_as_its_pages_and_writes_back_unchanged(
    api: httpx.Client,
) -> None:
    wb = workbook(api)
    doc = contents(api, wb["workbookId"])
    assert (doc["schemaVersion"], doc["kind"], doc["name"]) == ("1", "workbook", wb["name"])
    assert doc["documentVersion"] == wb["latestVersion"]
    pages = walk(api, f"/v2/workbooks/{wb['workbookId']}/pages")
    assert [p["id"] for p in doc["pages"]] == [p["pageId"] for p in pages]
    readers = [e for p in doc["pages"] for e in p["elements"] if "source" in e]
    assert readers and all(e["kind"] in ("table", "pivot-table", "visualization") for e in readers)
    assert "contents" not in api.get(f"/v2/workbooks/{wb['workbookId']}").json()

    again = api.put(f"/v2/workbooks/{wb['workbookId']}/contents", json=doc)
    assert again.status_code == 200, again.text
    assert again.json() == doc
    assert (
        api.get(f"/v2/workbooks/{wb['workbookId']}").json()["latestVersion"]
        == doc["documentVersion"]
    )


def test_yaml_both_ways(api: httpx.Client) -> None:
    wb = workbook(api)
    got = api.get(
        f"/v2/workbooks/{wb['workbookId']}",
        params={"includeContents": "true"},
        headers={"Accept": "application/yaml"},
    )
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/yaml")
    doc = yaml.safe_load(got.text)["contents"]
    doc["pages"][0]["name"] = "Overview (YAML)"
    put = api.put(
        f"/v2/workbooks/{wb['workbookId']}/contents",
        content=yaml.safe_dump(doc),
        headers={"Content-Type": "application/yaml"},
        params={"format": "yaml"},
    )
    assert put.status_code == 200, put.text
    assert yaml.safe_load(put.text)["pages"][0]["name"] == "Overview (YAML)"


def test_a_change_lays_down_pages_elements_columns_sources_and_lineage(
    api: httpx.Client,
) -> None:
    wb = workbook(api)
    wid = wb["workbookId"]
    doc = contents(api, wid)
    model = retail_model(api)
    element = next(
        e
        for e in walk(api, f"/v2/dataModels/{model['dataModelId']}/elements")
        if e["name"] == "Orders"
    )
    changed = copy.deepcopy(doc)
    changed["pages"].append(
        {
            "id": "pgNew1",
            "name": "Code page",
            "elements": [
                {
                    "id": "elNew1",
                    "kind": "table",
                    "name": "Orders by code",
                    "source": {
                        "kind": "data-model",
                        "dataModelId": model["dataModelId"],
                        "elementId": element["elementId"],
                    },
                    "columns": [{"id": "NET", "formula": "[Revenue] - [Discount]", "name": "Net"}],
                }
            ],
        }
    )
    got = api.put(f"/v2/workbooks/{wid}/contents", json=changed)
    assert got.status_code == 200, got.text
    assert got.json()["documentVersion"] == doc["documentVersion"] + 1

    pages = walk(api, f"/v2/workbooks/{wid}/pages")
    assert pages[-1] == {"pageId": "pgNew1", "name": "Code page", "hidden": False}
    elements = walk(api, f"/v2/workbooks/{wid}/pages/pgNew1/elements")
    assert [(e["elementId"], e["name"], e["columns"]) for e in elements] == [
        ("elNew1", "Orders by code", ["Net"])
    ]
    columns = walk(api, f"/v2/workbooks/{wid}/elements/elNew1/columns")
    assert [(c["columnId"], c["formula"]) for c in columns] == [("NET", "[Revenue] - [Discount]")]
    lineage = walk(api, f"/v2/workbooks/{wid}/lineage")
    entry = next(e for e in lineage if e.get("elementId") == "elNew1")
    assert entry["sourceIds"] == [element["elementId"]]
    assert entry["dataSourceIds"] == [model["dataModelId"]]

    # the old version is kept
    old = contents(api, wid, documentVersion=doc["documentVersion"])
    assert [p["id"] for p in old["pages"]] == [p["id"] for p in doc["pages"]]


def test_a_stale_document_version_is_refused_with_nothing_written(api: httpx.Client) -> None:
    wb = workbook(api)
    wid = wb["workbookId"]
    doc = contents(api, wid)
    first = copy.deepcopy(doc)
    first["pages"][0]["name"] = "First"
    assert api.put(f"/v2/workbooks/{wid}/contents", json=first).status_code == 200
    second = copy.deepcopy(doc)
    second["pages"][0]["name"] = "Second"
    got = api.put(f"/v2/workbooks/{wid}/contents", json=second)
    assert_sigma_error(got, 409)
    assert "changed since version" in got.json()["message"]
    assert walk(api, f"/v2/workbooks/{wid}/pages")[0]["name"] == "First"


def test_sources_are_checked(api: httpx.Client) -> None:
    wid = workbook(api)["workbookId"]
    doc = contents(api, wid)
    reader = next(e for p in doc["pages"] for e in p["elements"] if "source" in e)
    for source, words in [
        ({"kind": "sql", "connectionId": "nope", "statement": "select 1"}, "no connection nope"),
        ({"kind": "data-model", "dataModelId": "nope", "elementId": "x"}, "no data model nope"),
        ({"kind": "dataset", "datasetId": "nope"}, "no dataset nope"),
    ]:
        bad = copy.deepcopy(doc)
        next(e for p in bad["pages"] for e in p["elements"] if e["id"] == reader["id"])[
            "source"
        ] = source
        got = api.put(f"/v2/workbooks/{wid}/contents", json=bad)
        assert_sigma_error(got, 400)
        assert words in got.json()["message"]
    unknown = copy.deepcopy(doc)
    unknown["pages"][0]["colour"] = "red"
    got = api.put(f"/v2/workbooks/{wid}/contents", json=unknown)
    assert_sigma_error(got, 400)
    assert got.json()["message"] == "Invalid contents: pages[0].colour: unknown field"
    assert contents(api, wid) == doc


def test_create_from_contents_and_dry_run(api: httpx.Client) -> None:
    wb = workbook(api)
    doc = contents(api, wb["workbookId"])
    folder = doc["folderId"]
    fresh = copy.deepcopy(doc)
    for p, page in enumerate(fresh["pages"]):
        page["id"] = f"copyPage{p}"
        for e, element in enumerate(page["elements"]):
            element["id"] = f"copyEl{p}x{e}"
    before = len(walk(api, "/v2/workbooks"))
    dry = api.post(
        "/v2/workbooks",
        json={"name": "From code", "folderId": folder, "contents": fresh, "dryRun": True},
    )
    assert dry.status_code == 200, dry.text
    assert dry.json()["valid"] is True
    assert len(walk(api, "/v2/workbooks")) == before

    # the original's ids are taken: refused
    clash = api.post("/v2/workbooks", json={"name": "X", "folderId": folder, "contents": doc})
    assert_sigma_error(clash, 400)
    assert "of another workbook" in clash.json()["message"]

    made = api.post(
        "/v2/workbooks", json={"name": "From code", "folderId": folder, "contents": fresh}
    )
    assert made.status_code == 200, made.text
    body = made.json()
    assert body["name"] == "From code" and body["latestVersion"] == 1
    assert body["contents"]["pages"] == fresh["pages"]
    assert contents(api, body["workbookId"])["pages"] == fresh["pages"]
    assert len(walk(api, "/v2/workbooks")) == before + 1
