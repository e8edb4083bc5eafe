"""Catalogued table columns checked against the emulator's database."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.sigma_http import assert_sigma_error, walk

from sigmakit.emulator import EmulatorServer


def snowflake(api: httpx.Client) -> dict[str, Any]:
    return next(c for c in walk(api, "/v2/connections", limit=50) if c["type"] == "snowflake")


def test_the_columns_of_a_catalogued_table(api: httpx.Client, emulator: EmulatorServer) -> None:
    connection_id = snowflake(api)["connectionId"]
    paths = walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
    orders = next(p for p in paths if p["path"][-1] == "ORDERS")
    columns = api.get(f"/v2/connections/tables/{orders['urlId']}/columns").json()
    # the warehouse's ORDERS is the table the retail dataset's orders come from
    retail = [
        r["name"].upper() for r in emulator.state.store.db.all("PRAGMA table_info(ds_orders)")
    ]
    assert [c["name"] for c in columns["entries"]] == retail
    assert {c["visibility"] for c in columns["entries"]} == {"included"}
    first = api.get(
        f"/v2/connections/tables/{orders['urlId']}/columns", params={"pageSize": 4}
    ).json()
    rest = api.get(
        f"/v2/connections/tables/{orders['urlId']}/columns",
        params={"pageToken": first["nextPageToken"], "pageSize": 100},
    ).json()
    assert first["entries"] + rest["entries"] == columns["entries"]
    assert "nextPageToken" not in rest
    assert_sigma_error(api.get("/v2/connections/tables/no-such/columns"), 404)
