"""A member's favorite documents (``/v2/favorites``): added, listed page by page while the
member can reach them, removed."""

from __future__ import annotations

import httpx
from tests.support.sigma_http import (
    admin_id,
    assert_sigma_error,
    grant,
    new_folder,
    new_member,
    new_workspace,
    walk,
)


def favorites(api: httpx.Client, member_id: str) -> list[str]:
    return [f["id"] for f in walk(api, f"/v2/favorites/member/{member_id}", limit=2)]


def test_favorites_are_listed_in_order_and_removed(api: httpx.Client) -> None:
    me = admin_id(api)
    folders = [new_folder(api, f"Fav {n}") for n in range(3)]
    for inode_id in (folders[2], folders[0], folders[1], folders[0]):  # the second [0]: no change
        response = api.post("/v2/favorites", json={"memberId": me, "inodeId": inode_id})
        assert response.status_code == 200 and response.json() == {}
    assert favorites(api, me) == [folders[2], folders[0], folders[1]]
    listed = api.get(f"/v2/favorites/member/{me}").json()["entries"]
    assert listed[0]["name"] == "Fav 2" and listed[0]["permission"] == "edit"

    assert api.delete(f"/v2/favorites/member/{me}/file/{folders[0]}").status_code == 200
    assert favorites(api, me) == [folders[2], folders[1]]
    assert_sigma_error(api.delete(f"/v2/favorites/member/{me}/file/{folders[0]}"), 404)


def test_only_files_the_member_reaches(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Pricing")
    folder = new_folder(api, "Shared", workspace_id)
    # Ann cannot see the folder yet
    refused = api.post("/v2/favorites", json={"memberId": ann, "inodeId": folder})
    assert_sigma_error(refused, 404)
    grant(api, f"/v2/workspaces/{workspace_id}/grants", "view", member=ann).raise_for_status()
    api.post("/v2/favorites", json={"memberId": ann, "inodeId": folder}).raise_for_status()
    entries = api.get(f"/v2/favorites/member/{ann}").json()["entries"]
    assert [(f["id"], f["permission"]) for f in entries] == [(folder, "view")]
    # archived: no longer listed
    api.delete(f"/v2/files/{folder}").raise_for_status()
    assert favorites(api, ann) == []


def test_unknown_member_and_bad_body(api: httpx.Client) -> None:
    assert_sigma_error(api.get("/v2/favorites/member/nobody"), 404)
    assert_sigma_error(api.post("/v2/favorites", json={"memberId": "nobody", "inodeId": "x"}), 404)
    assert_sigma_error(api.post("/v2/favorites", json={"inodeId": "x"}), 400)
