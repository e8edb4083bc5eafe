"""Lazy pagination: every item once, the legacy bare array, both cursor styles, and a
repeated cursor as an error."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from tests.support.helpers import active_member_count, emulator_settings, reseed, route_count

import sigmakit
from sigmakit import Sigma, load_settings
from sigmakit._pagination import PaginationError, Paginator
from sigmakit.emulator import EmulatorServer
from sigmakit.resources.members import Member


def test_2500_members_each_seen_exactly_once(sigma: Sigma, emulator: EmulatorServer) -> None:
    reseed(emulator, members=2500)
    listing = sigma.members.list()
    ids = [m.member_id for m in listing]
    assert route_count(emulator, "GET /v2/members") == 3
    expected = active_member_count(emulator)  # counted over HTTP, after the SDK's own calls
    assert len(ids) == len(set(ids)) == expected
    assert listing.pages_fetched == -(-expected // 1000) == 3


def test_pages_are_fetched_lazily(sigma: Sigma, emulator: EmulatorServer) -> None:
    listing = sigma.members.list(page_size=10)
    first = listing.first()
    assert first is not None
    assert listing.pages_fetched == 1


def test_legacy_bare_array_is_accepted(sigma: Sigma, emulator: EmulatorServer) -> None:
    """Before June 2026 Sigma answered a bare array when no limit was sent."""
    emulator_settings(emulator, legacyLists=True)
    assert isinstance(sigma._core.request("GET", "/v2/members"), list)  # the old shape, really
    legacy = Paginator(sigma._core, "/v2/members", Member.model_validate, page_size=None)
    paged = sigma.members.list(page_size=7)
    assert [m.member_id for m in legacy] == [m.member_id for m in paged]
    assert legacy.pages_fetched == 1


def _scripted_sigma(handler: Callable[[httpx.Request], httpx.Response]) -> Sigma:
    def transport(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/token"):
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        return handler(request)

    settings = load_settings(
        base_url="http://127.0.0.1:9", client_id="c", client_secret="s", env={}
    )
    return Sigma(settings=settings, transport=httpx.MockTransport(transport))


def test_a_repeated_cursor_is_an_error_not_a_loop() -> None:
    """A server that hands back the same cursor forever (a wire-level misbehaviour the
    emulator does not play) must neither loop the client nor end the list silently short."""
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params.get("page"))
        return httpx.Response(200, json={"entries": [{"n": len(calls)}], "nextPage": "same"})

    sigma = _scripted_sigma(handler)
    items: list[dict[str, int]] = []
    with pytest.raises(PaginationError, match="'same' a second time") as raised:
        items.extend(Paginator(sigma._core, "/v2/things", dict))
    assert isinstance(raised.value, sigmakit.SigmaError)
    assert items == [{"n": 1}, {"n": 2}]  # what came before the loop was handed out
    assert calls == [None, "same"]


def test_token_style_pages_by_page_size_and_page_token() -> None:
    """``/v2/accountTypes`` and a few others page with pageSize/pageToken/nextPageToken."""
    seen: list[dict[str, str]] = []
    tokens = {None: "t1", "t1": "t2", "t2": None}

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        seen.append(params)
        token = params.get("pageToken")
        return httpx.Response(
            200, json={"entries": [{"at": token}], "nextPageToken": tokens[token]}
        )

    sigma = _scripted_sigma(handler)
    walk = Paginator(sigma._core, "/v2/accountTypes", dict, page_size=2, style="token")
    assert [e["at"] for e in walk] == [None, "t1", "t2"]
    assert seen == [
        {"pageSize": "2"},
        {"pageSize": "2", "pageToken": "t1"},
        {"pageSize": "2", "pageToken": "t2"},
    ]
    seen.clear()
    detected = Paginator(sigma._core, "/v2/accountTypes", dict, page_size=2)  # default style
    assert [e["at"] for e in detected] == [None, "t1", "t2"]
    assert seen[1] == {"pageSize": "2", "pageToken": "t1"}  # switched on seeing nextPageToken


def test_walks_sigmas_offset_pages_with_total_and_has_more(
    sigma: Sigma, emulator: EmulatorServer, api: httpx.Client
) -> None:
    """The emulator pages as Sigma does (nextPage "7", "14"...); the walk follows it to the end."""
    first = api.get("/v2/workbooks", params={"limit": 2}).json()
    assert first["nextPage"] == "2" and first["hasMore"] is True
    listing = sigma.workbooks.list(page_size=2)
    ids = [w.workbook_id for w in listing]
    assert len(ids) == len(set(ids)) == first["total"]
    assert listing.pages_fetched == -(-first["total"] // 2)


@pytest.mark.parametrize("listing", ["members", "account_types"])
def test_one_page_at_a_time_hands_back_the_next_cursor(
    sigma: Sigma, emulator: EmulatorServer, listing: str
) -> None:
    """``page()`` fetches one page and gives the cursor (and its style) to continue with:
    what a caller that passes the cursor on (the MCP server) walks, in either style."""
    resource = getattr(sigma, listing)
    everything = [m.to_dict() for m in resource.list()]
    walked: list[dict[str, object]] = []
    page = resource.list(page_size=3).page()
    calls = 1
    while True:
        walked += [m.to_dict() for m in page.items]
        if page.next_cursor is None:
            break
        page = resource.list(page_size=3).page(page.next_cursor, style=page.style)
        calls += 1
    assert walked == everything
    assert calls == -(-len(everything) // 3)
    assert page.style == ("token" if listing == "account_types" else "page")
