"""Data model specs as Sigma's code representation description has them
(``reference/sigma-code-representation-2026-10.yaml``): what the emulator answers fits the
published ``DataModelSpec``, and what the description allows beyond plain tables (joins,
metrics, relationships, controls) is taken, kept and read back, and followed by lineage."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from tests.support.sigma_http import assert_sigma_error, walk

from sigmakit._reference import code_representation

_URI = "urn:sigma:code-representation"


def _published(root: str) -> Draft202012Validator:
    """A validator of ``root`` as published: nothing mended, nothing made stricter."""
    registry = Registry().with_resource(_URI, DRAFT202012.create_resource(code_representation()))
    return Draft202012Validator({"$ref": f"{_URI}#/components/schemas/{root}"}, registry=registry)


def _models(api: httpx.Client) -> dict[str, str]:
    return {m["name"]: m["dataModelId"] for m in walk(api, "/v2/dataModels")}


def _spec(api: httpx.Client, model_id: str) -> dict[str, Any]:
    got = api.get(f"/v2/dataModels/{model_id}/spec")
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()
    return body


def test_every_seeded_model_answers_a_published_data_model_spec(api: httpx.Client) -> None:
    validator = _published("DataModelSpec")
    models = _models(api)
    assert len(models) >= 2
    for name, model_id in models.items():
        doc = _spec(api, model_id)
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert problems == [], (name, problems[:3])
        assert (doc["dataModelId"], doc["name"]) == (model_id, name)
        assert doc["documentVersion"] == doc["latestDocumentVersion"]


def _joined(doc: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """The Retail Sales spec with a new element joining Orders to Stores, a metric, a
    relationship and a list control filtering it."""
    changed = copy.deepcopy(doc)
    elements = changed["pages"][0]["elements"]
    orders = next(e for e in elements if e["name"] == "Orders")
    stores = next(e for e in elements if e["name"] == "Stores")
    # Stores is built on a join of two tables: its first is the stores table
    orders_table, stores_table = orders["source"], stores["source"]["primarySource"]
    elements.append(
        {
            "id": "ordersByStore",
            "kind": "table",
            "name": "Orders by Store",
            "source": {
                "kind": "join",
                "primarySource": copy.deepcopy(orders_table),
                "joins": [
                    {
                        "left": copy.deepcopy(orders_table),
                        "right": copy.deepcopy(stores_table),
                        "columns": [{"left": "STORE_ID", "right": "STORE_ID", "op": "="}],
                        "joinType": "left-outer",
                    }
                ],
            },
            "columns": [{"id": "ID", "formula": "[ORDERS/Order Id]", "name": "Order Id"}],
            "metrics": [{"id": "orders", "formula": "CountDistinct([Order Id])", "name": "Orders"}],
            "relationships": [
                {
                    "id": "toStores",
                    "targetElementId": stores["id"],
                    "keys": [
                        {"sourceColumnId": "ID", "targetColumnId": stores["columns"][0]["id"]}
                    ],
                    "relationshipType": "N:1",
                }
            ],
        }
    )
    elements.append(
        {
            "id": "storePicker",
            "kind": "control",
            "controlId": "Store-Picker",
            "controlType": "text",
            "mode": "contains",
            "name": "Store",
            "filters": [
                {"source": {"kind": "table", "elementId": "ordersByStore"}, "columnId": "ID"}
            ],
        }
    )
    return changed, ".".join(orders_table["path"]), ".".join(stores_table["path"])


def test_joins_metrics_relationships_and_controls_are_kept_and_followed(
    api: httpx.Client,
) -> None:
    model_id = _models(api)["Retail Sales"]
    doc = _spec(api, model_id)
    changed, orders, stores = _joined(doc)
    # sent as a client would: the GET's metadata left in (Sigma ignores it), and a new name,
    # which a spec write does not apply (renaming is a files operation)
    put = api.put(f"/v2/dataModels/{model_id}/spec", json={**changed, "name": "Renamed"})
    assert put.status_code == 200, put.text
    now = _spec(api, model_id)
    assert now["pages"] == changed["pages"] and now["name"] == "Retail Sales"
    assert now["documentVersion"] == doc["documentVersion"] + 1
    assert list(_published("DataModelSpec").iter_errors(now)) == []

    # the joined element reads both tables; the control is no element of the model's list
    elements = {e["name"]: e for e in walk(api, f"/v2/dataModels/{model_id}/elements")}
    assert "Orders by Store" in elements and "Store" not in elements
    lineage = api.get(f"/v2/dataModels/{model_id}/lineage").json()["entries"]
    tables = {e["name"] for e in lineage if e.get("type") == "table"}
    assert {orders, stores} <= tables

    # the same document again is no change
    again = api.put(f"/v2/dataModels/{model_id}/spec", json=now)
    assert again.status_code == 200 and _spec(api, model_id) == now


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda e: e[-1].update(controlType="lisst"),
            "pages[0].elements[5].controlType: 'lisst' is not one of 'checkbox', 'switch'",
        ),
        (
            lambda e: e[-2]["source"]["joins"][0]["columns"][0].update(op="~"),
            "pages[0].elements[4].source.joins[0].columns[0].op",
        ),
        (
            lambda e: e[-2]["source"]["joins"][0]["right"].update(path=["RETAIL", "NOPE", "X"]),
            "pages[0].elements[4]: no table RETAIL.NOPE.X in connection",
        ),
        (
            lambda e: e[-1]["filters"][0]["source"].update(elementId="gone"),
            "pages[0].elements[5]: reads element gone, which is not in this data model",
        ),
        (
            lambda e: e[-2]["metrics"][0].update(formla="x"),
            "pages[0].elements[4].metrics[0].formla: unknown field",
        ),
    ],
)
def test_a_nested_problem_is_named_by_its_place_and_nothing_is_written(
    api: httpx.Client, change: Any, words: str
) -> None:
    model_id = _models(api)["Retail Sales"]
    doc = _spec(api, model_id)
    changed, _, _ = _joined(doc)
    change(changed["pages"][0]["elements"])
    got = api.put(f"/v2/dataModels/{model_id}/spec", json=changed)
    message = assert_sigma_error(got, 400)["message"]
    assert words in message and "\n" not in message, message
    assert _spec(api, model_id) == doc
