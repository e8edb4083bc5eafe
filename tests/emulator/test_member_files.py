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


def reach(api: httpx.Client, member_id: str, **params: object) -> dict[str, str]:
    """file id → the member's permission, for every file the member can reach."""
    files = walk(api, f"/v2/members/{member_id}/files", limit=3, **params)
    assert len({f["id"] for f in files}) == len(files)
    return {f["id"]: f["permission"] for f in files}


def home_of(api: httpx.Client, member_id: str) -> str:
    return str(api.get(f"/v2/members/{member_id}").json()["homeFolderId"])


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


def test_unknown_member(api: httpx.Client) -> None:
    assert_sigma_error(api.get("/v2/members/nobody/files"), 404)
    assert_sigma_error(api.get("/v2/members/nobody/files/recents"), 404)


def test_seeded_recents_walked_page_by_page(api: httpx.Client) -> None:
    me = admin_id(api)
    recents = walk(api, f"/v2/members/{me}/files/recents", limit=3)
    assert len(recents) > 3
    assert len({f["id"] for f in recents}) == len(recents)
    times = [f["lastInteractionAt"] for f in recents]
    assert times == sorted(times, reverse=True)
