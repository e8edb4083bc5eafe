"""Managing connections through HTTP: create, replace, rename, test, delete and restore;
grants on a connection's paths; the columns of a catalogued table."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, grant, new_member, walk

from sigmakit.emulator import EmulatorServer

POSTGRES = {
    "name": "Finance Postgres",
    "details": {
        "type": "postgres",
        "host": "db.finance.internal",
        "database": "ledger",
        "user": "sigma_ro",
        "password": "hunter2-not-shown",
        "port": 5432,
    },
    "timeoutSecs": 900,
}


def create(api: httpx.Client, body: dict[str, Any] = POSTGRES) -> dict[str, Any]:
    response = api.post("/v2/connections", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def snowflake(api: httpx.Client) -> dict[str, Any]:
    return next(c for c in walk(api, "/v2/connections", limit=50) if c["type"] == "snowflake")


def test_a_created_connection_is_listed_tested_and_deletable(api: httpx.Client) -> None:
    created = create(api)
    connection_id = created["connectionId"]
    assert created["name"] == "Finance Postgres" and created["type"] == "postgres"
    assert created["user"] == "sigma_ro" and created["timeout"] == {"default": 900}
    assert "hunter2-not-shown" not in str(created)  # a password is never answered
    assert api.get(f"/v2/connections/{connection_id}").json() == created
    assert created in walk(api, "/v2/connections", limit=3)
    assert api.get(f"/v2/connections/{connection_id}/test").json() == {
        "read": "SUCCESS",
        "write": "DISABLED",
    }

    assert api.delete(f"/v2/connections/{connection_id}").json() == {}
    listed = [c["connectionId"] for c in walk(api, "/v2/connections", limit=3)]
    assert connection_id not in listed
    archived = walk(api, "/v2/connections", limit=3, includeArchived=True)
    assert [c["isArchived"] for c in archived if c["connectionId"] == connection_id] == [True]
    assert_sigma_error(api.get(f"/v2/connections/{connection_id}/test"), 404)
    assert_sigma_error(api.delete(f"/v2/connections/{connection_id}"), 404)


def test_put_replaces_the_settings_and_restores_a_deleted_connection(api: httpx.Client) -> None:
    connection_id = create(api)["connectionId"]
    api.delete(f"/v2/connections/{connection_id}")
    body = {
        "name": "Finance Warehouse",
        "details": {"type": "snowflake", "account": "fin-1", "warehouse": "FIN_WH"},
    }
    # a deleted connection is brought back only when asked to
    assert_sigma_error(api.put(f"/v2/connections/{connection_id}", json=body), 404)
    restored = api.put(f"/v2/connections/{connection_id}", json={**body, "restore": True})
    assert restored.status_code == 200, restored.text
    got = restored.json()
    assert (got["name"], got["type"], got["warehouse"]) == (
        "Finance Warehouse",
        "snowflake",
        "FIN_WH",
    )
    assert got["isArchived"] is False
    assert "user" not in got and "timeout" not in got  # what PUT did not send is gone
    renamed = api.patch(f"/v2/connections/{connection_id}", json={"name": "Finance DW"})
    assert renamed.json()["name"] == "Finance DW" and renamed.json()["warehouse"] == "FIN_WH"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"details": {"type": "postgres", "host": "h", "database": "d"}}, "name"),
        ({"name": "X", "details": {"type": "oracle"}}, "Unknown connection type"),
        ({"name": "X", "details": {"type": "postgres", "host": "h"}}, "details.database"),
        (
            {
                "name": "X",
                "details": {
                    "type": "mysql",
                    "user": "u",
                    "password": "p",
                    "host": "h",
                    "port": "3306",
                },
            },
            "port",
        ),
        ({"name": "X", "details": "postgres"}, "details"),
    ],
)
def test_a_bad_connection_is_refused_and_nothing_is_made(
    api: httpx.Client, body: dict[str, Any], says: str
) -> None:
    before = walk(api, "/v2/connections", limit=50, includeArchived=True)
    refused = assert_sigma_error(api.post("/v2/connections", json=body), 400)
    assert says in refused["message"]
    assert walk(api, "/v2/connections", limit=50, includeArchived=True) == before


def test_only_an_admin_manages_connections(api: httpx.Client, emulator: EmulatorServer) -> None:
    connection_id = snowflake(api)["connectionId"]
    pro = new_member(api, "Pat", "Pro")
    with signed_in_as(api, emulator, pro) as pat:
        assert_sigma_error(pat.post("/v2/connections", json=POSTGRES), 403)
        assert_sigma_error(pat.patch(f"/v2/connections/{connection_id}", json={"name": "x"}), 403)
        assert_sigma_error(pat.delete(f"/v2/connections/{connection_id}"), 403)
        # reading is open to members
        assert pat.get(f"/v2/connections/{connection_id}").status_code == 200
    assert snowflake(api)["name"] == "Northwind Snowflake"


def test_grants_on_a_connection_path(api: httpx.Client) -> None:
    connection_id = snowflake(api)["connectionId"]
    schema = api.post(
        f"/v2/connection/{connection_id}/lookup", json={"path": ["RETAIL", "PUBLIC"]}
    ).json()
    ann = new_member(api, "Ann")
    url = f"/v2/connections/paths/{schema['inodeId']}/grants"
    assert walk(api, url) == []
    assert grant(api, url, "usage", member=ann).json() == {}
    (held,) = walk(api, url)
    assert (held["memberId"], held["permission"], held["inodeId"]) == (
        ann,
        "usage",
        schema["inodeId"],
    )
    # a table's path is also reached by the url id /v2/connections/paths lists
    orders = next(
        p
        for p in walk(api, "/v2/connections/paths", limit=50, connectionId=connection_id)
        if p["path"] == ["RETAIL", "PUBLIC", "ORDERS"]
    )
    table_url = f"/v2/connections/paths/{orders['urlId']}/grants"
    assert grant(api, table_url, "annotate", member=ann).json() == {}
    assert [g["permission"] for g in walk(api, table_url)] == ["annotate"]
    assert_sigma_error(grant(api, url, "edit", member=ann), 400)
    assert_sigma_error(api.delete(f"{table_url}/{held['grantId']}"), 404)  # not this path's
    assert api.delete(f"{url}/{held['grantId']}").json() == {}
    assert walk(api, url) == []
    assert_sigma_error(api.get("/v2/connections/paths/no-such-path/grants"), 404)


def test_a_deleted_connections_grants_are_gone(api: httpx.Client) -> None:
    connection = snowflake(api)
    connection_id = connection["connectionId"]
    assert walk(api, f"/v2/connections/{connection_id}/grants")  # the seed grants teams
    table = api.post(
        f"/v2/connection/{connection_id}/lookup", json={"path": ["RETAIL", "PUBLIC", "ORDERS"]}
    ).json()
    grant(
        api,
        f"/v2/connections/paths/{table['inodeId']}/grants",
        "usage",
        member=new_member(api, "Bo"),
    )
    api.delete(f"/v2/connections/{connection_id}")
    # the tables of a deleted connection are no longer paths one can grant on
    assert_sigma_error(api.get(f"/v2/connections/paths/{table['inodeId']}/grants"), 404)
    assert_sigma_error(api.get(f"/v2/connections/paths/{table['inodeId']}"), 404)
    listed = walk(api, "/v2/connections/paths", limit=100)
    assert table["inodeId"] not in {p["urlId"] for p in listed} | {p.get("id") for p in listed}
    assert connection_id not in {p["connectionId"] for p in listed}
    body = {"name": connection["name"], "details": {"type": "snowflake"}, "restore": True}
    assert api.put(f"/v2/connections/{connection_id}", json=body).status_code == 200
    assert walk(api, f"/v2/connections/{connection_id}/grants") == []
    assert walk(api, f"/v2/connections/paths/{table['inodeId']}/grants") == []
    assert api.get(f"/v2/connections/paths/{table['inodeId']}").json()["path"][-1] == "ORDERS"
