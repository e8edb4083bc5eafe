"""Faults after the write (the request took effect, its answer was lost), the edge's HTML
429, and what the emulator's log says about them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from tests.support.helpers import Sleeps, client_settings, queue_faults, set_faults

from sigmakit import RateLimitError, RetryPolicy, Sigma
from sigmakit.emulator import EmulatorServer

#: what a client sees when the emulator cuts the connection: the answer broken off, or the
#: connection reset, whichever the kernel reports first
DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)


def team_names(api: httpx.Client) -> list[str]:
    return [t["name"] for t in api.get("/v2/teams", params={"limit": 1000}).json()["entries"]]


def test_error_after_carries_the_request_out_then_answers_5xx(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    queue_faults(emulator, "error_after:503")
    response = api.post("/v2/teams", json={"name": "Landed Anyway"})
    assert response.status_code == 503
    assert team_names(api).count("Landed Anyway") == 1


def test_drop_after_carries_the_request_out_then_cuts_the_connection(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    queue_faults(emulator, "drop_after")
    with pytest.raises(DROPPED):
        api.post("/v2/teams", json={"name": "Answer Lost"})
    assert team_names(api).count("Answer Lost") == 1


def test_faults_before_the_handler_change_nothing(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    queue_faults(emulator, "error:500", "drop")
    assert api.post("/v2/teams", json={"name": "Never Made"}).status_code == 500
    with pytest.raises(DROPPED):
        api.post("/v2/teams", json={"name": "Never Made"})
    assert "Never Made" not in team_names(api)


def test_after_the_write_rates_are_knobs_of_the_control_plane(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    set_faults(emulator, error_after_rate=1.0, seed=3)
    assert api.post("/v2/teams", json={"name": "Rated"}).status_code in (500, 502, 503)
    with emulator.control() as control:
        assert control.get("/stats").json()["faultsInjected"] == {"error_after": 1}
    set_faults(emulator, error_after_rate=0.0)
    assert team_names(api).count("Rated") == 1
    with emulator.control() as control:
        assert control.get("/faults").json()["drop_after_rate"] == 0.0
        refused = control.put("/faults", json={"drop_after_rate": 0.7, "error_rate": 0.5})
        assert refused.status_code == 400
        assert control.post("/faults/next", json={"faults": ["error_after:404"]}).status_code == 400


def test_the_edge_429_is_html_without_retry_after(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    queue_faults(emulator, "rate_limit_html")
    response = api.get("/v2/whoami")
    assert response.status_code == 429
    assert response.headers["content-type"].startswith("text/html")
    assert "retry-after" not in response.headers
    assert "Error 1015" in response.text
    assert api.get("/v2/whoami").status_code == 200


@pytest.fixture
def strict_sigma(emulator: EmulatorServer, sleeps: Sleeps) -> Iterator[Sigma]:
    settings = client_settings(emulator)
    with Sigma(settings=settings, sleep=sleeps, retry=RetryPolicy(max_retries=3)) as sigma:
        yield sigma


def test_the_sdk_backs_off_on_an_html_429_and_goes_on(
    strict_sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    strict_sigma.whoami()
    queue_faults(emulator, "rate_limit_html", "rate_limit_html")
    assert strict_sigma.whoami().user_id
    assert len(sleeps) == 2 and all(s > 0 for s in sleeps)


def test_an_html_429_that_persists_is_a_rate_limit_error(
    strict_sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    strict_sigma.whoami()
    set_faults(emulator, edge_rate_limit_rate=1.0, seed=1)
    with pytest.raises(RateLimitError) as info:
        strict_sigma.teams.create(name="Even A Create Is Retried")  # 429: surely not processed
    assert info.value.status_code == 429
    assert "HTML page" in str(info.value) and "not JSON" not in info.value.message.split(";")[0]
    assert "<" not in str(info.value)
    assert len(sleeps) == 3
