"""A warehouse path resolved the two ways Sigma's scripts do it: ``POST
/v2/connection/{id}/lookup``, or walking the connection's tables as files
(``GET /v2/files?typeFilters=table``), both through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.sigma_http import assert_sigma_error, grant, new_member, new_team, walk


def snowflake(api: httpx.Client) -> dict[str, Any]:
    return next(c for c in walk(api, "/v2/connections", limit=50) if c["type"] == "snowflake")


def lookup(api: httpx.Client, connection_id: str, path: Any) -> httpx.Response:
    return api.post(f"/v2/connection/{connection_id}/lookup", json={"path": path})


def test_lookup_finds_tables_and_scopes(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    table = lookup(api, connection_id, ["RETAIL", "PUBLIC", "ORDERS"])
    assert table.status_code == 200
    found = table.json()
    assert found["kind"] == "table" and found["url"].startswith("https://")
    # the table's inode id is its connection path id
    path = api.get(f"/v2/connections/paths/{found['inodeId']}").json()
    assert path["connectionId"] == connection_id
    assert path["path"] == ["RETAIL", "PUBLIC", "ORDERS"]
    schema = lookup(api, connection_id, ["RETAIL", "PUBLIC"]).json()
    database = lookup(api, connection_id, ["RETAIL"]).json()
    assert schema["kind"] == database["kind"] == "scope"
    assert len({found["inodeId"], schema["inodeId"], database["inodeId"]}) == 3
    # the same path, the same answer
    assert lookup(api, connection_id, ["RETAIL", "PUBLIC"]).json() == schema


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (["RETAIL", "PUBLIC", "NOPE"], 404),
        (["NOPE"], 404),
        ([], 400),
        (["A", "B", "C", "D"], 400),
        (["RETAIL", ""], 400),
        ("RETAIL.PUBLIC", 400),
    ],
)
def test_lookup_refuses(api: httpx.Client, path: Any, status: int) -> None:
    assert_sigma_error(lookup(api, snowflake(api)["connectionId"], path), status)


def test_lookup_in_an_unknown_connection(api: httpx.Client) -> None:
    assert_sigma_error(lookup(api, "00000000-0000-4000-8000-000000000000", ["RETAIL"]), 404)


def test_tables_are_files_under_their_schema(api: httpx.Client) -> None:
    connection = snowflake(api)
    tables = walk(api, "/v2/files", limit=5, typeFilters="table")
    catalogue = walk(api, "/v2/connections/paths", limit=50)
    assert len(tables) == len(catalogue)  # the admin sees every connection's tables
    assert {t["type"] for t in tables} == {"table"}
    orders = next(t for t in tables if t["path"] == f"{connection['name']}/RETAIL/PUBLIC/ORDERS")
    assert orders["name"] == "ORDERS" and orders["isArchived"] is False
    schema = lookup(api, connection["connectionId"], ["RETAIL", "PUBLIC"]).json()
    assert orders["parentId"] == schema["inodeId"]
    by_path = lookup(api, connection["connectionId"], orders["path"].split("/")[1:]).json()
    assert orders["id"] == by_path["inodeId"]
    assert api.get(f"/v2/files/{orders['id']}").json() == orders
    # walking: a schema's tables, a connection's tables
    under = walk(api, "/v2/files", typeFilters="table", parentId=schema["inodeId"])
    assert {t["name"] for t in under} == {"ORDERS", "PRODUCTS", "STORES", "REGIONS", "CATEGORIES"}
    everything = walk(api, "/v2/files", typeFilters="table", parentId=connection["connectionId"])
    mine = [p for p in catalogue if p["connectionId"] == connection["connectionId"]]
    assert len(everything) == len(mine)
    # a database or schema is not a file, and tables are not in the default listing
    assert_sigma_error(api.get(f"/v2/files/{schema['inodeId']}"), 404)
    assert all(f["type"] != "table" for f in walk(api, "/v2/files", limit=50))


def test_a_sync_path_resolved_by_walking_files_then_synced(api: httpx.Client) -> None:
    wanted = ["RETAIL", "STAGING", "ORDERS_RAW"]
    tables = walk(api, "/v2/files", limit=50, typeFilters="table")
    match = next(t for t in tables if t["path"].split("/")[1:] == wanted)
    where = api.get(f"/v2/connections/paths/{match['id']}").json()
    assert where["path"] == wanted
    synced = api.post(f"/v2/connections/{where['connectionId']}/sync", json={"path": wanted})
    assert synced.status_code == 200
    after = api.get(f"/v2/connections/paths/{match['id']}").json()
    assert after["lastSyncedAt"] is not None


def test_tables_are_seen_through_a_grant_on_their_connection(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    ann, bob = new_member(api, "Ann"), new_member(api, "Bob")

    def tables_of(member: str) -> list[dict[str, Any]]:
        return walk(api, f"/v2/members/{member}/files", limit=50, typeFilters="table")

    assert tables_of(ann) == []
    team = new_team(api, "Warehouse Users", [ann])
    url = f"/v2/connections/{connection_id}/grants"
    assert grant(api, url, "usage", team=team).status_code == 200
    seen = tables_of(ann)
    assert seen and {t["permission"] for t in seen} == {"view"}
    assert all(t["path"].startswith(snowflake(api)["name"] + "/") for t in seen)
    assert tables_of(bob) == []
    # a grant on the connection is not a grant on a file
    assert walk(api, "/v2/grants", teamId=team) == []
    # documents without typeFilters: no tables among them
    assert all(f["type"] != "table" for f in walk(api, f"/v2/members/{ann}/files", limit=50))


def test_a_table_cannot_be_renamed_or_deleted_as_a_file(api: httpx.Client) -> None:
    table = walk(api, "/v2/files", limit=1, typeFilters="table")[0]
    assert_sigma_error(api.patch(f"/v2/files/{table['id']}", json={"name": "X"}), 400)
    assert_sigma_error(api.delete(f"/v2/files/{table['id']}"), 400)
    assert api.get(f"/v2/files/{table['id']}").json()["name"] == table["name"]
