"""The console over plain HTTP (no browser): what it refuses, and the request log behind it."""

from __future__ import annotations

import httpx
from tests.support.helpers import login, recent_requests

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.requestlog import RequestLog


def test_a_control_form_posted_from_another_site_is_refused_and_changes_nothing(
    emulator: EmulatorServer,
) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        answer = client.post(
            "/__emulator/console/control/faults",
            data={"error_rate": "1"},
            headers={"Origin": "http://attacker.example"},
        )
        assert answer.status_code == 403
        assert "another site" in answer.text
        assert client.get("/__emulator/faults").json()["error_rate"] == 0.0
        same_site = client.post(
            "/__emulator/console/control/faults",
            data={"error_rate": "0.25"},
            headers={"Origin": emulator.base_url},
        )
        assert same_site.status_code == 303
        assert client.get("/__emulator/faults").json()["error_rate"] == 0.25


def test_the_console_is_not_part_of_the_emulated_api_description(emulator: EmulatorServer) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        paths = client.get("/__emulator/openapi.json").json()["paths"]
        assert paths and not [p for p in paths if p.startswith("/__emulator/console")]
        assert client.get("/__emulator/console/static/views.py").status_code == 404


def test_every_api_request_lands_in_the_log_and_console_pages_do_not(
    emulator: EmulatorServer,
) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        login(client)
        client.get("/v2/members/nobody")
        client.get("/__emulator/console/people")
    entries = recent_requests(emulator)
    assert [(e["method"], e["route"], e["status"]) for e in entries[:2]] == [
        ("GET", "GET /v2/members/{memberId}", 404),
        ("POST", "POST /v2/auth/token", 200),
    ]
    assert not [e for e in entries if e["path"].startswith("/__emulator")]


def test_the_request_log_keeps_only_the_newest_and_filters_by_route_and_status_class() -> None:
    log = RequestLog(capacity=3)
    for n, status in enumerate((200, 429, 503, 200, 404)):
        log.add(
            method="GET",
            path=f"/v2/teams/{n}",
            route="GET /v2/teams/{teamId}",
            status=status,
            latency_ms=1.0,
            fault=None,
            request_id=str(n),
        )
    assert [e.path for e in log.recent()] == ["/v2/teams/4", "/v2/teams/3", "/v2/teams/2"]
    assert [e.status for e in log.recent(status="5xx")] == [503]
    assert [e.status for e in log.recent(status="404")] == [404]
    assert [e.path for e in log.recent(route="teams/3")] == ["/v2/teams/3"]
    assert log.recent(route="members") == []


def test_a_link_from_before_a_reset_says_what_is_gone_as_a_page(emulator: EmulatorServer) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        answer = client.get("/__emulator/console/people/no-such-member")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Member not found: no-such-member" in answer.text
    assert "<title>Not found · sigmakit emulator console</title>" in answer.text
