"""A closed control plane: a page on another site, open in the owner's browser (which is on
loopback, so the loopback rule lets it in), cannot change the emulator through it; no
answer may be framed; a ``Host`` that is not this server's is refused; and a forwarded
address never decides who the client is.

Every request goes over HTTP to the session's emulator on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.support.helpers import run
from tests.support.processes import Served

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.access import cross_site_refusal, host_refusal

ATTACKER = "http://attacker.example"

#: every change the control plane offers, with the body its own clients send
WRITES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/__emulator/reset", {"json": {}}),
    ("POST", "/__emulator/jobs/step", {"json": {}}),
    ("POST", "/__emulator/jobs/finish", {"json": {}}),
    ("PUT", "/__emulator/jobs", {"json": {"mode": "manual"}}),
    ("PUT", "/__emulator/faults", {"json": {"error_rate": 1.0}}),
    ("POST", "/__emulator/faults/next", {"json": {"faults": ["error:503"]}}),
    ("PUT", "/__emulator/settings", {"json": {"tokenTtl": 1}}),
    ("POST", "/__emulator/clock", {"json": {"advance": 86400}}),
    ("DELETE", "/__emulator/stats", {"json": {}}),
    ("POST", "/__emulator/console/control/reset", {"data": {"seed": "1"}}),
    ("POST", "/__emulator/console/control/faults", {"data": {"error_rate": "1"}}),
]
WRITE_IDS = [f"{method} {path}" for method, path, _ in WRITES]


def _new_member(api: httpx.Client) -> str:
    answer = api.post(
        "/v2/members",
        json={
            "email": "kept@example.com",
            "firstName": "Kept",
            "lastName": "Here",
            "memberType": "Lite",
        },
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["memberId"])


def _unchanged(emulator: EmulatorServer, api: httpx.Client, member_id: str) -> None:
    """The member made before is still there, and no fault, setting or clock moved."""
    assert api.get(f"/v2/members/{member_id}").status_code == 200
    with emulator.control() as control:
        assert control.get("/faults").json()["error_rate"] == 0.0
        assert control.get("/settings").json()["tokenTtl"] == 3600
        assert control.get("/jobs").json()["mode"] != "manual"
        assert control.get("/stats").json() != {}
    assert api.get("/v2/whoami").status_code == 200  # no queued fault, the token still good


def _refused(answer: httpx.Response, words: str) -> None:
    assert answer.status_code == 403, answer.text
    body = answer.json()
    assert body["code"] == "forbidden" and words in body["message"] and body["requestId"]


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=WRITE_IDS)
def test_a_change_from_another_origin_is_refused_and_changes_nothing(
    emulator: EmulatorServer, api: httpx.Client, method: str, path: str, body: dict[str, Any]
) -> None:
    member_id = _new_member(api)
    with httpx.Client(base_url=emulator.base_url, timeout=30) as browser:
        for extra in ({}, {"Sec-Fetch-Site": "cross-site"}):
            answer = browser.request(method, path, headers={"Origin": ATTACKER, **extra}, **body)
            _refused(answer, "another site")
        # what a no-cors fetch sends: no body, no content type
        bare = browser.request(method, path, headers={"Origin": ATTACKER})
        _refused(bare, "another site")
    _unchanged(emulator, api, member_id)


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
@pytest.mark.parametrize(("method", "path", "body"), WRITES[:3], ids=WRITE_IDS[:3])
def test_a_change_a_browser_marks_as_from_another_site_is_refused(
    emulator: EmulatorServer,
    api: httpx.Client,
    method: str,
    path: str,
    body: dict[str, Any],
    site: str,
) -> None:
    """Without an Origin header, ``Sec-Fetch-Site`` alone is enough to refuse."""
    member_id = _new_member(api)
    with httpx.Client(base_url=emulator.base_url, timeout=30) as browser:
        answer = browser.request(method, path, headers={"Sec-Fetch-Site": site}, **body)
    _refused(answer, site)
    _unchanged(emulator, api, member_id)


@pytest.mark.parametrize(("method", "path", "body"), WRITES[:9], ids=WRITE_IDS[:9])
def test_a_change_that_is_not_json_is_refused(
    emulator: EmulatorServer, api: httpx.Client, method: str, path: str, body: dict[str, Any]
) -> None:
    """A form or text/plain body (what a page elsewhere can send without asking), and no
    body without a JSON content type, change nothing, Origin or not."""
    member_id = _new_member(api)
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            answer = client.request(method, path, content=b"{}", headers={"Content-Type": kind})
            _refused(answer, "only JSON")
        _refused(client.request(method, path), "only JSON")
    _unchanged(emulator, api, member_id)


def test_a_json_change_is_refused_from_another_origin_and_made_from_its_own(
    emulator: EmulatorServer, api: httpx.Client
) -> None:
    member_id = _new_member(api)
    with httpx.Client(base_url=emulator.base_url, timeout=30) as browser:
        theirs = browser.post("/__emulator/reset", json={}, headers={"Origin": ATTACKER})
        _refused(theirs, "another site")
        assert api.get(f"/v2/members/{member_id}").status_code == 200
        mine = {"Origin": emulator.base_url, "Sec-Fetch-Site": "same-origin"}
        answer = browser.put("/__emulator/faults", json={"latency_ms": 1}, headers=mine)
        assert answer.status_code == 200 and answer.json()["latency_ms"] == 1
        typed = browser.post("/__emulator/reset", json={}, headers={"Sec-Fetch-Site": "none"})
        assert typed.status_code == 200, typed.text
    assert api.get(f"/v2/members/{member_id}").status_code in (401, 404)  # the org was re-laid


def test_the_control_client_and_the_consoles_own_forms_still_work(
    emulator: EmulatorServer,
) -> None:
    """The rule refuses what is not JSON, yet the emulator's own clients get through: the
    control client (which says JSON even with no body) and the console's form posts."""
    with httpx.Client(base_url=emulator.base_url, timeout=30) as browser:
        _refused(browser.post("/__emulator/jobs/finish"), "only JSON")
        _refused(browser.post("/__emulator/faults/next", data={"faults": "drop"}), "only JSON")
        form = browser.post(
            "/__emulator/console/control/faults",
            data={"error_rate": "0.5"},
            headers={"Origin": emulator.base_url, "Sec-Fetch-Site": "same-origin"},
        )
        assert form.status_code == 303
        assert browser.get("/__emulator/faults").json()["error_rate"] == 0.5
    with emulator.control() as control:  # an empty POST: JSON by the client's own header
        assert control.post("/jobs/finish").status_code == 200
        assert control.delete("/stats").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/__emulator/console",
        "/__emulator/console/control",
        "/__emulator/console/people",
        "/__emulator/console/sign-in",
        "/__emulator/docs",
        "/__emulator/health",
    ],
)
def test_no_emulator_page_may_be_framed(emulator: EmulatorServer, path: str) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=30) as browser:
        answer = browser.get(path)
    assert answer.status_code == 200
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"] == "frame-ancestors 'none'"


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:{port}",
        "localhost.attacker.example:{port}",
        "127.0.0.1:1",
        "localhost:{other}",
        "",
        "bad host:{port}",
    ],
)
@pytest.mark.parametrize("path", ["/__emulator/health", "/__emulator/console", "/v2/whoami"])
def test_a_host_that_is_not_this_servers_is_refused(
    emulator: EmulatorServer, host: str, path: str
) -> None:
    """What a page on the attacker's name re-pointed at 127.0.0.1 (DNS rebinding) sends."""
    value = host.format(port=emulator.port, other=emulator.port + 1)
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        answer = client.get(path, headers={"Host": value})
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["code"] == "bad_request" and "Host" in body["message"] and body["requestId"]


@pytest.mark.parametrize(
    ("own", "foreign"),
    [
        ("127.0.0.1:{port}", "127.0.0.1:{other}"),
        ("localhost:{port}", "localhost.attacker.example:{port}"),
        ("LocalHost:{port}", "attacker.example:{port}"),
    ],
)
def test_this_servers_own_names_are_answered_and_no_other(
    emulator: EmulatorServer, own: str, foreign: str
) -> None:
    ports = {"port": emulator.port, "other": emulator.port + 1}
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        answer = client.get("/__emulator/health", headers={"Host": own.format(**ports)})
        assert answer.status_code == 200
        answer = client.get("/__emulator/health", headers={"Host": foreign.format(**ports)})
        assert answer.status_code == 400


def test_a_wildcard_bind_answers_its_addresses_and_only_configured_names() -> None:
    """Bound to 0.0.0.0, the server answers the address a client reached it by and
    loopback names; the machine's DNS names only when configured."""
    reached = ("192.0.2.10", 8000)
    assert host_refusal("192.0.2.10:8000", reached) is None
    assert host_refusal("0.0.0.0:8000", reached) is None
    assert host_refusal("[::1]:8000", reached) is None
    assert host_refusal("buildbox.local:8000", reached) is not None
    assert host_refusal("buildbox.local:8000", reached, ["buildbox.local"]) is None
    assert host_refusal("192.0.2.11:8000", reached) is not None


def test_the_rule_in_one_function() -> None:
    json_body = [(b"content-type", b"application/json"), (b"host", b"127.0.0.1:9")]
    assert cross_site_refusal("GET", "/__emulator/reset", []) is None
    assert cross_site_refusal("POST", "/v2/members", []) is None  # the API is Sigma's
    assert cross_site_refusal("POST", "/__emulator/reset", json_body) is None
    own = [*json_body, (b"origin", b"http://127.0.0.1:9")]
    assert cross_site_refusal("POST", "/__emulator/reset", own) is None
    for origin in (b"null", b"http://127.0.0.1:10", b"http://attacker.example", b"file://"):
        assert cross_site_refusal("POST", "/__emulator/reset", [*json_body, (b"origin", origin)])
    form = [(b"content-type", b"application/x-www-form-urlencoded")]
    assert cross_site_refusal("POST", "/__emulator/console/control/reset", form) is None
    assert cross_site_refusal("POST", "/__emulator/reset", form) is not None


@pytest.mark.slow
def test_sigmakit_emulator_serve_answers_a_configured_name_and_reads_no_forwarded_address(
    tmp_path: Path,
) -> None:
    """The real command, in its own process on a loopback port: ``--allowed-host`` (given
    twice) opens the server to those names only, and ``X-Forwarded-For`` changes nothing."""
    served = Served(
        tmp_path, "--members", "5", "--allowed-host", "emulator.test", "--allowed-host", "b.test"
    )
    try:
        with httpx.Client(base_url=served.base, timeout=10) as client:
            for name, status in (("emulator.test", 200), ("b.test", 200), ("c.test", 400)):
                host = {"Host": f"{name}:{served.port}"}
                assert client.get("/__emulator/health", headers=host).status_code == status
            spoofed = {"X-Forwarded-For": "203.0.113.7", "Forwarded": "for=203.0.113.7"}
            assert client.get("/__emulator/health", headers=spoofed).status_code == 200
            text = client.post("/__emulator/reset", content=b"{}")
            assert text.status_code == 403
    finally:
        served.stop()


@pytest.mark.parametrize("name", ["bad host", "a/b", "name:port", "user@name"])
def test_a_malformed_allowed_host_is_a_usage_error(name: str) -> None:
    code, out, err = run("emulator", "serve", "--port", "0", "--allowed-host", name)
    assert code == 2 and out == ""
    assert "is not a host name" in err and err.count("\n") == 1 and "Traceback" not in err
