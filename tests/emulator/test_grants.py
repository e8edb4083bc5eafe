"""``/v2/grants``: the grants on any file, found, raised and deleted by grant id."""

from __future__ import annotations

import httpx
from tests.support.sigma_http import (
    assert_sigma_error,
    grant,
    new_folder,
    new_member,
    new_team,
    new_workspace,
    walk,
)


def test_list_by_file_team_or_member(api: httpx.Client) -> None:
    ann, team = new_member(api, "Ann"), new_team(api, "Pricing Team")
    workspace_id = new_workspace(api, "Pricing")
    url = f"/v2/workspaces/{workspace_id}/grants"
    grant(api, url, "view", member=ann).raise_for_status()
    grant(api, url, "edit", team=team).raise_for_status()

    on_file = walk(api, "/v2/grants", limit=1, inodeId=workspace_id)
    assert {(g["memberId"], g["teamId"]) for g in on_file} == {(ann, None), (None, team)}
    assert {g["inodeType"] for g in on_file} == {"folder"}  # Sigma's type for a workspace
    assert [g["inodeId"] for g in walk(api, "/v2/grants", userId=ann)] == [workspace_id]
    assert [g["permission"] for g in walk(api, "/v2/grants", teamId=team)] == ["edit"]
    assert_sigma_error(api.get("/v2/grants"), 400)


def test_create_only_raises_a_permission(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    folder = new_folder(api, "Drafts", new_workspace(api, "Pricing"))
    body = {"inodeId": folder, "grantee": {"memberId": ann}, "permission": "explore"}
    created = api.post("/v2/grants", json=body).json()
    assert (created["inodeId"], created["inodeType"], created["permission"]) == (
        folder,
        "folder",
        "explore",
    )
    lowered = api.post("/v2/grants", json={**body, "permission": "view"}).json()
    assert (lowered["grantId"], lowered["permission"]) == (created["grantId"], "explore")
    raised = api.post("/v2/grants", json={**body, "permission": "edit"}).json()
    assert (raised["grantId"], raised["permission"]) == (created["grantId"], "edit")
    assert api.get(f"/v2/grants/{created['grantId']}").json() == raised

    assert_sigma_error(api.post("/v2/grants", json={**body, "inodeId": "no-such"}), 404)
    assert_sigma_error(api.post("/v2/grants", json={**body, "grantee": {"teamId": "none"}}), 404)


def test_delete_by_grant_id(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    workspace_id = new_workspace(api, "Pricing")
    grant(api, f"/v2/workspaces/{workspace_id}/grants", "view", member=ann).raise_for_status()
    (only,) = walk(api, "/v2/grants", inodeId=workspace_id)
    assert api.delete(f"/v2/grants/{only['grantId']}").json() == {}
    assert walk(api, "/v2/grants", inodeId=workspace_id) == []
    assert_sigma_error(api.get(f"/v2/grants/{only['grantId']}"), 404)
    assert_sigma_error(api.delete(f"/v2/grants/{only['grantId']}"), 404)
