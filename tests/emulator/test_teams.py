"""Teams through HTTP: CRUD, membership changes in one PATCH, a member's teams."""

from __future__ import annotations

import httpx
from tests.support.helpers import SEED, emulator_settings, login, reseed
from tests.support.sigma_http import (
    admin_id,
    assert_sigma_error,
    new_member,
    new_team,
    walk,
)

from sigmakit.emulator import EmulatorServer


def member_ids(api: httpx.Client, team_id: str) -> set[str]:
    return {m["userId"] for m in walk(api, f"/v2/teams/{team_id}/members")}


def test_seeded_teams_are_paginated_and_each_seen_once(api: httpx.Client) -> None:
    teams = walk(api, "/v2/teams", limit=3)
    names = [t["name"] for t in teams]
    assert len(teams) == 8
    assert len({t["teamId"] for t in teams}) == 8
    assert {"Sales", "Marketing", "Finance", "Data"} <= set(names)
    assert all(t["visibility"] in ("public", "private") for t in teams)


def test_create_get_update_delete(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    created = api.post(
        "/v2/teams", json={"name": "Pricing", "description": "Price moves", "members": [ann]}
    ).json()
    assert created["members"] == [ann]
    assert created["workspaceId"] is None
    assert created["visibility"] == "private"
    team_id = created["teamId"]

    fetched = api.get(f"/v2/teams/{team_id}").json()
    assert fetched["name"] == "Pricing" and fetched["members"] == [ann]

    updated = api.patch(
        f"/v2/teams/{team_id}", json={"name": "Pricing Desk", "visibility": "public"}
    )
    assert updated.status_code == 200
    assert updated.json()["name"] == "Pricing Desk"
    assert updated.json()["description"] == "Price moves"
    assert [t["name"] for t in walk(api, "/v2/teams", name="Pricing Desk")] == ["Pricing Desk"]

    assert api.delete(f"/v2/teams/{team_id}").json() == {}
    assert_sigma_error(api.get(f"/v2/teams/{team_id}"), 404)
    assert_sigma_error(api.delete(f"/v2/teams/{team_id}"), 404)


def test_duplicate_team_name_is_a_conflict(api: httpx.Client) -> None:
    first = new_team(api, "Growth")
    body = assert_sigma_error(api.post("/v2/teams", json={"name": "growth"}), 409)
    assert first in body["message"]
    other = new_team(api, "Retention")
    assert_sigma_error(api.patch(f"/v2/teams/{other}", json={"name": "Growth"}), 409)


def test_team_folder_is_a_workspace_the_team_can_edit(api: httpx.Client) -> None:
    created = api.post("/v2/teams", json={"name": "Analysts", "createTeamFolder": True}).json()
    workspace_id = created["workspaceId"]
    assert api.get(f"/v2/workspaces/{workspace_id}").json()["name"] == "Analysts"
    grants = walk(api, f"/v2/workspaces/{workspace_id}/grants")
    assert [(g["teamId"], g["permission"]) for g in grants] == [(created["teamId"], "edit")]

    api.delete(f"/v2/teams/{created['teamId']}").raise_for_status()
    assert walk(api, f"/v2/workspaces/{workspace_id}/grants") == []


def test_legacy_sigma_answers_a_bare_array_without_limit(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    emulator_settings(emulator, legacyLists=True)
    teams = api.get("/v2/teams").json()
    assert isinstance(teams, list) and len(teams) == 8
    assert set(api.get("/v2/teams", params={"limit": 3}).json()) == {"entries", "nextPage"}


def test_seeded_teams_are_the_same_for_the_same_seed(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    def snapshot() -> list[tuple[str, str, frozenset[str]]]:
        return [
            (t["teamId"], t["name"], frozenset(member_ids(api, t["teamId"])))
            for t in walk(api, "/v2/teams", limit=100)
        ]

    first = snapshot()
    reseed(emulator, seed=SEED)
    login(api)
    assert snapshot() == first
    reseed(emulator, seed=SEED + 1)
    login(api)
    assert snapshot() != first


def test_add_and_remove_members_in_one_patch(api: httpx.Client) -> None:
    ann, bob, cy = new_member(api, "Ann"), new_member(api, "Bob"), new_member(api, "Cy")
    team_id = new_team(api, "Pricing", [ann, bob])

    response = api.patch(f"/v2/teams/{team_id}/members", json={"add": [cy], "remove": [ann]})
    assert response.status_code == 200 and response.json() == {}
    assert member_ids(api, team_id) == {bob, cy}

    entries = walk(api, f"/v2/teams/{team_id}/members")
    assert {e["addedBy"] for e in entries} == {admin_id(api)}
    assert all(e["isTeamAdmin"] is False for e in entries)


def test_adding_a_member_already_in_or_removing_one_not_in_is_harmless(
    api: httpx.Client,
) -> None:
    ann, bob = new_member(api, "Ann"), new_member(api, "Bob")
    team_id = new_team(api, "Pricing", [ann])
    response = api.patch(f"/v2/teams/{team_id}/members", json={"add": [ann], "remove": [bob]})
    assert response.status_code == 200
    assert member_ids(api, team_id) == {ann}


def test_inactive_and_archived_members_are_refused_and_nothing_changes(
    api: httpx.Client,
) -> None:
    ann, bob, cy = new_member(api, "Ann"), new_member(api, "Bob"), new_member(api, "Cy")
    team_id = new_team(api, "Pricing", [ann])
    api.patch(f"/v2/members/{bob}", json={"isInactive": True}).raise_for_status()
    api.patch(f"/v2/members/{cy}", json={"isArchived": True}).raise_for_status()

    for refused in (bob, cy):
        assert_sigma_error(
            api.patch(f"/v2/teams/{team_id}/members", json={"add": [refused], "remove": [ann]}),
            400,
        )
    assert member_ids(api, team_id) == {ann}


def test_unknown_member_or_team_is_a_404(api: httpx.Client) -> None:
    team_id = new_team(api, "Pricing")
    assert_sigma_error(api.patch(f"/v2/teams/{team_id}/members", json={"add": ["nobody"]}), 404)
    assert_sigma_error(api.patch("/v2/teams/no-such-team/members", json={"add": []}), 404)
    assert_sigma_error(api.get("/v2/teams/no-such-team/members"), 404)
    assert_sigma_error(api.get("/v2/members/nobody/teams"), 404)


def test_team_members_walked_page_by_page(api: httpx.Client) -> None:
    people = [new_member(api, f"P{n}") for n in range(7)]
    team_id = new_team(api, "Big", people)
    entries = walk(api, f"/v2/teams/{team_id}/members", limit=2)
    assert [e["userId"] for e in entries] == people


def test_a_members_teams(api: httpx.Client) -> None:
    ann = new_member(api, "Ann")
    teams = [new_team(api, f"T{n}", [ann]) for n in range(5)]
    new_team(api, "Without Ann")
    assert [t["teamId"] for t in walk(api, f"/v2/members/{ann}/teams", limit=2)] == teams


def test_add_to_teams_when_creating_a_member(api: httpx.Client) -> None:
    sales, data = new_team(api, "Field Sales"), new_team(api, "Data Science")
    ann = new_member(
        api,
        "Ann",
        addToTeams=[{"teamId": sales, "isTeamAdmin": True}, {"teamId": data}],
    )
    assert {t["teamId"] for t in walk(api, f"/v2/members/{ann}/teams")} == {sales, data}
    admins = {e["userId"]: e["isTeamAdmin"] for e in walk(api, f"/v2/teams/{sales}/members")}
    assert admins == {ann: True}


def test_add_to_an_unknown_team_creates_nobody(api: httpx.Client) -> None:
    response = api.post(
        "/v2/members",
        json={
            "email": "ghost@example.com",
            "firstName": "Ghost",
            "lastName": "Tester",
            "memberType": "Lite",
            "addToTeams": [{"teamId": "no-such-team"}],
        },
    )
    assert_sigma_error(response, 404)
    assert api.get("/v2/members", params={"email": "ghost@example.com"}).json()["entries"] == []
