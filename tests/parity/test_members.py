"""Members: paging through the list the ways scripts written for Sigma do it, and the 409 a
second create with the same email gets (SIGMA-API-NOTES.md, "Pagination", "Members").
(The loop on ``hasMore`` is in test_workbooks: the description shows ``hasMore`` and ``total``
on ``/v2/workbooks`` and ``/v2/connections``, not on ``/v2/members``.)"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.parity.snapshots import Snapshot
from tests.parity.target import Target
from tests.support.sigma_http import assert_sigma_error


def _page(api: httpx.Client, **params: Any) -> dict[str, Any]:
    response = api.get("/v2/members", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_list_follows_next_page_to_the_end(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    seen: list[str] = []
    page: str | None = None
    first: httpx.Response | None = None
    for _ in range(10_000):
        response = api.get("/v2/members", params={"limit": 7, **({"page": page} if page else {})})
        assert response.status_code == 200, response.text
        first = first or response
        body = response.json()
        assert len(body["entries"]) <= 7
        seen += [m["memberId"] for m in body["entries"]]
        page = body["nextPage"]
        if page is None:
            break
    assert len(seen) == len(set(seen)), "a member came back twice"
    # the SDK's paginator walks the same list to the same members
    assert {m.member_id for m in target.sdk().members.list(page_size=25)} == set(seen)
    assert first is not None
    snapshot.match_entries("first page", first)


def test_page_zero_then_offsets(target: Target) -> None:
    """Sigma's own scripts start at page=0 and add the limit each time."""
    api = target.http()
    by_cursor: list[str] = []
    page: str | None = None
    while True:
        body = _page(api, limit=5, **({"page": page} if page else {}))
        by_cursor += [m["memberId"] for m in body["entries"]]
        page = body["nextPage"]
        if page is None:
            break
        assert page.isdigit(), f"nextPage {page!r} is not a stringified offset"
    by_offset: list[str] = []
    offset = 0
    while True:
        body = _page(api, limit=5, page=offset)
        if not body["entries"]:
            break
        by_offset += [m["memberId"] for m in body["entries"]]
        offset += 5
    assert by_offset == by_cursor


def test_without_a_limit_a_page_is_fifty(target: Target) -> None:
    api = target.http()
    response = api.get("/v2/members")
    body = response.json()
    if body["nextPage"] is None:
        pytest.skip("the organization has 50 members or fewer: no second page to show")
    assert len(body["entries"]) == 50
    assert body["nextPage"] == "50"


def test_creating_a_member_twice_is_a_409_naming_the_member(
    target: Target, snapshot: Snapshot
) -> None:
    api = target.http()
    member = target.new_member(api)
    assert member["memberType"].lower() == target.member_type.lower()
    again = api.post(
        "/v2/members",
        params={"sendInvite": "false"},
        json={
            "email": member["email"],
            "firstName": "Parity",
            "lastName": "Again",
            "memberType": target.member_type,
        },
    )
    body = assert_sigma_error(again, 409)
    assert f"member-id={member['memberId']}" in body["message"]
    # the member can be read back by id and found by exact email
    got = api.get(f"/v2/members/{member['memberId']}")
    assert got.status_code == 200 and got.json()["email"] == member["email"]
    found = _page(api, email=member["email"].upper())
    assert [m["memberId"] for m in found["entries"]] == [member["memberId"]]
    snapshot.match("created", got)
    snapshot.known_difference(
        "the 409's wording around 'member-id=<id>' is the emulator's guess; only the "
        "member-id part is documented"
    )
    snapshot.match("conflict", again)
