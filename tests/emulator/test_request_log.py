"""The control plane's request log (``GET /__emulator/requests``): what the console's
Requests page shows, for a script or a test that reaches the emulator over HTTP only."""

from __future__ import annotations

import httpx
from tests.support.helpers import queue_faults

from sigmakit.emulator import EmulatorServer


def test_the_log_lists_requests_newest_first_filtered_by_route_and_status(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    with emulator.control() as control:  # the log outlives a reset: only this test's part
        logged = control.get("/requests").json()["entries"]
    since = logged[0]["seq"] if logged else 0
    assert api.get("/v2/members", params={"limit": 1}).status_code == 200
    assert api.get("/v2/teams/no-such-team").status_code == 404
    queue_faults(emulator, "error:503")
    assert api.get("/v2/whoami").status_code == 503
    with emulator.control() as control:
        everything, teams, errors = (
            [
                e
                for e in control.get("/requests", params=query).json()["entries"]
                if e["seq"] > since
            ]
            for query in ({}, {"route": "teams"}, {"status": "5xx"})
        )
    assert [e["seq"] for e in everything] == sorted((e["seq"] for e in everything), reverse=True)
    assert everything[0]["path"] == "/v2/whoami" and everything[0]["fault"] == "error"
    assert [(e["route"], e["status"]) for e in teams] == [("GET /v2/teams/{teamId}", 404)]
    assert [(e["path"], e["status"]) for e in errors] == [("/v2/whoami", 503)]
    assert {"method", "latency_ms", "request_id", "at"} <= set(everything[0])


def test_the_log_is_closed_like_the_rest_of_the_control_plane(emulator: EmulatorServer) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        answer = client.get("/__emulator/requests", headers={"Host": "attacker.example"})
    assert answer.status_code == 400 and "Host" in answer.json()["message"]
