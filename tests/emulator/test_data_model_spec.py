"""A data model's code representation through HTTP: read, written back, versioned, checked."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import yaml
from tests.support.sigma_http import assert_sigma_error, walk


def retail(api: httpx.Client) -> str:
    found = {m["name"]: m for m in walk(api, "/v2/dataModels")}
    return str(found["Retail Sales"]["dataModelId"])


def spec(api: httpx.Client, model_id: str, **params: Any) -> dict[str, Any]:
    got = api.get(f"/v2/dataModels/{model_id}/spec", params=params)
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()
    return body


def test_the_seeded_model_reads_as_its_elements_and_writes_back_unchanged(
    api: httpx.Client,
) -> None:
    model_id = retail(api)
    doc = spec(api, model_id)
    assert (doc["schemaVersion"], doc["kind"], doc["name"]) == ("1", "data-model", "Retail Sales")
    assert doc["documentVersion"] == 14
    elements = doc["pages"][0]["elements"]
    assert [e["name"] for e in elements] == ["Orders", "Stores", "Products", "Order Lines"]
    assert elements[0]["source"]["kind"] == "warehouse-table"
    assert elements[0]["source"]["path"] == ["RETAIL", "PUBLIC", "ORDERS"]
    # an element built on several is a join; an element of the same model is a "table"
    # source (Sigma's code representation)
    orders, stores, products = ({"kind": "table", "elementId": e["id"]} for e in elements[:3])
    lines = elements[3]["source"]
    assert (lines["kind"], lines["primarySource"]) == ("join", orders)
    assert [(j["left"], j["right"], j["columns"]) for j in lines["joins"]] == [
        (orders, stores, [{"left": "STORE_ID", "right": "STORE_ID", "op": "="}]),
        (orders, products, [{"left": "PRODUCT_ID", "right": "PRODUCT_ID", "op": "="}]),
    ]
    regions = elements[1]["source"]["joins"][0]
    assert (regions["right"]["path"], regions["columns"][0]["left"]) == (
        ["RETAIL", "PUBLIC", "REGIONS"],
        "REGION_ID",
    )
    assert {k: v for k, v in elements[0]["columns"][0].items() if k != "format"} == {
        "id": "ORDER_ID",
        "formula": "[Orders/Order Id]",
        "name": "Order Id",
    }

    # the same document back (its metadata too: Sigma ignores it) changes nothing, not even
    # the version; the answer is Sigma's {success, dataModelId}
    again = api.put(f"/v2/dataModels/{model_id}/spec", json=doc)
    assert again.status_code == 200, again.text
    assert again.json() == {"success": True, "dataModelId": model_id}
    assert spec(api, model_id) == doc
    assert api.get(f"/v2/dataModels/{model_id}").json()["latestVersion"] == 14


def test_a_change_bumps_the_version_keeps_the_old_one_and_shows_in_the_elements(
    api: httpx.Client,
) -> None:
    model_id = retail(api)
    doc = spec(api, model_id)
    changed = copy.deepcopy(doc)
    changed["pages"][0]["elements"][0]["columns"].append(
        {"id": "NET", "formula": "[Revenue] - [Discount]", "name": "Net"}
    )
    got = api.put(f"/v2/dataModels/{model_id}/spec", json=changed)
    assert got.status_code == 200, got.text
    assert spec(api, model_id)["documentVersion"] == 15
    assert api.get(f"/v2/dataModels/{model_id}").json()["latestVersion"] == 15
    assert spec(api, model_id)["pages"] == changed["pages"]
    assert spec(api, model_id, documentVersion=14)["pages"] == doc["pages"]
    columns = walk(api, f"/v2/dataModels/{model_id}/columns", limit=50)
    assert "Net" in [c["name"] for c in columns]

    # written against version 14, now stale: refused, nothing written
    stale = api.put(f"/v2/dataModels/{model_id}/spec", json={**doc, "documentVersion": 14})
    assert "version 14" in assert_sigma_error(stale, 409)["message"]
    assert spec(api, model_id)["pages"] == changed["pages"]
    # without a version, the last write wins
    back = api.put(
        f"/v2/dataModels/{model_id}/spec", json={"schemaVersion": "1", "pages": doc["pages"]}
    )
    assert back.status_code == 200, back.text
    assert spec(api, model_id)["documentVersion"] == 16
    assert_sigma_error(api.get(f"/v2/dataModels/{model_id}/spec?documentVersion=99"), 404)


def test_yaml_in_and_out(api: httpx.Client) -> None:
    model_id = retail(api)
    doc = spec(api, model_id)
    as_yaml = api.get(f"/v2/dataModels/{model_id}/spec", params={"format": "yaml"})
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(as_yaml.text) == doc
    by_header = api.get(f"/v2/dataModels/{model_id}/spec", headers={"Accept": "application/yaml"})
    assert by_header.text == as_yaml.text
    edited = as_yaml.text.replace("name: Order Lines", "name: Order Lines v2")
    put = api.put(
        f"/v2/dataModels/{model_id}/spec",
        content=edited.encode(),
        headers={"Content-Type": "application/yaml"},
    )
    assert put.status_code == 200, put.text
    assert spec(api, model_id)["pages"][0]["elements"][3]["name"] == "Order Lines v2"


def test_bad_specs_are_400s_and_change_nothing(api: httpx.Client) -> None:
    model_id = retail(api)
    doc = spec(api, model_id)
    url = f"/v2/dataModels/{model_id}/spec"

    def broken(change: Any) -> dict[str, Any]:
        body = copy.deepcopy(doc)
        change(body)
        return body

    element = "pages[0].elements[0]"
    cases: list[tuple[Any, str]] = [
        ({"name": "no pages", "schemaVersion": "1"}, "pages: Field required"),
        ({"pages": []}, "schemaVersion: Field required"),
        (broken(lambda d: d["pages"][0]["elements"][0].pop("columns")), f"{element}.columns"),
        (
            broken(lambda d: d["pages"][0]["elements"][0]["source"].update(kind="csv")),
            f"{element}.source.kind: 'csv' is not one of 'warehouse-table', 'sql', 'table'",
        ),
        (
            broken(lambda d: d["pages"][0]["elements"][0].update(colums=[])),
            f"{element}.colums: unknown field",
        ),
        (
            broken(lambda d: d["pages"][0]["elements"][0]["source"].update(connectionId="nope")),
            "no connection nope",
        ),
        (
            broken(lambda d: d["pages"][0]["elements"][0]["source"].update(path=["A", "B", "C"])),
            "no table A.B.C",
        ),
        (
            broken(
                lambda d: d["pages"][0]["elements"][1].update(id=d["pages"][0]["elements"][0]["id"])
            ),
            "used twice",
        ),
        ([1, 2], "must be an object"),
    ]
    for body, message in cases:
        got = api.put(url, json=body)
        assert message in assert_sigma_error(got, 400)["message"], (message, got.text)
    not_yaml = api.put(url, content=b"pages: [", headers={"Content-Type": "application/yaml"})
    assert "not valid YAML" in assert_sigma_error(not_yaml, 400)["message"]
    assert spec(api, model_id) == doc


def test_a_model_created_from_a_spec(api: httpx.Client) -> None:
    doc = spec(api, retail(api))
    new = {
        "name": "Orders Only",
        "schemaVersion": "1",
        "folderId": doc["folderId"],
        "pages": [{"id": "p1", "name": "Main", "elements": [doc["pages"][0]["elements"][0]]}],
    }
    new["pages"][0]["elements"][0] = {**new["pages"][0]["elements"][0], "id": "orders-copy"}
    got = api.post("/v2/dataModels/spec", json=new)
    assert got.status_code == 200, got.text
    assert set(got.json()) == {"success", "dataModelId"}
    created = spec(api, got.json()["dataModelId"])
    assert (created["name"], created["documentVersion"]) == ("Orders Only", 1)
    assert created["pages"] == new["pages"]
    names = [m["name"] for m in walk(api, "/v2/dataModels")]
    assert "Orders Only" in names
    assert_sigma_error(api.post("/v2/dataModels/spec", json={**new, "folderId": "nope"}), 404)
    assert_sigma_error(api.post("/v2/dataModels/spec", json={"pages": []}), 400)


def test_yaml_aliases_are_refused_before_they_expand(api: httpx.Client) -> None:
    model_id = retail(api)
    doc = spec(api, model_id)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    got = api.put(
        f"/v2/dataModels/{model_id}/spec",
        content=(bomb + "pages: []\n").encode(),
        headers={"Content-Type": "application/yaml"},
    )
    assert "aliases are not accepted" in assert_sigma_error(got, 400)["message"]
    assert spec(api, model_id) == doc
