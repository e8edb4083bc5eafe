"""``sigma.connections.lookup`` and a sync that resolves its path through it."""

from __future__ import annotations

import pytest
from tests.support.helpers import route_count

from sigmakit import InputError, NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer


def snowflake_id(sigma: Sigma) -> str:
    return sigma.connections.resolve("Northwind Snowflake").connection_id


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("RETAIL/PUBLIC/ORDERS", "table"),
        ("RETAIL.PUBLIC", "scope"),
        (["RETAIL"], "scope"),
    ],
)
def test_lookup_takes_every_spelling_of_a_path(sigma: Sigma, path: object, kind: str) -> None:
    found = sigma.connections.lookup(snowflake_id(sigma), path)  # type: ignore[arg-type]
    assert found.kind == kind and found.inode_id and found.url


def test_a_looked_up_table_is_its_connection_path(sigma: Sigma) -> None:
    connection_id = snowflake_id(sigma)
    found = sigma.connections.lookup(connection_id, "RETAIL/PUBLIC/ORDERS")
    table = next(
        p
        for p in sigma.connections.paths(connection_id)
        if p.path == ["RETAIL", "PUBLIC", "ORDERS"]
    )
    assert sigma.files.get(found.inode_id).url_id == table.url_id


def test_a_missing_path_is_not_found_and_not_synced(sigma: Sigma, emulator: EmulatorServer) -> None:
    connection_id = snowflake_id(sigma)
    with pytest.raises(NotFoundError, match=r"RETAIL\.NOPE"):
        sigma.connections.sync(connection_id, "RETAIL/NOPE")
    assert route_count(emulator, "POST /v2/connection/{connectionId}/lookup") == 1
    assert route_count(emulator, "POST /v2/connections/{connectionId}/sync") == 0
    with pytest.raises(InputError):
        sigma.connections.lookup(connection_id, "A/B/C/D")


def test_sync_answers_what_it_synced(sigma: Sigma) -> None:
    found = sigma.connections.sync(snowflake_id(sigma), "RETAIL/PUBLIC")
    assert found.kind == "scope"
