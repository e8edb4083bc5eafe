"""``sigmakit connections``: list, and sync a path named with dots or slashes."""

from __future__ import annotations

import csv
import io

import pytest
from tests.support.helpers import advance_clock, route_count, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.resources.connections import sync_path_parts

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def test_list_shows_every_connection(sigma: Sigma) -> None:
    code, out, err = run("connections", "list", "-o", "csv", "--fields", "name,connectionId")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["name"], r["connectionId"]) for r in rows] == [
        (c.name, c.connection_id) for c in sigma.connections.list()
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("RETAIL.PUBLIC.ORDERS", ["RETAIL", "PUBLIC", "ORDERS"]),
        ("RETAIL/PUBLIC/ORDERS", ["RETAIL", "PUBLIC", "ORDERS"]),
        ("RETAIL/PUBLIC", ["RETAIL", "PUBLIC"]),
        ("ANALYTICS/v1.2/T", ["ANALYTICS", "v1.2", "T"]),
        ("RETAIL", ["RETAIL"]),
    ],
)
def test_paths_split_into_sigmas_array(text: str, parts: list[str]) -> None:
    assert sync_path_parts(text) == parts


def test_sync_a_table_by_connection_name(sigma: Sigma, emulator: EmulatorServer) -> None:
    table = next(iter(sigma.connections.paths()))
    connection = sigma.connections.get(table.connection_id)
    advance_clock(emulator, 3600)
    code, out, err = run("connections", "sync", connection.name, "--path", "/".join(table.path))
    assert code == 0, err
    assert out == ""
    assert f"synced {'.'.join(table.path)} in {connection.name}" in err
    synced = {tuple(p.path): p.last_synced_at for p in sigma.connections.paths(table.connection_id)}
    assert synced[tuple(table.path)] != table.last_synced_at
    assert route_count(emulator, "POST /v2/connections/{connectionId}/sync") == 1


def test_bad_paths_and_names_sync_nothing(sigma: Sigma, emulator: EmulatorServer) -> None:
    connection = next(iter(sigma.connections.list()))
    code, _, err = run("connections", "sync", connection.connection_id, "--path", "A.B.C.D")
    assert code == 2 and "DATABASE[.SCHEMA[.TABLE]]" in err
    code, _, err = run("connections", "sync", "No Such Connection", "--path", "A")
    assert code == 5 and "No Such Connection" in err
    code, _, err = run("connections", "sync", connection.name, "--path", "NOPE.NOPE")
    assert code == 5 and "NOPE" in err
    # looked up, found missing, so never sent to sync
    assert route_count(emulator, "POST /v2/connection/{connectionId}/lookup") == 1
    assert route_count(emulator, "POST /v2/connections/{connectionId}/sync") == 0
