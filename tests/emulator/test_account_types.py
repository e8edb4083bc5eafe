"""``/v2/accountTypes`` in the emulator: token paging, permissions, the organization's set,
and the 404 a member create or update with an unknown type gets."""

from __future__ import annotations

import httpx
import pytest
from tests.support.helpers import login

from sigmakit.emulator import EmulatorServer

ALL = ["Admin", "Pro", "Essential", "Lite", "Creator", "Explorer", "Viewer"]


def names(api: httpx.Client) -> list[str]:
    body = api.get("/v2/accountTypes").json()
    assert "nextPageToken" not in body  # one page: no token at all on the last page
    return [e["accountTypeName"] for e in body["entries"]]


def test_the_demo_organization_has_todays_types_and_the_quickstarts(api: httpx.Client) -> None:
    entries = api.get("/v2/accountTypes").json()["entries"]
    assert [e["accountTypeName"] for e in entries] == ALL
    custom = {e["accountTypeName"] for e in entries if e["isCustom"]}
    assert custom == {"Creator", "Explorer", "Viewer"}
    assert all(e["accountTypeId"] and e["description"] for e in entries)
    assert len({e["accountTypeId"] for e in entries}) == len(entries)


def test_pages_with_page_size_and_page_token(api: httpx.Client) -> None:
    seen: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"pageSize": 3}
        if token:
            params["pageToken"] = token
        body = api.get("/v2/accountTypes", params=params).json()
        pages += 1
        assert len(body["entries"]) <= 3
        seen += [e["accountTypeName"] for e in body["entries"]]
        token = body.get("nextPageToken")
        if token is None:
            break
    assert pages == 3 and seen == ALL


@pytest.mark.parametrize(
    "params", [{"pageToken": "not-a-token"}, {"pageSize": 0}, {"pageSize": 1001}]
)
def test_bad_paging_is_a_400(api: httpx.Client, params: dict[str, str | int]) -> None:
    answer = api.get("/v2/accountTypes", params=params)
    assert answer.status_code == 400
    assert answer.json()["message"]


def test_permissions_follow_the_type(api: httpx.Client) -> None:
    by_name = {
        e["accountTypeName"]: e["accountTypeId"]
        for e in api.get("/v2/accountTypes").json()["entries"]
    }

    def permissions(name: str) -> set[str]:
        answer = api.get(f"/v2/accountTypes/{by_name[name]}/permissions")
        assert answer.status_code == 200
        assert all(p["description"] for p in answer.json())
        return {p["permission"] for p in answer.json()}

    viewer, explorer, creator, admin = (
        permissions(n) for n in ("Viewer", "Explorer", "Creator", "Admin")
    )
    assert "view-workbook" in viewer and "explore-workbook" not in viewer
    assert viewer < explorer < creator < admin
    assert "create-workbook" in creator and "manage-members" in admin
    assert permissions("Lite") == viewer and permissions("Pro") == creator
    assert api.get("/v2/accountTypes/nope/permissions").status_code == 404


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("default", ["Admin", "Pro", "Essential", "Lite"]),
        ("legacy", ["Admin", "Creator", "Explorer", "Viewer"]),
        (["Analyst", "viewer"], ["Admin", "Analyst", "Viewer"]),
    ],
)
def test_reset_chooses_the_set(
    api: httpx.Client, emulator: EmulatorServer, choice: str | list[str], expected: list[str]
) -> None:
    with emulator.control() as control:
        control.post("/reset", json={"account_types": choice}).raise_for_status()
    login(api)  # a reset forgets tokens
    assert names(api) == expected
    members = api.get("/v2/members", params={"limit": 1000}).json()["entries"]
    assert {m["memberType"] for m in members} <= set(expected)


def test_reset_refuses_a_bad_set(emulator: EmulatorServer) -> None:
    with emulator.control() as control:
        answer = control.post("/reset", json={"account_types": "Pro,pro"})
    assert answer.status_code == 400 and "twice" in answer.json()["message"]


def test_members_take_any_case_and_keep_the_organizations_spelling(api: httpx.Client) -> None:
    created = api.post(
        "/v2/members",
        json={"email": "q@example.com", "firstName": "Q", "lastName": "S", "memberType": "viewer"},
    )
    assert created.status_code == 200 and created.json()["memberType"] == "Viewer"
    member_id = created.json()["memberId"]
    promoted = api.patch(f"/v2/members/{member_id}", json={"memberType": "CREATOR"})
    assert promoted.json()["memberType"] == "Creator"


def test_an_unknown_type_is_sigmas_404_and_changes_nothing(api: httpx.Client) -> None:
    body = {"email": "n@example.com", "firstName": "N", "lastName": "O", "memberType": "Wizard"}
    refused = api.post("/v2/members", json=body)
    assert refused.status_code == 404
    assert refused.json()["message"] == "Member type name is not found"
    assert api.get("/v2/members", params={"email": "n@example.com"}).json()["entries"] == []
