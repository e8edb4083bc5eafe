"""sigma.connections against the emulator."""

from __future__ import annotations

import json
import re
import tarfile
from pathlib import Path

import pytest
from tests.support.helpers import advance_clock

from sigmakit import InputError, NewGrant, NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer


def test_list_walks_every_page_once_and_get_agrees(sigma: Sigma) -> None:
    everything = {c.connection_id: c for c in sigma.connections.list()}
    paged = [c.connection_id for c in sigma.connections.list(page_size=2)]
    assert len(paged) == len(set(paged)) == len(everything) > 2
    some = next(iter(everything.values()))
    got = sigma.connections.get(some.connection_id)
    assert (got.name, got.type) == (some.name, some.type)


def test_get_unknown_connection_is_not_found(sigma: Sigma) -> None:
    with pytest.raises(NotFoundError):
        sigma.connections.get("00000000-0000-0000-0000-000000000000")


def test_resolve_by_name_or_id_and_a_miss_names_the_closest(sigma: Sigma) -> None:
    some = next(iter(sigma.connections.list()))
    assert sigma.connections.resolve(some.name.upper()).connection_id == some.connection_id
    assert sigma.connections.resolve(some.connection_id).name == some.name
    typo = some.name[:-1]
    with pytest.raises(NotFoundError, match=re.escape(f"did you mean {some.name!r}")) as miss:
        sigma.connections.resolve(typo)
    assert str(miss.value).count("\n") == 0


def test_grants_create_list_delete(sigma: Sigma) -> None:
    conn = sigma.connections.list().first()
    members = [m.member_id for m in sigma.members.list(limit=2)]
    assert conn is not None
    before = {g.grant_id for g in sigma.connections.grants(conn.connection_id)}

    sigma.connections.create_grants(
        conn.connection_id,
        [NewGrant.member(members[0], "usage"), NewGrant.member(members[1], "annotate")],
    )
    grants = [g for g in sigma.connections.grants(conn.connection_id) if g.grant_id not in before]
    assert {(g.member_id, g.permission) for g in grants} == {
        (members[0], "usage"),
        (members[1], "annotate"),
    }

    sigma.connections.delete_grant(conn.connection_id, grants[0].grant_id)
    after = {g.grant_id for g in sigma.connections.grants(conn.connection_id)}
    assert grants[0].grant_id not in after
    assert grants[1].grant_id in after


def test_sync_marks_the_tables_under_the_path(sigma: Sigma, emulator: EmulatorServer) -> None:
    conn = sigma.connections.list().first()
    assert conn is not None
    tables = sigma.connections.paths(conn.connection_id, page_size=2).to_list()
    assert tables and {t.connection_id for t in tables} == {conn.connection_id}
    target = tables[0].path
    advance_clock(emulator, 120)

    sigma.connections.sync(conn.connection_id, ".".join(target))

    after = {tuple(t.path): t for t in sigma.connections.paths(conn.connection_id)}
    synced = after[tuple(target)].last_synced_at
    assert synced is not None
    assert sigma.connections.get(conn.connection_id).last_active_at == synced
    for path, table in after.items():
        if path != tuple(target) and table.last_synced_at is not None:
            assert table.last_synced_at < synced

    sigma.connections.sync(conn.connection_id, target[:1])  # a whole database
    whole_db = [t for t in sigma.connections.paths(conn.connection_id) if t.path[0] == target[0]]
    stamps = {t.last_synced_at for t in whole_db}
    assert len(stamps) == 1
    assert min(s for s in stamps if s is not None) >= synced


def test_sync_of_a_path_the_connection_lacks_is_not_found(sigma: Sigma) -> None:
    conn = sigma.connections.list().first()
    assert conn is not None
    with pytest.raises(NotFoundError):
        sigma.connections.sync(conn.connection_id, ["NO_SUCH_DB", "NOPE"])


def test_sync_refuses_a_malformed_path_before_sending(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    for bad in ("", "A.B.C.D", ["A", ""], []):
        with pytest.raises(InputError):
            sigma.connections.sync("c", bad)
    assert sigma.requests_sent == sent


def _dbt_target(tmp_path: Path) -> Path:
    manifest = {"nodes": {"model.shop.orders": {"resource_type": "model"}}, "sources": {}}
    target = tmp_path / "target"
    target.mkdir()
    (target / "manifest.json").write_text(json.dumps(manifest))
    archive = tmp_path / "target.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(target, arcname="target")
    return archive


def test_add_dbt_artifacts_from_a_file(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path
) -> None:
    connection = next(iter(sigma.connections.list()))
    sigma.connections.add_dbt_artifacts(connection.connection_id, _dbt_target(tmp_path))
    with emulator.control() as control:
        read = control.get(f"/connections/{connection.connection_id}/dbt-artifacts").json()
    assert (read["filename"], read["models"]) == ("target.tar.gz", 1)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match=r"tar\.gz"):
        sigma.connections.add_dbt_artifacts(connection.connection_id, b"plain text")
    with pytest.raises(InputError, match="cannot read"):
        sigma.connections.add_dbt_artifacts(connection.connection_id, tmp_path / "missing")
    assert sigma.requests_sent == sent
