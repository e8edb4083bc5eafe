"""``/v2/user-attributes`` on the wire, as a client written from Sigma's description would see
it: values as ``{type, val}``, all-or-nothing assignments, team priorities, a team's side,
tenant values, and deletes that leave nothing behind."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.sigma_http import admin_id, assert_sigma_error, new_member, new_team, walk


def _value(text: str) -> dict[str, str]:
    return {"type": "string", "val": text}


def _attribute(api: httpx.Client, name: str, **extra: Any) -> str:
    response = api.post("/v2/user-attributes", json={"name": name, **extra})
    assert response.status_code == 200, response.text
    return str(response.json()["userAttributeId"])


def test_create_answers_the_attribute_and_a_second_of_that_name_is_a_conflict(
    api: httpx.Client,
) -> None:
    made = api.post(
        "/v2/user-attributes",
        json={"name": "Plant", "description": "Factory", "defaultValue": _value("P1")},
    ).json()
    assert made["name"] == "Plant" and made["defaultValue"] == _value("P1")
    assert made["createdBy"] == admin_id(api) and made["createdAt"].endswith("Z")
    assert api.get(f"/v2/user-attributes/{made['userAttributeId']}").json() == made
    clash = assert_sigma_error(api.post("/v2/user-attributes", json={"name": "plant"}), 409)
    assert made["userAttributeId"] in clash["message"]
    assert_sigma_error(api.post("/v2/user-attributes", json={"name": "  "}), 400)
    empty_default = {"name": "Line", "defaultValue": _value(" ")}
    assert_sigma_error(api.post("/v2/user-attributes", json=empty_default), 400)


def test_an_assignment_with_one_unknown_member_changes_nothing(api: httpx.Client) -> None:
    aid = _attribute(api, "Line")
    ada = new_member(api, "Ada")
    url = f"/v2/user-attributes/{aid}/users"
    bad = {
        "assignments": [
            {"userId": ada, "value": _value("L1")},
            {"userId": "nobody", "value": _value("L2")},
        ]
    }
    assert "nobody" in assert_sigma_error(api.post(url, json=bad), 404)["message"]
    assert walk(api, url) == []
    too_many = {"assignments": [{"userId": ada, "value": _value("L1")}] * 101}
    assert_sigma_error(api.post(url, json=too_many), 400)
    assert walk(api, url) == []
    ok = {"assignments": [{"userId": ada, "value": _value("L1")}]}
    assert api.post(url, json=ok).json() == {}
    assert [(e["userId"], e["value"]) for e in walk(api, url)] == [(ada, _value("L1"))]

    assert api.delete(f"{url}/{ada}").json() == {}
    assert_sigma_error(api.delete(f"{url}/{ada}"), 404)  # nothing left to delete
    assert api.patch(url, json={"delete": [{"userId": ada}]}).json() == {}  # no value: no change


def test_team_priorities_follow_the_order_of_assignment_and_close_up(api: httpx.Client) -> None:
    aid = _attribute(api, "Zone")
    teams = [new_team(api, f"Zone team {n}") for n in range(3)]
    url = f"/v2/user-attributes/{aid}/teams"
    for n, team in enumerate(teams):
        api.post(url, json={"assignments": [{"teamId": team, "value": _value(f"Z{n}")}]})
    assert [(e["teamId"], e["priority"]) for e in walk(api, url)] == [
        (teams[0], 1),
        (teams[1], 2),
        (teams[2], 3),
    ]
    api.patch(url, json={"delete": [{"teamId": teams[0]}]})
    assert [(e["teamId"], e["priority"]) for e in walk(api, url)] == [(teams[1], 1), (teams[2], 2)]
    api.delete(f"/v2/teams/{teams[1]}")  # a deleted team's value is not shown
    listed = api.get(url).json()
    assert [e["teamId"] for e in listed["entries"]] == [teams[2]] and listed["total"] == 1


def test_a_teams_side(api: httpx.Client) -> None:
    first, second = _attribute(api, "Floor"), _attribute(api, "Wing")
    team = new_team(api, "Facilities")
    body = {
        "assignments": [
            {"userAttributeId": first, "value": _value("3")},
            {"userAttributeId": second, "value": _value("East")},
        ]
    }
    assert api.post(f"/v2/teams/{team}/assignedUserAttributes", json=body).json() == {}
    got = walk(api, f"/v2/teams/{team}/user-attributes", limit=1)
    assert got == [
        {"userAttributeId": first, "userAttributeName": "Floor", "value": _value("3")},
        {"userAttributeId": second, "userAttributeName": "Wing", "value": _value("East")},
    ]
    unknown = {"assignments": [{"userAttributeId": "nope", "value": _value("1")}]}
    assert_sigma_error(api.post(f"/v2/teams/{team}/assignedUserAttributes", json=unknown), 404)
    assert_sigma_error(api.get("/v2/teams/no-such-team/user-attributes"), 404)


def test_tenant_values_are_set_cleared_and_go_with_their_tenant(api: httpx.Client) -> None:
    listed = api.get("/v2/tenants").json()["entries"]
    tenants = {t["tenantOrganizationName"]: t["tenantOrganizationId"] for t in listed}
    europe, canada = tenants["Northwind Europe"], tenants["Northwind Canada"]
    region = next(a for a in walk(api, "/v2/user-attributes") if a["name"] == "Region")
    url = f"/v2/user-attributes/{region['userAttributeId']}/tenants"
    seeded = {e["tenantOrganizationId"]: e["value"] for e in walk(api, url)}
    assert seeded == {europe: _value("EMEA"), canada: _value("North America")}

    aid = _attribute(api, "Tenant tier")
    url = f"/v2/user-attributes/{aid}/tenants"
    body = {
        "assignments": [
            {"tenantOrganizationId": europe, "value": _value("gold")},
            {"tenantOrganizationId": "t-1", "value": _value("gold")},
        ]
    }
    assert "t-1" in assert_sigma_error(api.post(url, json=body), 404)["message"]
    assert walk(api, url) == []  # all or nothing
    body["assignments"] = body["assignments"][:1]
    assert api.post(url, json=body).json() == {}
    got = walk(api, url)
    assert [(e["tenantOrganizationId"], e["value"]) for e in got] == [(europe, _value("gold"))]
    assert_sigma_error(api.patch(url, json={"delete": [{"tenantOrganizationId": "t-1"}]}), 404)
    assert_sigma_error(api.delete(f"{url}/{canada}"), 404)  # Canada has no value

    api.post(url, json={"assignments": [{"tenantOrganizationId": canada, "value": _value("x")}]})
    assert api.delete(f"{url}/{canada}").json() == {}
    assert api.delete(f"/v2/tenants/{europe}").status_code == 200
    assert api.get(url).json() == {"entries": [], "nextPage": None, "total": 0}


def test_deleting_an_attribute_removes_its_values(api: httpx.Client) -> None:
    aid = _attribute(api, "Temp")
    ada, team = new_member(api, "Grace"), new_team(api, "Temps")
    api.post(
        f"/v2/user-attributes/{aid}/users",
        json={"assignments": [{"userId": ada, "value": _value("x")}]},
    )
    api.post(
        f"/v2/user-attributes/{aid}/teams",
        json={"assignments": [{"teamId": team, "value": _value("y")}]},
    )
    assert api.delete(f"/v2/user-attributes/{aid}").json() == {}
    assert_sigma_error(api.get(f"/v2/user-attributes/{aid}/users"), 404)
    assert walk(api, f"/v2/teams/{team}/user-attributes") == []
    again = _attribute(api, "Temp")  # the name is free again, with no values
    assert walk(api, f"/v2/user-attributes/{again}/users") == []
