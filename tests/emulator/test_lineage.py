"""What a workbook is built on, through HTTP: its sources and lineage name what each element
reads (the seeded Retail Sales data model, the legacy dataset, the warehouse's tables or
custom SQL) in the shapes Sigma answers with, and the SQL each element shows gives the rows
its export gives."""

from __future__ import annotations

import re
from typing import Any

import httpx
from tests.support.sigma_http import assert_sigma_error, new_folder, walk


def retail_sales(api: httpx.Client) -> dict[str, Any]:
    return next(m for m in walk(api, "/v2/dataModels") if m["name"] == "Retail Sales")


def test_workbook_sources_and_lineage_name_what_each_element_reads(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    model = retail_sales(api)
    model_id = model["dataModelId"]
    sources = api.get(f"/v2/workbooks/{sales['id']}/sources").json()
    by_type: dict[str, list[dict[str, Any]]] = {}
    for s in sources:
        by_type.setdefault(s["type"], []).append(s)
    assert set(by_type) == {"data-model", "table", "dataset", "custom-sql"}
    (source,) = by_type["data-model"]
    assert source["dataModelId"] == model_id
    elements = {e["elementId"]: e for e in walk(api, f"/v2/dataModels/{model_id}/elements")}
    (read,) = source["elementIds"]
    assert elements[read]["name"] == "Order Lines"
    # the Top Products table reads Order Lines, the Orders table the warehouse's tables
    paths = {
        ".".join(api.get(f"/v2/connections/paths/{s['inodeId']}").json()["path"])
        for s in by_type["table"]
    }
    assert paths == {f"RETAIL.PUBLIC.{t}" for t in TABLES}
    (dataset,) = by_type["dataset"]
    legacy = api.get(f"/v2/datasets/{dataset['inodeId']}").json()
    assert legacy["name"] == "Order Lines (legacy)" and dataset["url"] == legacy["url"]
    # the workbooks reading it count as its references; the unmigrated one has none
    assert legacy["referenceCount"] >= 1
    directory = next(d for d in walk(api, "/v2/datasets") if d["name"] == "Store Directory")
    assert directory["referenceCount"] == 0
    (custom,) = by_type["custom-sql"]
    assert custom["customSqlId"] == sales["Revenue by Region and Category"]["elementId"]
    assert "FROM RETAIL.PUBLIC.ORDERS o JOIN RETAIL.PUBLIC.STORES" in custom["definition"]
    connection = api.get(f"/v2/connections/{custom['connectionId']}").json()
    assert connection["name"] == "Northwind Snowflake"

    lineage = walk(api, f"/v2/workbooks/{sales['id']}/lineage")
    by_element = {e["elementId"]: e for e in lineage if e["type"] == "element"}
    top = by_element[sales["Top Products"]["elementId"]]
    assert top["sourceIds"] == [read] and top["dataSourceIds"] == [model_id]
    orders = by_element[sales["Orders"]["elementId"]]
    assert set(orders["sourceIds"]) == {s["inodeId"] for s in by_type["table"]}
    store = by_element[sales["Store Performance"]["elementId"]]
    assert store["sourceIds"] == [dataset["inodeId"]]
    assert by_element[sales["Regional Targets"]["elementId"]]["sourceIds"] == []  # input table
    assert sales["Notes"]["elementId"] not in by_element  # a text reads nothing
    (node,) = [e for e in lineage if e["type"] == "data-model"]
    assert node["dataModelId"] == model_id and node["name"] == "Retail Sales"
    assert {e["name"] for e in lineage if e["type"] == "table"} == paths
    (sql,) = [e for e in lineage if e["type"] == "customSQL"]
    assert sql["definition"] == custom["definition"]


TABLES = ("ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES")


def element_lineage(api: httpx.Client, workbook: str, element: str) -> dict[str, Any]:
    got = api.get(f"/v2/workbooks/{workbook}/lineage/elements/{element}")
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()
    return body


def sheet_of(graph: dict[str, Any], element: str) -> dict[str, Any]:
    """The requested element's own node: type ``sheet``, a node id that is not its id."""
    (sheet,) = [n for n in graph["dependencies"].values() if n.get("elementId") == element]
    assert sheet["type"] == "sheet" and sheet["nodeId"] != element
    assert re.fullmatch(r"[0-9A-Za-z]{21,22}", sheet["nodeId"]), sheet
    return sheet


def test_element_lineage_has_a_sheet_node_and_sigmas_source_nodes(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    wb = sales["id"]
    model = retail_sales(api)

    top = sales["Top Products"]["elementId"]
    graph = element_lineage(api, wb, top)
    sheet = sheet_of(graph, top)
    assert graph["dependencies"][sheet["nodeId"]]["name"] == "Top Products"
    into = {(e["source"], e["type"]) for e in graph["edges"] if e["target"] == sheet["nodeId"]}
    (model_node,) = [s for s, t in into if t == "source"]
    # the data model element: <dataModelUrlId>/<suffix>, only as an edge's source
    url_id, _, suffix = model_node.partition("/")
    assert url_id == model["dataModelUrlId"] and re.fullmatch(r"[0-9A-Za-z]{10}", suffix)
    assert model_node not in graph["dependencies"]
    region = sales["Region"]["elementId"]
    (control,) = [n for n in graph["dependencies"].values() if n.get("elementId") == region]
    assert (control["nodeId"], "dependency") in into  # the Region control filters it
    assert graph == element_lineage(api, wb, top)  # the same ids every time

    orders = sales["Orders"]["elementId"]
    graph = element_lineage(api, wb, orders)
    sheet = sheet_of(graph, orders)
    tables = {n["name"]: n for n in graph["dependencies"].values() if n["type"] == "table"}
    assert set(tables) == set(TABLES)
    for node in tables.values():
        assert re.fullmatch(r"inode-[0-9A-Za-z]{22}", node["nodeId"])
        assert {"source": node["nodeId"], "target": sheet["nodeId"], "type": "source"} in graph[
            "edges"
        ]

    store = sales["Store Performance"]["elementId"]
    graph = element_lineage(api, wb, store)
    (dataset,) = [n for n in graph["dependencies"].values() if n["type"] == "dataset"]
    legacy = next(d for d in walk(api, "/v2/datasets") if d["name"] == "Order Lines (legacy)")
    assert dataset["nodeId"] == "inode-" + legacy["url"].rsplit("/", 1)[1]
    assert dataset["name"] == "Order Lines (legacy)"


def test_lineage_of_a_control_or_a_text_is_an_error_and_a_text_has_no_query(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    wb = sales["id"]
    for name in ("Region", "Notes"):
        element = sales[name]["elementId"]
        body = assert_sigma_error(api.get(f"/v2/workbooks/{wb}/lineage/elements/{element}"), 400)
        assert element in body["message"]
    for name in ("Region", "Notes"):
        element = sales[name]["elementId"]
        assert_sigma_error(api.get(f"/v2/workbooks/{wb}/elements/{element}/query"), 404)
    assert_sigma_error(api.get(f"/v2/workbooks/{wb}/lineage/elements/nope"), 404)


def test_the_lineage_of_every_element_of_the_demo_organization(api: httpx.Client) -> None:
    """What a lineage consumer (DataHub, dagster-sigma) meets walking the whole organization:
    a sheet node for every data element, data model, dataset and table sources, an error for
    each control and text, and every edge between nodes it was given (or from a data model
    element, named ``<dataModelUrlId>/<suffix>``)."""
    model_urls = {m["dataModelUrlId"] for m in walk(api, "/v2/dataModels", limit=50)}
    met: dict[str, int] = {}
    refused = 0
    for workbook in walk(api, "/v2/workbooks", limit=100):
        wb = workbook["workbookId"]
        for page in walk(api, f"/v2/workbooks/{wb}/pages", limit=50):
            for element in walk(
                api, f"/v2/workbooks/{wb}/pages/{page['pageId']}/elements", limit=50
            ):
                got = api.get(f"/v2/workbooks/{wb}/lineage/elements/{element['elementId']}")
                if element["type"] in ("control", "text"):
                    assert_sigma_error(got, 400)
                    refused += 1
                    continue
                assert got.status_code == 200, got.text
                graph = got.json()
                sheet = sheet_of(graph, element["elementId"])
                for node_id, node in graph["dependencies"].items():
                    assert node["nodeId"] == node_id and node["name"]
                    met[node["type"]] = met.get(node["type"], 0) + 1
                for edge in graph["edges"]:
                    assert edge["target"] in graph["dependencies"]
                    assert edge["type"] in ("source", "lookup", "dependency")
                    if edge["source"] not in graph["dependencies"]:
                        url_id, _, suffix = edge["source"].partition("/")
                        assert url_id in model_urls and suffix, edge
                        met["data-model"] = met.get("data-model", 0) + 1
                assert any(e["target"] == sheet["nodeId"] for e in graph["edges"]) or (
                    element["type"] == "input-table"
                )
    assert {"sheet", "data-model", "dataset", "table", "customSQL", "control"} <= set(met)
    assert refused > 0


def _runnable(api: httpx.Client, sql: str) -> str:
    """The warehouse SQL with each table named as the emulator's retail dataset names it,
    the tables found through the data model's sources and their connection paths."""
    model_id = retail_sales(api)["dataModelId"]
    for source in api.get(f"/v2/dataModels/{model_id}/sources").json()["entries"]:
        path = api.get(f"/v2/connections/paths/{source['tableId']}").json()["path"]
        sql = sql.replace(".".join(path), f"ds_{path[-1].lower()}")
    return sql


def test_queries_list_each_element_that_runs_one(api: httpx.Client, sales: dict[str, Any]) -> None:
    queries = walk(api, f"/v2/workbooks/{sales['id']}/queries")
    named = {q["name"] for q in queries}
    assert {"Orders", "Top Products", "Regional Targets"} <= named
    assert not {"Notes", "Region", "Order Date"} & named  # a text and controls run none
    for q in queries:
        one = api.get(f"/v2/workbooks/{sales['id']}/elements/{q['elementId']}/query").json()
        assert one == q
    notes = sales["Notes"]["elementId"]
    assert_sigma_error(api.get(f"/v2/workbooks/{sales['id']}/elements/{notes}/query"), 404)


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
