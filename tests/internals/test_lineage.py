"""An element's SQL run on the emulator's own dataset."""

from __future__ import annotations

import json
from typing import Any

import httpx
from tests.internals.peek import dataset
from tests.support.sigma_http import walk
from tests.support.workbook_helpers import export_now

from sigmakit.emulator import EmulatorServer


def retail_sales(api: httpx.Client) -> dict[str, Any]:
    return next(m for m in walk(api, "/v2/dataModels") if m["name"] == "Retail Sales")


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
