"""Workspaces and their grants through HTTP."""

from __future__ import annotations

import httpx
from tests.support.sigma_http import (
    admin_id,
    assert_sigma_error,
    grant,
    new_member,
    new_team,
    new_workspace,
    walk,
)


def test_seeded_workspaces_walked_page_by_page(api: httpx.Client) -> None:
    workspaces = walk(api, "/v2/workspaces", limit=4)
    assert len(workspaces) == 6
    assert len({w["workspaceId"] for w in workspaces}) == 6
    assert "Sales Analytics" in {w["name"] for w in workspaces}


def test_create_get_rename_delete(api: httpx.Client) -> None:
    created = api.post("/v2/workspaces", json={"name": "Pricing"})
    assert created.status_code == 200
    workspace = created.json()
    assert workspace["name"] == "Pricing"
    assert workspace["createdBy"] == admin_id(api)
    workspace_id = workspace["workspaceId"]

    assert api.get(f"/v2/workspaces/{workspace_id}").json() == workspace
    renamed = api.patch(f"/v2/workspaces/{workspace_id}", json={"name": "Pricing 2026"}).json()
    assert renamed["name"] == "Pricing 2026"
    assert [w["workspaceId"] for w in walk(api, "/v2/workspaces", name="pricing")] == [workspace_id]

    assert api.delete(f"/v2/workspaces/{workspace_id}").json() == {}
    assert_sigma_error(api.get(f"/v2/workspaces/{workspace_id}"), 404)
    assert workspace_id not in {w["workspaceId"] for w in walk(api, "/v2/workspaces", limit=50)}


def test_same_name_allowed_without_no_duplicates(api: httpx.Client) -> None:
    first = new_workspace(api, "Pricing")
    second = api.post("/v2/workspaces", json={"name": "Pricing", "noDuplicates": False})
    assert second.status_code == 200
    assert second.json()["workspaceId"] != first
    assert len(walk(api, "/v2/workspaces", exactName="Pricing")) == 2


def test_no_duplicates_refuses_a_taken_name(api: httpx.Client) -> None:
    first = new_workspace(api, "Pricing")
    body = assert_sigma_error(
        api.post("/v2/workspaces", json={"name": "PRICING", "noDuplicates": True}), 409
    )
    assert first in body["message"]
    assert len(walk(api, "/v2/workspaces", exactName="Pricing")) == 1
    fresh = api.post("/v2/workspaces", json={"name": "Pricing EU", "noDuplicates": True})
    assert fresh.status_code == 200
    renamed = api.patch(
        f"/v2/workspaces/{fresh.json()['workspaceId']}",
        json={"name": "Pricing", "noDuplicates": True},
    )
    assert_sigma_error(renamed, 409)


def test_grants_create_list_delete(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    ann, team = new_member(api, "Ann"), new_team(api, "Pricing Team")
    url = f"/v2/workspaces/{workspace_id}/grants"
    response = api.post(
        url,
        json={
            "grants": [
                {"grantee": {"memberId": ann}, "permission": "explore"},
                {"grantee": {"teamId": team}, "permission": "organize"},
            ]
        },
    )
    assert response.status_code == 200 and response.json() == {}

    grants = walk(api, url, limit=1)
    assert {(g["memberId"], g["teamId"], g["permission"]) for g in grants} == {
        (ann, None, "explore"),
        (None, team, "organize"),
    }
    org_id = api.get("/v2/whoami").json()["organizationId"]
    for g in grants:
        assert g["inodeId"] == workspace_id
        assert g["organizationId"] == org_id
        assert g["createdBy"] == admin_id(api)
        assert set(g) == {
            "grantId",
            "inodeId",
            "organizationId",
            "memberId",
            "teamId",
            "permission",
            "createdBy",
            "updatedBy",
            "createdAt",
            "updatedAt",
        }

    ann_grant = next(g for g in grants if g["memberId"] == ann)
    assert api.delete(f"{url}/{ann_grant['grantId']}").json() == {}
    assert [g["teamId"] for g in walk(api, url)] == [team]
    assert_sigma_error(api.delete(f"{url}/{ann_grant['grantId']}"), 404)


def test_a_second_grant_to_the_same_grantee_replaces_the_first(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    ann = new_member(api, "Ann")
    url = f"/v2/workspaces/{workspace_id}/grants"
    grant(api, url, "view", member=ann).raise_for_status()
    grant(api, url, "edit", member=ann).raise_for_status()
    assert [(g["memberId"], g["permission"]) for g in walk(api, url)] == [(ann, "edit")]


def test_unknown_grantee_workspace_or_permission(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    url = f"/v2/workspaces/{workspace_id}/grants"
    assert_sigma_error(grant(api, url, "view", member="nobody"), 404)
    assert_sigma_error(grant(api, url, "view", team="no-such-team"), 404)
    assert_sigma_error(
        grant(api, "/v2/workspaces/no-such/grants", "view", member=admin_id(api)), 404
    )
    assert_sigma_error(grant(api, url, "usage", member=admin_id(api)), 400)
    assert walk(api, url) == []


def test_a_refused_grant_in_a_batch_grants_nothing(api: httpx.Client) -> None:
    workspace_id = new_workspace(api, "Pricing")
    ann = new_member(api, "Ann")
    url = f"/v2/workspaces/{workspace_id}/grants"
    response = api.post(
        url,
        json={
            "grants": [
                {"grantee": {"memberId": ann}, "permission": "view"},
                {"grantee": {"memberId": "nobody"}, "permission": "view"},
            ]
        },
    )
    assert_sigma_error(response, 404)
    assert walk(api, url) == []
