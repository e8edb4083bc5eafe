"""The one retry policy, against the emulator's injected faults."""

from __future__ import annotations

import pytest
from tests.support.helpers import Sleeps, active_member_count, queue_faults, route_count, set_faults

from sigmakit import APIConnectionError, RateLimitError, ServerError, Sigma
from sigmakit.emulator import EmulatorServer


def test_429_with_retry_after_waits_as_told(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami()
    queue_faults(emulator, "rate_limit:3")
    assert sigma.whoami().user_id
    assert sleeps == [3.0]


def test_429_without_retry_after_backs_off(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami()
    queue_faults(emulator, "rate_limit_no_hint", "rate_limit_no_hint", "rate_limit_no_hint")
    assert sigma.whoami().user_id
    assert len(sleeps) == 3
    # exponential steps with jitter: each wait within its step, and the steps grow
    policy = sigma._core.retry
    for attempt, waited in enumerate(sleeps, start=1):
        ceiling = min(policy.max_delay, policy.initial_delay * 2 ** (attempt - 1))
        assert ceiling * 0.25 <= waited <= ceiling


def test_503_then_success(sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps) -> None:
    sigma.whoami()
    queue_faults(emulator, "error:503", "error:502")
    members = sigma.members.list().to_list()
    assert len(members) == active_member_count(emulator)
    assert len(sleeps) == 2


def test_retry_after_is_capped(sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps) -> None:
    sigma.whoami()
    queue_faults(emulator, "rate_limit:3600")
    sigma.whoami()
    assert sleeps == [sigma._core.retry.max_retry_after]


def test_retry_budget_exhausted_gives_the_typed_error(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami()
    set_faults(emulator, error_rate=1.0, seed=1)
    with pytest.raises(ServerError) as info:
        sigma.whoami()
    assert info.value.status_code in (500, 502, 503)
    assert len(sleeps) == 4  # four re-sends after the first try
    set_faults(emulator, error_rate=0.0, rate_limit_rate=1.0, retry_after_share=0.0)
    with pytest.raises(RateLimitError):
        sigma.whoami()


def test_a_create_is_not_resent_after_a_server_error(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami()
    queue_faults(emulator, "error:503")
    with pytest.raises(ServerError):
        sigma.members.create(
            email="once@northwind.example", first_name="Once", last_name="Only", member_type="Lite"
        )
    assert sleeps == []
    assert route_count(emulator, "POST /v2/members") == 0  # the fault answered before the route


def test_a_create_is_resent_after_a_429(sigma: Sigma, emulator: EmulatorServer) -> None:
    sigma.whoami()
    queue_faults(emulator, "rate_limit:1")
    member = sigma.members.create(
        email="later@northwind.example", first_name="Later", last_name="On", member_type="Lite"
    )
    assert member.email == "later@northwind.example"


def test_a_dropped_connection_is_retried_for_a_read(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami()
    queue_faults(emulator, "drop")
    assert sigma.whoami().user_id
    assert len(sleeps) == 1


def test_a_dropped_connection_is_not_retried_for_a_create(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami()
    queue_faults(emulator, "drop")
    with pytest.raises(APIConnectionError):
        sigma.members.create(
            email="maybe@northwind.example", first_name="May", last_name="Be", member_type="Lite"
        )
    assert sleeps == []


def test_nothing_listening_is_a_connection_error(sleeps: Sleeps) -> None:
    import socket

    from sigmakit import load_settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = load_settings(
        base_url=f"http://127.0.0.1:{port}", client_id="c", client_secret="s", env={}
    )
    with Sigma(settings=settings, sleep=sleeps) as sigma, pytest.raises(APIConnectionError):
        sigma.whoami()
    # never sent, so even the token POST is retried; but a server that has never answered
    # gets FIRST_CONTACT_WINDOW (3 s), so no single wait reaches it
    assert 1 <= len(sleeps) <= settings.max_retries and all(s < 3 for s in sleeps)
