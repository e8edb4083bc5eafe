"""Tokens: minted once, reused, refreshed before expiry, re-fetched once on a 401, cached
between processes, one refresh at a time, never shown."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.support.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    active_member_count,
    advance_clock,
    emulator_settings,
    route_count,
)

from sigmakit import AuthenticationError, FileTokenCache, Sigma, load_settings
from sigmakit.emulator import EmulatorServer

TOKEN = "POST /v2/auth/token"


@pytest.fixture
def client_for(emulator: EmulatorServer) -> Iterator[Callable[..., Sigma]]:
    """Makes SDK clients for the emulator, closed at the end of the test."""
    made: list[Sigma] = []

    def make(**kwargs: object) -> Sigma:
        made.append(_client(emulator, **kwargs))
        return made[-1]

    yield make
    for client in made:
        client.close()


def _client(emulator: EmulatorServer, **kwargs: object) -> Sigma:
    settings = load_settings(
        base_url=emulator.base_url,
        client_id=str(kwargs.pop("client_id", CLIENT_ID)),
        client_secret=str(kwargs.pop("client_secret", CLIENT_SECRET)),
        env={},
        use_dotenv=False,
    )
    return Sigma(settings=settings, **kwargs)  # type: ignore[arg-type]


def test_one_token_serves_many_calls(sigma: Sigma, emulator: EmulatorServer) -> None:
    for _ in range(5):
        sigma.whoami()
    assert route_count(emulator, TOKEN) == 1
    assert route_count(emulator, "GET /v2/whoami") == 5


def test_token_is_refreshed_in_the_middle_of_a_long_listing(
    emulator: EmulatorServer, client_for: Callable[..., Sigma]
) -> None:
    emulator_settings(emulator, tokenTtl=600)
    clock = [1_000_000.0]
    sigma = client_for()
    sigma._core.tokens._clock = lambda: clock[0]
    pages = sigma.members.list(page_size=10).pages()
    seen = [m["memberId"] for m in next(pages)]
    # ten minutes pass, on both sides, between two pages
    clock[0] += 600
    advance_clock(emulator, 600)
    for page in pages:
        seen += [m["memberId"] for m in page]
    assert sigma._core.tokens.refreshed == 1  # the refresh-token grant, not a new login
    assert route_count(emulator, TOKEN) == 2
    assert len(seen) == len(set(seen)) == active_member_count(emulator)


def test_a_401_fetches_a_new_token_once_and_resends(sigma: Sigma, emulator: EmulatorServer) -> None:
    sigma.whoami()
    # the server's clock runs ahead: it thinks our token expired, we don't
    advance_clock(emulator, 7200)
    me = sigma.whoami()
    assert me.user_id
    assert route_count(emulator, "GET /v2/whoami") == 3  # ok, 401, ok
    assert route_count(emulator, TOKEN) == 2


def test_wrong_secret_is_an_authentication_error_without_the_secret(
    emulator: EmulatorServer, client_for: Callable[..., Sigma]
) -> None:
    sigma = client_for(client_secret="wrong-secret-123")
    with pytest.raises(AuthenticationError) as info:
        sigma.whoami()
    assert info.value.status_code == 401
    assert info.value.request_id
    assert "wrong-secret-123" not in str(info.value)
    assert "wrong-secret-123" not in repr(info.value)


def test_tokens_are_cached_between_clients_in_a_private_file(
    emulator: EmulatorServer, tmp_path: Path, client_for: Callable[..., Sigma]
) -> None:
    cache = FileTokenCache(tmp_path / "cache")
    first = client_for(token_cache=cache)
    first.whoami()
    first.close()
    second = client_for(token_cache=FileTokenCache(tmp_path / "cache"))
    second.whoami()
    assert route_count(emulator, TOKEN) == 1
    mode = stat.S_IMODE(os.stat(cache.path).st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(cache.directory).st_mode) == 0o700
    assert CLIENT_SECRET not in cache.path.read_text()


def test_a_cached_token_of_other_credentials_is_not_used(
    emulator: EmulatorServer, tmp_path: Path, client_for: Callable[..., Sigma]
) -> None:
    cache = FileTokenCache(tmp_path / "cache")
    client_for(token_cache=cache).whoami()
    wrong = client_for(token_cache=cache, client_secret="not-the-secret")
    with pytest.raises(AuthenticationError):
        wrong.whoami()


def test_concurrent_calls_share_one_token_request(
    emulator: EmulatorServer, client_for: Callable[..., Sigma]
) -> None:
    sigma = client_for()
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def call() -> None:
        barrier.wait()
        try:
            sigma.whoami()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert route_count(emulator, TOKEN) == 1


@pytest.mark.live
def test_token_repr_hides_the_token(sigma: Sigma) -> None:
    token = sigma.token()
    assert token.access_token not in repr(token)
