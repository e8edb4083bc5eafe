"""``AsyncSigma`` against the emulator: the same resources, pages, errors, retries and token
handling as ``Sigma`` (both come from one source: ``src/sigmakit/_async``)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from tests.support.helpers import (
    active_member_count,
    advance_clock,
    clear_stats,
    client_settings,
    emulator_settings,
    queue_faults,
    route_count,
)

from sigmakit import (
    APIConnectionError,
    AsyncPaginator,
    AsyncSigma,
    Member,
    NotFoundError,
    RetryPolicy,
    ServerError,
    ServerUnreachableError,
    Sigma,
    Team,
    UnknownOperationError,
    load_settings,
)
from sigmakit.emulator import EmulatorServer

pytestmark = pytest.mark.anyio

TOKEN = "POST /v2/auth/token"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class AsyncSleeps(list[float]):
    """Stands in for asyncio.sleep: records how long the SDK wanted to wait."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def async_sleeps() -> AsyncSleeps:
    return AsyncSleeps()


@pytest.fixture
async def asigma(emulator: EmulatorServer, async_sleeps: AsyncSleeps) -> AsyncIterator[AsyncSigma]:
    """An async client for the emulator; its retries record their waits instead of sleeping."""
    client = AsyncSigma(
        settings=client_settings(emulator), sleep=async_sleeps, retry=RetryPolicy(max_retries=4)
    )
    async with client:
        yield client


async def test_async_for_walks_every_page(asigma: AsyncSigma, emulator: EmulatorServer) -> None:
    total = active_member_count(emulator)
    assert total > 25
    clear_stats(emulator)
    listing = asigma.members.list(page_size=10)
    assert isinstance(listing, AsyncPaginator)
    seen = [member async for member in listing]
    assert all(isinstance(m, Member) for m in seen)
    assert len(seen) == len({m.member_id for m in seen}) == total
    assert listing.pages_fetched == -(-total // 10)  # no empty page past the end
    assert route_count(emulator, "GET /v2/members") == listing.pages_fetched
    # the same members, in the same order, as the sync client lists them
    with Sigma(settings=client_settings(emulator)) as sigma:
        assert [m.member_id for m in sigma.members.list(page_size=10)] == [
            m.member_id for m in seen
        ]


async def test_to_list_first_and_limit(asigma: AsyncSigma, emulator: EmulatorServer) -> None:
    some = await asigma.members.list(page_size=3, limit=7).to_list()
    assert len(some) == 7
    first = await asigma.members.list(page_size=3).first()
    assert first is not None and first.member_id == some[0].member_id
    assert await asigma.teams.list(name="no team is called this").first() is None


async def test_get_create_update_members_and_teams(asigma: AsyncSigma) -> None:
    made = await asigma.members.create(
        email="async.ann@northwind.example", first_name="Ann", last_name="Async", member_type="Lite"
    )
    assert isinstance(made, Member) and made.email == "async.ann@northwind.example"
    assert (await asigma.members.get(made.member_id)).name == "Ann Async"
    changed = await asigma.members.update(made.member_id, first_name="Anne")
    assert changed.first_name == "Anne"
    assert (await asigma.members.find_by_email("ASYNC.ANN@northwind.example")) == changed

    team = await asigma.teams.create(name="Async Crew", description="made by AsyncSigma")
    assert isinstance(team, Team)
    await asigma.teams.update_members(team.team_id, add=[made.member_id])
    members = [m.user_id async for m in asigma.teams.members(team.team_id)]
    assert members == [made.member_id]
    assert (await asigma.teams.resolve("async crew")).team_id == team.team_id
    renamed = await asigma.teams.update(team.team_id, name="Async Crew 2")
    assert (await asigma.teams.get(team.team_id)).name == renamed.name == "Async Crew 2"


async def test_a_404_is_a_not_found_error(asigma: AsyncSigma) -> None:
    with pytest.raises(NotFoundError) as info:
        await asigma.members.get("no-such-member")
    assert info.value.status_code == 404
    assert info.value.request_id
    with pytest.raises(NotFoundError, match="no team has the name or id 'Nobody'"):
        await asigma.teams.resolve("Nobody")


async def test_429_and_5xx_are_retried_as_the_policy_says(
    asigma: AsyncSigma, emulator: EmulatorServer, async_sleeps: AsyncSleeps
) -> None:
    await asigma.whoami(member=False)
    queue_faults(emulator, "rate_limit:3")
    assert (await asigma.whoami(member=False)).user_id
    assert async_sleeps == [3.0]  # Retry-After honoured
    queue_faults(emulator, "error:503", "error:502")
    assert len(await asigma.members.list().to_list()) == active_member_count(emulator)
    assert len(async_sleeps) == 3


async def test_a_create_is_not_resent_after_a_server_error(
    asigma: AsyncSigma, emulator: EmulatorServer, async_sleeps: AsyncSleeps
) -> None:
    await asigma.whoami(member=False)
    queue_faults(emulator, "error:503")
    with pytest.raises(ServerError):
        await asigma.members.create(
            email="once@northwind.example", first_name="Once", last_name="Only", member_type="Lite"
        )
    assert async_sleeps == []
    assert route_count(emulator, "POST /v2/members") == 0


async def test_concurrent_tasks_share_one_token_request_and_one_refresh(
    emulator: EmulatorServer,
) -> None:
    emulator_settings(emulator, tokenTtl=600)
    async with AsyncSigma(settings=client_settings(emulator)) as sigma:
        ids = await asyncio.gather(*(sigma.whoami(member=False) for _ in range(20)))
        assert len({me.user_id for me in ids}) == 1
        assert route_count(emulator, TOKEN) == 1
        assert sigma._core.tokens.minted == 1
        # ten minutes pass on both sides: the twenty next calls need a fresh token
        clock = [sigma._core.tokens._token.expires_at if sigma._core.tokens._token else 0.0]
        sigma._core.tokens._clock = lambda: clock[0]
        advance_clock(emulator, 600)
        await asyncio.gather(*(sigma.whoami(member=False) for _ in range(20)))
        assert route_count(emulator, TOKEN) == 2
        assert sigma._core.tokens.refreshed == 1  # the refresh-token grant, once
        assert route_count(emulator, "GET /v2/whoami") == 40


async def test_raw_request_and_paginate(asigma: AsyncSigma, emulator: EmulatorServer) -> None:
    first = await asigma.members.list(limit=1).first()
    assert first is not None
    raw = await asigma.request(
        "GET", "/v2/members/{memberId}", path_params={"memberId": first.member_id}
    )
    assert raw["memberId"] == first.member_id
    walk = asigma.paginate("/v2/members", params={"limit": 7})
    emails = [m["email"] async for m in walk]
    assert len(emails) == active_member_count(emulator)
    assert walk.pages_fetched > 1
    with pytest.raises(UnknownOperationError):
        await asigma.request("GET", "/v2/no-such-thing")


async def test_download_streams_the_body(asigma: AsyncSigma, emulator: EmulatorServer) -> None:
    async def a_table() -> tuple[str, str]:
        async for wb in asigma.workbooks.list():
            async for page in asigma.workbooks.pages(wb.workbook_id):
                async for element in asigma.workbooks.elements(wb.workbook_id, page.page_id):
                    if element.type == "table":
                        return wb.workbook_id, element.element_id
        pytest.fail("no seeded workbook has a table")

    workbook_id, element_id = await a_table()
    query_id = await asigma.workbooks.export(workbook_id, element_id=element_id, format="csv")
    with emulator.control() as control:  # the export job ends now
        control.post("/jobs/finish", json={}).raise_for_status()
    async with asigma.workbooks.download(query_id) as download:
        assert download.ready
        body = b"".join([chunk async for chunk in download.aiter_bytes(1024)])
    assert body and download.bytes_read == len(body)
    assert b"," in body.splitlines()[0]  # a CSV header


async def test_fail_fast_on_a_dead_server() -> None:
    with socket.socket() as s:  # a loopback port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = load_settings(
        base_url=f"http://127.0.0.1:{port}",
        client_id="c",
        client_secret="s",
        env={"SIGMAKIT_RETRY_DELAY": "0.02", "SIGMAKIT_FAIL_FAST": "0.3"},
        use_dotenv=False,
    )
    async with AsyncSigma(settings=settings) as sigma:
        assert not sigma.unreachable
        with pytest.raises(ServerUnreachableError, match="nothing is listening at"):
            await sigma.whoami()
        assert sigma.unreachable
        sent = sigma.requests_sent
        with pytest.raises(APIConnectionError):
            await sigma.whoami()
        assert sigma.requests_sent <= sent + 2  # one quick try (token, then call), no retries


async def test_a_401_fetches_a_new_token_once_and_resends(
    asigma: AsyncSigma, emulator: EmulatorServer
) -> None:
    await asigma.whoami(member=False)
    advance_clock(emulator, 7200)  # the server thinks our token expired, we don't
    assert (await asigma.whoami(member=False)).user_id
    assert route_count(emulator, "GET /v2/whoami") == 3  # ok, 401, ok
    assert route_count(emulator, TOKEN) == 2
