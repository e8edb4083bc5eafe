"""Teams, workspaces and connections as the QuickStart's recipes change them: membership in
one PATCH, a workspace and its grant, a connection grant (SIGMA-API-NOTES.md, "Teams,
workspaces, connections, grants"). Every change answers 200 with ``{}``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.parity.snapshots import Snapshot
from tests.parity.target import Target
from tests.support.sigma_http import walk


def _ok_empty(response: httpx.Response) -> None:
    assert response.status_code == 200, response.text
    assert response.json() == {}


def _grant_for(api: httpx.Client, url: str, team_id: str) -> dict[str, Any]:
    ours = [g for g in walk(api, url, limit=50) if g["teamId"] == team_id]
    assert len(ours) == 1, ours
    return ours[0]


def test_team_membership_changes_in_one_patch(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    member = target.new_member(api)
    team = target.new_team(api)
    url = f"/v2/teams/{team['teamId']}/members"

    added = api.patch(url, json={"add": [member["memberId"]], "remove": []})
    _ok_empty(added)
    listed = api.get(url, params={"limit": 50})
    assert listed.status_code == 200, listed.text
    assert [m["userId"] for m in listed.json()["entries"]] == [member["memberId"]]
    # and the member's own teams name it
    teams = walk(api, f"/v2/members/{member['memberId']}/teams", limit=50)
    assert team["teamId"] in {t["teamId"] for t in teams}

    removed = api.patch(url, json={"add": [], "remove": [member["memberId"]]})
    _ok_empty(removed)
    assert walk(api, url, limit=50) == []
    snapshot.match("team created", api.get(f"/v2/teams/{team['teamId']}"))
    snapshot.match("add", added)
    snapshot.match_entries("members", listed)
    snapshot.match("remove", removed)


def test_workspace_and_its_grant(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    team = target.new_team(api)
    target.require_writes()
    created = api.post("/v2/workspaces", json={"name": target.unique("workspace")})
    assert created.status_code == 200, created.text
    workspace_id = created.json()["workspaceId"]
    target.cleanup(lambda: api.delete(f"/v2/workspaces/{workspace_id}"))
    url = f"/v2/workspaces/{workspace_id}/grants"

    granted = api.post(
        url, json={"grants": [{"grantee": {"teamId": team["teamId"]}, "permission": "view"}]}
    )
    _ok_empty(granted)
    grant = _grant_for(api, url, team["teamId"])
    assert grant["permission"] == "view" and grant["memberId"] is None
    listed = api.get(url, params={"limit": 50})
    revoked = api.delete(f"{url}/{grant['grantId']}")
    _ok_empty(revoked)
    assert all(g["teamId"] != team["teamId"] for g in walk(api, url, limit=50))
    deleted = api.delete(f"/v2/workspaces/{workspace_id}")
    _ok_empty(deleted)

    snapshot.match("workspace created", created)
    snapshot.match("grant", granted)
    snapshot.match_entries("grants", listed)
    snapshot.match("revoke", revoked)
    snapshot.match("workspace deleted", deleted)


def test_connection_grant(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    team = target.new_team(api)
    connections = api.get("/v2/connections", params={"limit": 1})
    assert connections.status_code == 200, connections.text
    if not connections.json()["entries"]:
        pytest.skip("the organization has no connection to grant")
    connection_id = connections.json()["entries"][0]["connectionId"]
    url = f"/v2/connections/{connection_id}/grants"

    granted = api.post(
        url, json={"grants": [{"grantee": {"teamId": team["teamId"]}, "permission": "usage"}]}
    )
    _ok_empty(granted)
    grant = _grant_for(api, url, team["teamId"])
    target.cleanup(lambda: api.delete(f"{url}/{grant['grantId']}"))
    assert grant["permission"] == "usage"
    revoked = api.delete(f"{url}/{grant['grantId']}")
    _ok_empty(revoked)

    snapshot.known_difference(
        "a connection's fields depend on its type; the emulator's first connection is a "
        "Snowflake one (account, role, user, warehouse)"
    )
    snapshot.match_entries("connections", connections)
    snapshot.match("grant", granted)
    # only this scenario's grant: the connection may hold any others in an organization
    snapshot.match_value("our grant entry", grant)
    snapshot.match("revoke", revoked)
