"""``members.list(search=...)`` after Sigma removed ``search`` (2026-09-15): a FutureWarning,
a whole address sent as ``email``, any other text matched on this side; the emulator refuses
``search`` as a removed parameter."""

from __future__ import annotations

import httpx
import pytest
from tests.support.helpers import client_settings, route_count
from tests.support.sigma_http import assert_sigma_error

from sigmakit import AsyncSigma, InputError, Sigma
from sigmakit.emulator import EmulatorServer

LIST = "GET /v2/members"


def everyone(sigma: Sigma) -> list[tuple[str, str]]:
    return [(m.email, m.name) for m in sigma.members.list()]


def test_search_for_an_address_asks_sigma_by_email(sigma: Sigma, emulator: EmulatorServer) -> None:
    before = route_count(emulator, LIST)
    with pytest.warns(FutureWarning, match="2026-09-15"):
        found = sigma.members.list(search=" Admin@Northwind.example ")
    # sent as email (the emulator refuses search with a 400, which would raise here)
    assert [m.email for m in found] == ["admin@northwind.example"]
    assert route_count(emulator, LIST) == before + 1


def test_search_for_other_text_is_matched_here_over_every_member(sigma: Sigma) -> None:
    people = everyone(sigma)
    last = people[3][1].split()[-1]  # a last name: in the email and the name
    with pytest.warns(FutureWarning):
        found = [(m.email, m.name) for m in sigma.members.list(search=last.upper())]
    assert found == [(e, n) for e, n in people if last.lower() in f"{e} {n}".lower()]
    assert 1 <= len(found) < len(people)
    with pytest.warns(FutureWarning):  # a part of a name across first and last
        both = [m.name for m in sigma.members.list(search="avery adm")]
    assert both == ["Avery Admin"]
    with pytest.warns(FutureWarning):
        two = [m.email for m in sigma.members.list(search="@northwind.", limit=2)]
    assert two == [e for e, _ in people][:2]


def test_search_with_email_is_refused_before_any_request(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="email and search"):
        sigma.members.list(email="a@b.co", search="a")
    assert sigma.requests_sent == sent


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_the_async_client_does_the_same(emulator: EmulatorServer, sigma: Sigma) -> None:
    people = everyone(sigma)
    async with AsyncSigma(settings=client_settings(emulator)) as asigma:
        with pytest.warns(FutureWarning):
            found = [m.email async for m in asigma.members.list(search="ADMIN@northwind.example")]
        assert found == ["admin@northwind.example"]
        with pytest.warns(FutureWarning):
            part = [m.email async for m in asigma.members.list(search="northwind.ex")]
        assert part == [e for e, _ in people if "northwind.ex" in e]


def test_the_emulator_refuses_the_removed_search_parameter(api: httpx.Client) -> None:
    for url in ("/v2/members", "/v2.1/members"):
        body = assert_sigma_error(api.get(url, params={"search": "admin"}), 400)
        assert "email" in body["message"]
