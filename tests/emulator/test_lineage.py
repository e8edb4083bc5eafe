"""What a workbook is built on, through HTTP: its sources and lineage name the seeded
Retail Sales data model, and the SQL each element shows gives the rows its export gives."""

from __future__ import annotations

import json
from typing import Any

import httpx
from tests.emulator.workbook_helpers import dataset, export_now
from tests.sigma_http import assert_sigma_error, new_folder, walk

from sigmakit.emulator import EmulatorServer


def retail_sales(api: httpx.Client) -> dict[str, Any]:
    return next(m for m in walk(api, "/v2/dataModels") if m["name"] == "Retail Sales")


def test_workbook_sources_and_lineage_name_the_data_model(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    model = retail_sales(api)
    model_id = model["dataModelId"]
    (source,) = api.get(f"/v2/workbooks/{sales['id']}/sources").json()
    assert source["type"] == "data-model" and source["dataModelId"] == model_id
    elements = {e["elementId"]: e for e in walk(api, f"/v2/dataModels/{model_id}/elements")}
    (read,) = source["elementIds"]
    assert elements[read]["name"] == "Order Lines"
    # the Orders table reads every column of Order Lines
    assert sales["Orders"]["columns"] == elements[read]["columns"]

    lineage = walk(api, f"/v2/workbooks/{sales['id']}/lineage")
    by_element = {e["elementId"]: e for e in lineage if e["type"] == "element"}
    assert by_element[sales["Orders"]["elementId"]]["sourceIds"] == [read]
    assert by_element[sales["Orders"]["elementId"]]["dataSourceIds"] == [model_id]
    assert by_element[sales["Regional Targets"]["elementId"]]["sourceIds"] == []  # an input table
    assert sales["Notes"]["elementId"] not in by_element  # a text reads nothing
    (node,) = [e for e in lineage if e["type"] == "data-model"]
    assert node["dataModelId"] == model_id and node["name"] == "Retail Sales"

    graph = api.get(
        f"/v2/workbooks/{sales['id']}/lineage/elements/{sales['Top Products']['elementId']}"
    ).json()
    into = {(e["source"], e["type"]) for e in graph["edges"]}
    assert (read, "source") in into
    assert (sales["Region"]["elementId"], "dependency") in into  # the Region control filters it
    assert set(graph["dependencies"]) == {e["source"] for e in graph["edges"]} | {
        sales["Top Products"]["elementId"]
    }


def _runnable(api: httpx.Client, sql: str) -> str:
    """The warehouse SQL with each table named as the emulator's retail dataset names it,
    the tables found through the data model's sources and their connection paths."""
    model_id = retail_sales(api)["dataModelId"]
    for source in api.get(f"/v2/dataModels/{model_id}/sources").json()["entries"]:
        path = api.get(f"/v2/connections/paths/{source['tableId']}").json()["path"]
        sql = sql.replace(".".join(path), f"ds_{path[-1].lower()}")
    return sql


def test_an_elements_sql_gives_the_rows_its_export_gives(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    element = sales["Revenue by Region and Category"]["elementId"]
    answer = api.get(f"/v2/workbooks/{sales['id']}/elements/{element}/query").json()
    assert answer["elementId"] == element and "RETAIL.PUBLIC.ORDERS" in answer["sql"]
    exported = export_now(api, emulator, sales["id"], elementId=element, format={"type": "jsonl"})
    rows = [tuple(json.loads(line).values()) for line in exported.text.splitlines()]
    assert dataset(emulator, _runnable(api, answer["sql"])) == rows
    assert len(rows) == 30


def test_queries_list_each_element_that_runs_one(api: httpx.Client, sales: dict[str, Any]) -> None:
    queries = walk(api, f"/v2/workbooks/{sales['id']}/queries")
    named = {q["name"] for q in queries}
    assert {"Orders", "Top Products", "Regional Targets"} <= named
    assert not {"Notes", "Region", "Order Date"} & named  # a text and controls run none
    for q in queries:
        one = api.get(f"/v2/workbooks/{sales['id']}/elements/{q['elementId']}/query").json()
        assert one == q
    notes = sales["Notes"]["elementId"]
    assert_sigma_error(api.get(f"/v2/workbooks/{sales['id']}/elements/{notes}/query"), 400)


def test_workbook_columns_are_every_elements_columns(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    columns = walk(api, f"/v2/workbooks/{sales['id']}/columns", limit=7)
    orders = sales["Orders"]["elementId"]
    per_element = walk(api, f"/v2/workbooks/{sales['id']}/elements/{orders}/columns", limit=50)
    assert [(c["columnId"], c["name"]) for c in columns if c["elementId"] == orders] == [
        (c["columnId"], c["label"]) for c in per_element
    ]
    schema = api.get(f"/v2/workbooks/{sales['id']}/schema", params={"includeSql": True}).json()
    assert set(schema["sheets"]) == {c["elementId"] for c in columns}
    assert set(schema["variables"]) >= {"Region", "Category", "DateFilter"}
    assert orders in schema["sqlQueries"]
    assert api.get(f"/v2/workbooks/{sales['id']}/schema").json()["sqlQueries"] == {}


def test_a_created_workbook_is_empty_and_reads_nothing(api: httpx.Client) -> None:
    folder = new_folder(api, "Scratch")
    made = api.post("/v2/workbooks", json={"folderId": folder, "name": "Blank"})
    assert made.status_code == 200, made.text
    workbook = made.json()
    assert workbook["name"] == "Blank" and workbook["path"].endswith("Scratch")
    assert api.get(f"/v2/workbooks/{workbook['workbookId']}").json() == workbook
    assert [p["name"] for p in walk(api, f"/v2/workbooks/{workbook['workbookId']}/pages")] == [
        "Page 1"
    ]
    assert api.get(f"/v2/workbooks/{workbook['workbookId']}/sources").json() == []
    assert walk(api, f"/v2/workbooks/{workbook['workbookId']}/lineage") == []
    before = len(walk(api, "/v2/workbooks", limit=100))
    assert_sigma_error(api.post("/v2/workbooks", json={"folderId": "nope", "name": "x"}), 404)
    assert_sigma_error(api.post("/v2/workbooks", json={"folderId": folder, "name": " "}), 400)
    assert len(walk(api, "/v2/workbooks", limit=100)) == before
