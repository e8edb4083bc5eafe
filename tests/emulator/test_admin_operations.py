"""Members' remaining operations and the account-type changes, over plain HTTP: the
paginated ``/v2.1`` lists of members, teams and workspaces, revoking a member's OAuth tokens,
creating and deleting a custom account type."""

from __future__ import annotations

import httpx
import pytest
from tests.support.sigma_http import assert_sigma_error, new_member, walk


@pytest.mark.parametrize(
    ("url", "key"),
    [("members", "memberId"), ("teams", "teamId"), ("workspaces", "workspaceId")],
)
def test_the_v2_1_lists_always_page_with_counts(api: httpx.Client, url: str, key: str) -> None:
    old = api.get(f"/v2/{url}", params={"limit": 1000}).json()["entries"]
    paged = walk(api, f"/v2.1/{url}", limit=3)
    assert [e[key] for e in paged] == [e[key] for e in old]
    first = api.get(f"/v2.1/{url}").json()
    assert first["total"] == len(old) and first["hasMore"] == (len(old) > 50)
    assert set(api.get(f"/v2/{url}").json()) == {"entries", "nextPage"}


def test_v2_1_members_filters_like_v2(api: httpx.Client) -> None:
    new_member(api, "Zed")
    found = api.get("/v2.1/members", params={"email": "ZED@example.com"}).json()
    assert [m["email"] for m in found["entries"]] == ["zed@example.com"] and found["total"] == 1
    both = api.get("/v2.1/members", params={"email": "a@b.c", "search": "a"})
    assert_sigma_error(both, 400)


def test_revoke_a_members_tokens(api: httpx.Client) -> None:
    member = new_member(api, "Rae")
    answer = api.post(f"/v2/members/{member}/revoke", json={}).json()
    assert answer == {"memberId": member, "results": {"oauth": {"tokensRevoked": 0}}}
    assert_sigma_error(api.post("/v2/members/nobody/revoke", json={}), 404)


def test_create_and_delete_a_custom_account_type(api: httpx.Client) -> None:
    body = {
        "name": "Analyst",
        "description": "Explore and download",
        "permissions": ["view-workbook", "explore-workbook", "download-data"],
    }
    response = api.post("/v2/accountTypes", json=body)
    assert response.status_code == 201
    made = response.json()
    assert made["accountTypeName"] == "Analyst" and made["isCustom"] is True
    listed = api.get("/v2/accountTypes").json()["entries"]
    assert listed[-1] == made
    allowed = api.get(f"/v2/accountTypes/{made['accountTypeId']}/permissions").json()
    assert [p["permission"] for p in allowed] == [
        "view-workbook",
        "download-data",
        "explore-workbook",
    ]
    assert_sigma_error(api.post("/v2/accountTypes", json={**body, "name": "analyst"}), 409)
    bad = api.post("/v2/accountTypes", json={**body, "name": "X", "permissions": ["fly"]})
    assert "fly" in assert_sigma_error(bad, 400)["message"]

    member = new_member(api, "Ana", "Analyst")
    lite = next(t for t in listed if t["accountTypeName"] == "Lite")
    assert_sigma_error(api.delete(f"/v2/accountTypes/{made['accountTypeId']}"), 400)
    assert api.get(f"/v2/members/{member}").json()["memberType"] == "Analyst"
    assert_sigma_error(api.delete(f"/v2/accountTypes/{lite['accountTypeId']}"), 400)
    gone = api.delete(
        f"/v2/accountTypes/{made['accountTypeId']}",
        params={"reassignToAccountTypeId": lite["accountTypeId"]},
    )
    assert gone.status_code == 200 and gone.json() == {}
    assert api.get(f"/v2/members/{member}").json()["memberType"] == "Lite"
    assert "Analyst" not in [
        t["accountTypeName"] for t in api.get("/v2/accountTypes").json()["entries"]
    ]
    assert_sigma_error(api.delete(f"/v2/accountTypes/{made['accountTypeId']}"), 404)
