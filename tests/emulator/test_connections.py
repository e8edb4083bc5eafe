"""Connections through HTTP: the seeded ones, their grants, their catalogue and syncing."""

from __future__ import annotations

import uuid

import httpx
from tests.support.helpers import advance_clock
from tests.support.sigma_http import assert_sigma_error, grant, new_member, new_team, walk

from sigmakit.emulator import EmulatorServer


def snowflake(api: httpx.Client) -> dict[str, object]:
    connections = walk(api, "/v2/connections", limit=50)
    return next(c for c in connections if c["type"] == "snowflake")


def test_seeded_connections(api: httpx.Client) -> None:
    connections = walk(api, "/v2/connections", limit=1)
    assert sorted(c["type"] for c in connections) == [
        "bigQuery",
        "databricks",
        "postgres",
        "snowflake",
    ]
    for c in connections:
        uuid.UUID(c["connectionId"])
        assert api.get(f"/v2/connections/{c['connectionId']}").json() == c
    found = walk(api, "/v2/connections", search="snowflake")
    assert [c["type"] for c in found] == ["snowflake"]
    assert_sigma_error(api.get("/v2/connections/no-such"), 404)


def test_connection_grants(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    url = f"/v2/connections/{connection_id}/grants"
    before = walk(api, url)
    ann, team = new_member(api, "Ann"), new_team(api, "Analysts")
    assert grant(api, url, "usage", member=ann).json() == {}
    assert grant(api, url, "annotate", team=team).json() == {}
    assert grant(api, url, "annotate", member=ann).status_code == 200

    grants = walk(api, url, limit=1)
    added = {(g["memberId"], g["teamId"], g["permission"]) for g in grants} - {
        (g["memberId"], g["teamId"], g["permission"]) for g in before
    }
    assert added == {(ann, None, "annotate"), (None, team, "annotate")}
    assert all(g["inodeId"] == connection_id for g in grants)

    ann_grant = next(g for g in grants if g["memberId"] == ann)
    assert api.delete(f"{url}/{ann_grant['grantId']}").json() == {}
    assert ann not in {g["memberId"] for g in walk(api, url)}

    assert_sigma_error(grant(api, url, "edit", member=ann), 400)
    assert_sigma_error(grant(api, url, "usage", member="nobody"), 404)
    assert_sigma_error(grant(api, "/v2/connections/no-such/grants", "usage", member=ann), 404)


def test_catalogue_paths(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    paths = walk(api, "/v2/connections/paths", limit=3, connectionId=connection_id)
    assert ["RETAIL", "PUBLIC", "ORDERS"] in [p["path"] for p in paths]
    assert {p["connectionId"] for p in paths} == {connection_id}
    everything = walk(api, "/v2/connections/paths", limit=7)
    assert len(everything) > len(paths)
    assert len({p["urlId"] for p in everything}) == len(everything)


def test_sync_a_schema_is_read_back(api: httpx.Client, emulator: EmulatorServer) -> None:
    connection = snowflake(api)
    connection_id = connection["connectionId"]
    advance_clock(emulator, 60)
    response = api.post(
        f"/v2/connections/{connection_id}/sync", json={"path": ["RETAIL", "PUBLIC"]}
    )
    assert response.status_code == 200 and response.json() == {}

    paths = walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
    synced = {tuple(p["path"]) for p in paths if p["lastSyncedAt"] is not None}
    assert synced == {
        ("RETAIL", "PUBLIC", t) for t in ("ORDERS", "PRODUCTS", "STORES", "REGIONS", "CATEGORIES")
    }
    after = api.get(f"/v2/connections/{connection_id}").json()
    assert after["lastActiveAt"] > connection["lastActiveAt"]


def test_sync_one_table_then_everything(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    url = f"/v2/connections/{connection_id}/sync"
    api.post(url, json={"path": ["RETAIL", "PUBLIC", "ORDERS"]}).raise_for_status()
    paths = walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
    assert [p["path"] for p in paths if p["lastSyncedAt"]] == [["RETAIL", "PUBLIC", "ORDERS"]]

    api.post(url, json={"path": []}).raise_for_status()
    paths = walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
    assert all(p["lastSyncedAt"] for p in paths)


def test_sync_of_a_path_the_connection_lacks(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    url = f"/v2/connections/{connection_id}/sync"
    assert_sigma_error(api.post(url, json={"path": ["RETAIL", "PUBLIC", "NOPE"]}), 404)
    assert_sigma_error(api.post(url, json={"path": ["RETAIL", "PUB"]}), 404)
    assert_sigma_error(api.post(url, json={}), 400)
    assert_sigma_error(api.post("/v2/connections/no-such/sync", json={"path": []}), 404)
    paths = walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
    assert not any(p["lastSyncedAt"] for p in paths)


def test_path_of_a_table(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    paths = walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
    orders = next(p for p in paths if p["path"] == ["RETAIL", "PUBLIC", "ORDERS"])
    found = api.get(f"/v2/connections/paths/{orders['urlId']}").json()
    assert (found["connectionId"], found["path"]) == (connection_id, ["RETAIL", "PUBLIC", "ORDERS"])
    assert_sigma_error(api.get("/v2/connections/paths/no-such-table"), 404)
