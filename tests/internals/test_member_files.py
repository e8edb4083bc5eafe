"""Member files set up in the emulator's store (workbook files, interactions) that no API call makes."""

from __future__ import annotations

import httpx
from tests.support.sigma_http import (
    admin_id,
    assert_sigma_error,
    grant,
    new_folder,
    new_member,
    new_team,
    new_workspace,
    walk,
)

from sigmakit.emulator import EmulatorServer


def reach(api: httpx.Client, member_id: str, **params: object) -> dict[str, str]:
    """file id → the member's permission, for every file the member can reach."""
    files = walk(api, f"/v2/members/{member_id}/files", limit=3, **params)
    assert len({f["id"] for f in files}) == len(files)
    return {f["id"]: f["permission"] for f in files}


def bare_workbook(emulator: EmulatorServer, name: str, parent_id: str, owner_id: str) -> str:
    """A workbook file (the workbooks store adds pages and elements; grants need none)."""
    store = emulator.state.store
    with store.db.tx() as conn:
        return store.files.insert(
            conn, name=name, type="workbook", owner_id=owner_id, parent_id=parent_id
        )


def test_workbook_grants(api: httpx.Client, emulator: EmulatorServer) -> None:
    ann, team = new_member(api, "Ann"), new_team(api, "Readers")
    api.patch(f"/v2/teams/{team}/members", json={"add": [ann]}).raise_for_status()
    workbook = bare_workbook(emulator, "Margins", new_workspace(api, "Pricing"), admin_id(api))
    url = f"/v2/workbooks/{workbook}/grants"

    assert grant(api, url, "explore", member=ann).json() == {}
    assert reach(api, ann, typeFilters="workbook") == {workbook: "explore"}
    assert_sigma_error(grant(api, url, "organize", member=ann), 400)
    assert_sigma_error(grant(api, url, "view", member="nobody"), 404)
    assert_sigma_error(grant(api, "/v2/workbooks/no-such/grants", "view", member=ann), 404)

    grant(api, url, "view", team=team).raise_for_status()
    grants = walk(api, "/v2/grants", inodeId=workbook)
    direct = next(g["grantId"] for g in grants if g["memberId"] == ann)
    assert api.delete(f"{url}/{direct}").json() == {}
    assert reach(api, ann, typeFilters="workbook") == {workbook: "view"}
    assert_sigma_error(api.delete(f"{url}/{direct}"), 404)


def test_recents_newest_first_and_only_reachable(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Pricing")
    shared = [new_folder(api, f"F{n}", workspace_id) for n in range(5)]
    hidden = new_folder(api, "Hidden", new_workspace(api, "Secret"))
    grant(api, f"/v2/workspaces/{workspace_id}/grants", "view", member=ann).raise_for_status()
    store = emulator.state.store
    opened = [shared[3], shared[0], hidden, shared[4], shared[1]]  # oldest first
    with store.db.tx() as conn:
        for minute, inode_id in enumerate(opened):
            store.files.touch(conn, ann, inode_id, f"2026-03-01T10:{minute:02d}:00.000Z")

    recents = walk(api, f"/v2/members/{ann}/files/recents", limit=2)
    assert [f["id"] for f in recents] == [shared[1], shared[4], shared[0], shared[3]]
    assert recents[0]["lastInteractionAt"] == "2026-03-01T10:04:00.000Z"
    assert all(f["permission"] == "view" for f in recents)
