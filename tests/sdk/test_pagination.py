"""Lazy pagination: every item once, the legacy bare array, opaque and repeated cursors."""

from __future__ import annotations

import httpx
from tests.helpers import reseed, route_count

from sigmakit import Sigma, load_settings
from sigmakit._pagination import Paginator
from sigmakit.emulator import EmulatorServer
from sigmakit.resources.members import Member


def test_2500_members_each_seen_exactly_once(sigma: Sigma, emulator: EmulatorServer) -> None:
    reseed(emulator, members=2500)
    expected = emulator.state.store.db.scalar(
        "SELECT count(*) FROM members WHERE is_archived = 0 AND is_inactive = 0"
    )
    listing = sigma.members.list()
    ids = [m.member_id for m in listing]
    assert len(ids) == len(set(ids)) == expected
    assert listing.pages_fetched == -(-expected // 1000) == 3
    assert route_count(emulator, "GET /v2/members") == 3


def test_pages_are_fetched_lazily(sigma: Sigma, emulator: EmulatorServer) -> None:
    listing = sigma.members.list(page_size=10)
    first = listing.first()
    assert first is not None
    assert listing.pages_fetched == 1


def test_legacy_bare_array_is_accepted(sigma: Sigma, emulator: EmulatorServer) -> None:
    """Before June 2026 Sigma answered a bare array when no limit was sent."""
    emulator.state.config.legacy_lists = True
    assert isinstance(sigma._core.request("GET", "/v2/members"), list)  # the old shape, really
    legacy = Paginator(sigma._core, "/v2/members", Member.model_validate, page_size=None)
    paged = sigma.members.list(page_size=7)
    assert [m.member_id for m in legacy] == [m.member_id for m in paged]
    assert legacy.pages_fetched == 1


def test_a_repeated_cursor_ends_the_walk() -> None:
    """A server that hands back the same cursor forever (a wire-level misbehaviour the
    emulator does not play) must not loop the client."""
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/token"):
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        calls.append(request.url.params.get("page"))
        return httpx.Response(200, json={"entries": [{"n": len(calls)}], "nextPage": "same"})

    settings = load_settings(
        base_url="http://127.0.0.1:9", client_id="c", client_secret="s", env={}
    )
    sigma = Sigma(settings=settings, transport=httpx.MockTransport(handler))
    items = list(Paginator(sigma._core, "/v2/things", dict))
    assert items == [{"n": 1}, {"n": 2}]
    assert calls == [None, "same"]
