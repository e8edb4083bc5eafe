"""What a member can reach (``/v2/members/{id}/files``) and with which permission: from
ownership, direct grants, team grants and grants on the workspaces and folders above;
workbook grants; recents."""

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


def home_of(api: httpx.Client, member_id: str) -> str:
    return str(api.get(f"/v2/members/{member_id}").json()["homeFolderId"])


def bare_workbook(emulator: EmulatorServer, name: str, parent_id: str, owner_id: str) -> str:
    """A workbook file (the workbooks store adds pages and elements; grants need none)."""
    store = emulator.state.store
    with store.db.tx() as conn:
        return store.files.insert(
            conn, name=name, type="workbook", owner_id=owner_id, parent_id=parent_id
        )


def test_a_new_member_reaches_only_their_own_documents(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Pricing")
    new_folder(api, "Drafts", workspace_id)
    mine = new_folder(api, "Notes", ownerId=ann)
    assert reach(api, ann) == {home_of(api, ann): "edit", mine: "edit"}


def test_ownership_of_one_folder_in_a_workspace(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Pricing")
    sibling = new_folder(api, "Drafts", workspace_id)
    owned = new_folder(api, "Ann's", workspace_id, ownerId=ann)
    inside = new_folder(api, "Inside", owned)
    files = reach(api, ann)
    assert files[owned] == "edit" and files[inside] == "edit"
    assert workspace_id not in files and sibling not in files


def test_direct_grant_on_a_workspace_reaches_everything_in_it(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Pricing")
    outer = new_folder(api, "Regional", workspace_id)
    inner = new_folder(api, "North", outer)
    other = new_folder(api, "Hidden", new_workspace(api, "Other"))

    grant(api, f"/v2/workspaces/{workspace_id}/grants", "explore", member=ann).raise_for_status()
    files = reach(api, ann, typeFilters="workspace,folder")
    assert {k: files[k] for k in (workspace_id, outer, inner)} == {
        workspace_id: "explore",
        outer: "explore",
        inner: "explore",
    }
    assert other not in files


def test_team_grant_reaches_its_members_only_while_they_are_in(api: httpx.Client) -> None:
    ann, bob = new_member(api, "Ann"), new_member(api, "Bob")
    team = new_team(api, "Pricing Team", [ann])
    workspace_id = new_workspace(api, "Pricing")
    folder = new_folder(api, "Drafts", workspace_id)
    grant(api, f"/v2/workspaces/{workspace_id}/grants", "organize", team=team).raise_for_status()

    assert reach(api, ann, parentId=workspace_id) == {folder: "organize"}
    assert reach(api, bob, parentId=workspace_id) == {}

    api.patch(f"/v2/teams/{team}/members", json={"remove": [ann]}).raise_for_status()
    assert reach(api, ann, parentId=workspace_id) == {}


def test_a_file_nobody_shared_is_absent(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Secret")
    hidden = new_folder(api, "Plans", workspace_id)
    assert hidden not in reach(api, ann)
    assert workspace_id not in reach(api, ann, typeFilters="workspace")
    assert reach(api, ann, parentId=workspace_id) == {}


def test_highest_permission_wins(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    team = new_team(api, "Editors", [ann])
    workspace_id = new_workspace(api, "Pricing")
    folder = new_folder(api, "Drafts", workspace_id)
    url = f"/v2/workspaces/{workspace_id}/grants"
    grant(api, url, "view", member=ann).raise_for_status()
    assert reach(api, ann, parentId=workspace_id) == {folder: "view"}
    grant(api, url, "edit", team=team).raise_for_status()
    assert reach(api, ann, parentId=workspace_id) == {folder: "edit"}


def test_permission_filter(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    viewed, explored = new_workspace(api, "Viewed"), new_workspace(api, "Explored")
    grant(api, f"/v2/workspaces/{viewed}/grants", "view", member=ann).raise_for_status()
    grant(api, f"/v2/workspaces/{explored}/grants", "explore", member=ann).raise_for_status()
    assert reach(api, ann, permissionFilter="view") == {viewed: "view"}
    assert reach(api, ann, permissionFilter="explore") == {explored: "explore"}
    assert set(reach(api, ann, permissionFilter="edit")) == {home_of(api, ann)}


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


def test_unknown_member(api: httpx.Client) -> None:
    assert_sigma_error(api.get("/v2/members/nobody/files"), 404)
    assert_sigma_error(api.get("/v2/members/nobody/files/recents"), 404)


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


def test_seeded_recents_walked_page_by_page(api: httpx.Client) -> None:
    me = admin_id(api)
    recents = walk(api, f"/v2/members/{me}/files/recents", limit=3)
    assert len(recents) > 3
    assert len({f["id"] for f in recents}) == len(recents)
    times = [f["lastInteractionAt"] for f in recents]
    assert times == sorted(times, reverse=True)
