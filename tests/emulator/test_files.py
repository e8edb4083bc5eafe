"""``/v2/files`` through HTTP: folders, moves, renames, owner changes, trash, listing."""

from __future__ import annotations

import httpx
from tests.support.sigma_http import (
    admin_id,
    assert_sigma_error,
    new_folder,
    new_member,
    new_workspace,
    walk,
)

FILE_FIELDS = {
    "id",
    "urlId",
    "name",
    "type",
    "parentId",
    "parentUrlId",
    "permission",
    "path",
    "badge",
    "isArchived",
    "ownerId",
    "createdBy",
    "updatedBy",
    "createdAt",
    "updatedAt",
}


def home_of(api: httpx.Client, member_id: str) -> str:
    return str(api.get(f"/v2/members/{member_id}").json()["homeFolderId"])


def test_folder_in_my_documents(api: httpx.Client) -> None:
    me = admin_id(api)
    folder = api.post("/v2/files", json={"type": "folder", "name": "Reports"}).json()
    assert set(folder) >= FILE_FIELDS
    assert folder["path"] == "My Documents/Reports"
    assert folder["parentId"] == home_of(api, me)
    assert (folder["type"], folder["ownerId"], folder["permission"]) == ("folder", me, "edit")
    assert folder["isArchived"] is False
    assert api.get(f"/v2/files/{folder['id']}").json() == folder


def test_folders_in_a_workspace_have_its_path(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    outer = new_folder(api, "2026", workspace_id)
    inner = api.post("/v2/files", json={"type": "folder", "name": "Q1", "parentId": outer}).json()
    assert inner["path"] == "Pricing/2026/Q1"
    assert inner["parentId"] == outer
    assert inner["parentUrlId"] == api.get(f"/v2/files/{outer}").json()["urlId"]
    workspace = api.get(f"/v2/files/{workspace_id}").json()
    assert (workspace["type"], workspace["path"]) == ("workspace", "Pricing")


def test_move_rename_and_change_owner(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    archive = new_folder(api, "Archive", workspace_id)
    folder = new_folder(api, "Drafts")
    ann = new_member(api, "Ann")

    moved = api.patch(f"/v2/files/{folder}", json={"parentId": archive}).json()
    assert (moved["parentId"], moved["path"]) == (archive, "Pricing/Archive/Drafts")

    renamed = api.patch(f"/v2/files/{folder}", json={"name": "Old drafts"}).json()
    assert (renamed["name"], renamed["path"]) == ("Old drafts", "Pricing/Archive/Old drafts")

    handed = api.patch(f"/v2/files/{folder}", json={"ownerId": ann}).json()
    assert handed["ownerId"] == ann
    assert handed["updatedBy"] == admin_id(api)
    assert api.get(f"/v2/files/{folder}").json()["ownerId"] == ann


def test_refused_changes(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    outer = new_folder(api, "Outer", workspace_id)
    inner = new_folder(api, "Inner", outer)
    assert_sigma_error(api.patch(f"/v2/files/{outer}", json={"parentId": inner}), 400)
    assert_sigma_error(api.patch(f"/v2/files/{outer}", json={"parentId": outer}), 400)
    assert_sigma_error(api.patch(f"/v2/files/{outer}", json={"parentId": "no-such"}), 404)
    assert_sigma_error(api.patch(f"/v2/files/{outer}", json={"ownerId": "nobody"}), 404)
    assert_sigma_error(api.patch(f"/v2/files/{workspace_id}", json={"parentId": outer}), 400)
    assert_sigma_error(api.get("/v2/files/no-such"), 404)
    assert api.get(f"/v2/files/{inner}").json()["path"] == "Pricing/Outer/Inner"


def test_delete_then_restore(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    folder = new_folder(api, "Drafts", workspace_id)
    child = new_folder(api, "Old", folder)
    listed = {"typeFilters": "folder", "parentId": workspace_id}

    assert api.delete(f"/v2/files/{folder}").json() == {}
    assert api.get(f"/v2/files/{folder}").json()["isArchived"] is True
    assert walk(api, "/v2/files", **listed) == []

    restored = api.patch(f"/v2/files/{folder}", json={"restore": True}).json()
    assert restored["isArchived"] is False
    assert {f["id"] for f in walk(api, "/v2/files", **listed)} == {folder, child}


def test_list_filters(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    outer = new_folder(api, "Regional", workspace_id)
    inner = new_folder(api, "North", outer)

    below = walk(api, "/v2/files", parentId=workspace_id)
    assert [f["id"] for f in below] == [outer, inner]
    direct = walk(api, "/v2/files", parentId=workspace_id, directChildFilter=True)
    assert [f["id"] for f in direct] == [outer]
    named = walk(api, "/v2/files", parentId=workspace_id, name="nor")
    assert [f["id"] for f in named] == [inner]

    default = {f["type"] for f in walk(api, "/v2/files", limit=100)}
    assert "workspace" not in default and "folder" in default
    workspaces = walk(api, "/v2/files", limit=100, typeFilters="workspace")
    assert workspace_id in {f["id"] for f in workspaces}
    assert {f["type"] for f in workspaces} == {"workspace"}
    assert_sigma_error(api.get("/v2/files", params={"typeFilters": "spreadsheet"}), 400)
    assert_sigma_error(api.get("/v2/files", params={"permissionFilter": "own"}), 400)


def test_files_walked_page_by_page_each_once(api: httpx.Client) -> None:
    everything = walk(api, "/v2/files", limit=1000, typeFilters="workspace,folder")
    paged = walk(api, "/v2/files", limit=3, typeFilters=["workspace", "folder"])
    assert [f["id"] for f in paged] == [f["id"] for f in everything]
    assert len({f["id"] for f in paged}) == len(paged) > 6
