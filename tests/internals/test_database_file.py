"""The emulator on a database file: what it keeps between runs. A unit test of the
emulator's store (it reads the file's tables and the id sequence directly)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from sigmakit.emulator import EmulatorServer


def test_a_database_file_keeps_the_organization_between_runs(tmp_path: Path) -> None:
    """Served again from the same file, the organization is the one left behind, and what
    is created next gets fresh ids (not the seed's first ones again)."""
    from sigmakit.emulator import EmulatorConfig, EmulatorServer

    db = str(tmp_path / "org.sqlite")
    config = EmulatorConfig(client_id="file-client", client_secret="file-secret", db=db)
    with EmulatorServer(config) as first:
        first_ids = {r[0] for r in first.state.store.db.all("SELECT id FROM inodes")}
        kept = first.state.store.db.scalar("SELECT count(*) FROM members")
        org_id = first.state.store.org.get().id  # the seed's very first id
    with EmulatorServer(EmulatorConfig(client_id="other", client_secret="pair", db=db)) as again:
        assert again.state.store.db.scalar("SELECT count(*) FROM members") == kept
        assert again.state.store.ids.uuid() != org_id  # the seeded sequence is not replayed
        with httpx.Client(base_url=again.base_url) as client:
            token = client.post(
                "/v2/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": "other",
                    "client_secret": "pair",
                },
            ).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            for n in range(3):
                made = client.post(
                    "/v2/members",
                    json={
                        "email": f"n{n}@x.example",
                        "firstName": "N",
                        "lastName": "N",
                        "memberType": "Lite",
                    },
                )
                assert made.status_code == 200, made.text
                assert made.json()["homeFolderId"] not in first_ids


@contextlib.contextmanager
def _client(server: EmulatorServer, client_id: str, secret: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        token = client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": secret,
            },
        ).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def test_an_export_cut_short_by_a_stop_fails_and_one_made_is_kept(tmp_path: Path) -> None:
    """Files are made by the export job: one made before the emulator stopped is served by
    the next run (from the file beside the database); one whose making the stop cut short
    fails with the reason, instead of answering 204 for ever, and leaves no half file."""
    from tests.internals.peek import workers_held
    from tests.support.workbook_helpers import elements_by_name, workbook_named

    from sigmakit.emulator import EmulatorConfig, EmulatorServer

    db = str(tmp_path / "org.sqlite")
    config = EmulatorConfig(client_id="file-client", client_secret="file-secret", db=db)
    with EmulatorServer(config) as first, _client(first, "file-client", "file-secret") as api:
        sales = workbook_named(api, "Sales Overview")["workbookId"]
        orders = elements_by_name(api, sales)["Orders"]["elementId"]
        body = {"elementId": orders, "format": {"type": "csv"}, "rowLimit": 100}
        api.put(f"{first.base_url}/__emulator/jobs", json={"mode": "immediate"})
        made = api.post(f"/v2/workbooks/{sales}/export", json=body).json()["queryId"]
        whole = api.get(f"/v2/query/{made}/download").content
        api.put(f"{first.base_url}/__emulator/jobs", json={"mode": "clock"})
        with workers_held(first):  # its file is not begun when the emulator stops
            cut = api.post(f"/v2/workbooks/{sales}/export", json=body).json()["queryId"]
            first.stop()
    again = EmulatorConfig(client_id="file-client", client_secret="file-secret", db=db)
    with EmulatorServer(again) as second, _client(second, "file-client", "file-secret") as api:
        assert api.get(f"/v2/query/{made}/download").content == whole
        failed = api.get(f"/v2/query/{cut}/download")
        assert failed.status_code == 400
        assert "stopped before its file was made" in failed.json()["message"]
        assert sorted(p.name for p in Path(f"{db}.exports").iterdir()) == [f"{made}.file"]
