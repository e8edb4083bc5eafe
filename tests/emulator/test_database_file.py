"""The emulator on a database file: what it keeps between runs. A unit test of the
emulator's store (it reads the file's tables and the id sequence directly)."""

from __future__ import annotations

from pathlib import Path

import httpx


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
