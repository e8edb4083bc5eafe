"""Members checked against, or set up in, the emulator's database."""

from __future__ import annotations

import httpx

from sigmakit.emulator import EmulatorServer

NEW = {
    "email": "ines.new@northwind.example",
    "firstName": "Ines",
    "lastName": "New",
    "memberType": "Pro",
}


def test_archived_and_inactive_only_when_asked(api: httpx.Client, emulator: EmulatorServer) -> None:
    db = emulator.state.store.db
    total = db.scalar("SELECT count(*) FROM members")
    archived = db.scalar("SELECT count(*) FROM members WHERE is_archived = 1")
    assert archived > 0
    everyone = api.get(
        "/v2/members", params={"limit": 1000, "includeArchived": "true", "includeInactive": "true"}
    ).json()["entries"]
    assert len(everyone) == total


def test_deactivation_hands_documents_to_the_new_owner(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    owner = api.post("/v2/members", json=NEW).json()
    heir = api.post("/v2/members", json={**NEW, "email": "heir@northwind.example"}).json()
    db = emulator.state.store.db
    with db.tx() as conn:
        emulator.state.store.files.insert(
            conn, name="Q3 review", type="workbook", owner_id=owner["memberId"],
            parent_id=owner["homeFolderId"],
        )  # fmt: skip
    response = api.patch(
        f"/v2/members/{owner['memberId']}",
        json={"isArchived": True, "newOwnerId": heir["memberId"]},
    )
    assert response.status_code == 200
    assert db.scalar("SELECT owner_id FROM inodes WHERE name = 'Q3 review'") == heir["memberId"]
