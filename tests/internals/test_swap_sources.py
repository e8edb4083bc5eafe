"""``swapSources`` on the wire: a workbook's and a data model's sources, lineage and
``GET .../sources`` follow the swap; targets must exist; input tables keep their rows."""

from __future__ import annotations

import httpx
from tests.support.workbook_helpers import workbook_named

from sigmakit.emulator import EmulatorServer

WAREHOUSE = {
    "name": "Retail EU",
    "details": {
        "type": "postgres",
        "host": "db.eu.internal",
        "database": "retail",
        "user": "sigma_ro",
        "password": "not-shown",
        "port": 5432,
    },
}


def _connections(api: httpx.Client) -> dict[str, str]:
    return {c["name"]: c["connectionId"] for c in api.get("/v2/connections").json()["entries"]}


def _warehouse_copy(api: httpx.Client, emulator: EmulatorServer) -> str:
    """A new connection whose catalogue holds the same RETAIL.PUBLIC tables (the emulator
    reads no warehouse, so its catalogue is laid down directly)."""
    made = api.post("/v2/connections", json=WAREHOUSE)
    assert made.status_code == 201, made.text
    connection_id = str(made.json()["connectionId"])
    store = emulator.state.store
    with store.db.tx() as conn:
        store.connections.add_tables(
            conn,
            connection_id,
            [
                ["RETAIL", "PUBLIC", t]
                for t in ("ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES")
            ],
        )
    return connection_id


def _sources(api: httpx.Client, workbook_id: str) -> list[dict[str, object]]:
    return list(api.get(f"/v2/workbooks/{workbook_id}/sources").json())


def test_custom_sql_follows_a_connection_swap(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Store Operations")["workbookId"]
    names = _connections(api)
    swapped = api.post(
        f"/v2/workbooks/{workbook_id}/swapSources",
        json={
            "connectionMapping": [
                {"fromId": names["Northwind Snowflake"], "toId": names["Operations Postgres"]}
            ]
        },
    )
    assert swapped.status_code == 200, swapped.text
    assert swapped.json()["unswappedConnections"] == []
    sql = [s for s in _sources(api, workbook_id) if s["type"] == "custom-sql"]
    assert sql and {s["connectionId"] for s in sql} == {names["Operations Postgres"]}


def test_tables_move_to_the_same_path_in_the_new_connection(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    workbook_id = workbook_named(api, "Customer Segments")["workbookId"]
    before = {s["inodeId"] for s in _sources(api, workbook_id) if s["type"] == "table"}
    target = _warehouse_copy(api, emulator)
    swapped = api.post(
        f"/v2/workbooks/{workbook_id}/swapSources",
        json={
            "connectionMapping": [
                {
                    "fromId": _connections(api)["Northwind Snowflake"],
                    "toId": target,
                    "swapTables": True,
                }
            ]
        },
    )
    assert swapped.status_code == 200, swapped.text
    tables = {s["inodeId"] for s in _sources(api, workbook_id) if s["type"] == "table"}
    assert tables and not tables & before
    lineage = api.get(f"/v2/workbooks/{workbook_id}/lineage").json()["entries"]
    table_nodes = [n for n in lineage if n.get("type") == "table"]
    assert table_nodes and all(n["connectionId"] == target for n in table_nodes)


def test_a_path_with_no_table_leaves_the_source_unswapped(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Customer Segments")["workbookId"]
    before = _sources(api, workbook_id)
    snowflake = _connections(api)["Northwind Snowflake"]
    swapped = api.post(
        f"/v2/workbooks/{workbook_id}/swapSources",
        json={
            "connectionMapping": [
                {
                    "fromId": snowflake,
                    "toId": snowflake,
                    "swapTables": True,
                    "paths": [{"fromPath": ["RETAIL", "PUBLIC"], "toPath": ["RETAIL", "NOWHERE"]}],
                }
            ]
        },
    )
    assert swapped.status_code == 200
    unswapped = set(swapped.json()["unswappedSources"])
    tables = {s["inodeId"] for s in before if s["type"] == "table"}
    assert tables & unswapped
    assert _sources(api, workbook_id) == before


def test_a_missing_target_swaps_nothing(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Store Operations")["workbookId"]
    before = _sources(api, workbook_id)
    refused = api.post(
        f"/v2/workbooks/{workbook_id}/swapSources",
        json={
            "connectionMapping": [
                {"fromId": _connections(api)["Northwind Snowflake"], "toId": "no-such-connection"}
            ]
        },
    )
    assert refused.status_code == 404
    empty = api.post(f"/v2/workbooks/{workbook_id}/swapSources", json={})
    assert empty.status_code == 400
    assert _sources(api, workbook_id) == before


def test_a_data_model_source_swaps_to_another_data_model(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Demand Planning")["workbookId"]
    [source] = _sources(api, workbook_id)
    models = [m["dataModelId"] for m in api.get("/v2/dataModels").json()["entries"]]
    others = [m for m in models if m != source["dataModelId"]]
    swapped = api.post(
        f"/v2/workbooks/{workbook_id}/swapSources",
        json={"sourceMapping": [{"fromId": source["dataModelId"], "toId": others[0]}]},
    )
    assert swapped.status_code == 200
    # the other model has no element of the same name: nothing swaps, and Sigma says which
    assert swapped.json()["unswappedSources"] == [source["dataModelId"]]
    assert _sources(api, workbook_id) == [source]


def test_a_data_model_follows_a_table_swap(api: httpx.Client, emulator: EmulatorServer) -> None:
    model = next(
        m for m in api.get("/v2/dataModels").json()["entries"] if m["name"] == "Retail Sales"
    )
    path = f"/v2/dataModels/{model['dataModelId']}"
    before = {s["tableId"] for s in api.get(f"{path}/sources").json()["entries"]}
    target = _warehouse_copy(api, emulator)
    swapped = api.post(
        f"{path}/swapSources",
        json={
            "connectionMapping": [
                {
                    "fromId": _connections(api)["Northwind Snowflake"],
                    "toId": target,
                    "swapTables": True,
                }
            ]
        },
    )
    assert swapped.status_code == 200, swapped.text
    after = {s["tableId"] for s in api.get(f"{path}/sources").json()["entries"]}
    assert len(after) == len(before) and not after & before
    nodes = [n for n in api.get(f"{path}/lineage").json()["entries"] if n["type"] == "table"]
    assert nodes and all(n["connectionId"] == target for n in nodes)


def test_tagging_a_data_model_marks_one_version_and_moves(api: httpx.Client) -> None:
    model = next(
        m for m in api.get("/v2/dataModels").json()["entries"] if m["name"] == "Retail Sales"
    )
    path = f"/v2/dataModels/{model['dataModelId']}/tags"
    tagged = api.post(
        "/v2/dataModels/tag", json={"dataModelId": model["dataModelId"], "tag": "Staging"}
    )
    assert tagged.status_code == 200, tagged.text
    assert tagged.json()["taggedDataModelVersion"] == model["latestVersion"]
    marks = {t["tagName"]: t["sourceVersion"] for t in api.get(path).json()["entries"]}
    assert marks["Staging"] == model["latestVersion"]
    again = api.post(
        "/v2/dataModels/tag",
        json={"dataModelId": model["dataModelId"], "tag": "Staging", "dataModelVersion": 2},
    )
    assert again.json()["taggedDataModelId"] == tagged.json()["taggedDataModelId"]
    marks = [t for t in api.get(path).json()["entries"] if t["tagName"] == "Staging"]
    assert [t["sourceVersion"] for t in marks] == [2]
    bad = api.post(
        "/v2/dataModels/tag",
        json={"dataModelId": model["dataModelId"], "tag": "Staging", "dataModelVersion": 999},
    )
    assert bad.status_code == 400
    assert (
        api.post(
            "/v2/dataModels/tag", json={"dataModelId": model["dataModelId"], "tag": "Nope"}
        ).status_code
        == 404
    )
    marks = [t for t in api.get(path).json()["entries"] if t["tagName"] == "Staging"]
    assert [t["sourceVersion"] for t in marks] == [2]
