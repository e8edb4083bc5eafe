"""Hostile input is the client's mistake, never the emulator's: a lone UTF-16 surrogate in
any JSON body, a page token holding an infinite, fractional or huge offset, and JSON of the
wrong type in the bodies the emulator reads by hand are each a 4xx in Sigma's error body
(``{"message", "code", "requestId"}``), never a 5xx.

The routes come from the emulator's own route list; every request goes over HTTP to the
session's emulator. Nothing here re-seeds it: the requests are refused before they change
anything, so one token serves the module."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from tests.support.helpers import login, reseed

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.registry import RESOURCES
from sigmakit.emulator.routes import include_routes


def _spec() -> dict[str, Any]:
    app = FastAPI()
    include_routes(app, RESOURCES)
    return app.openapi()


_PATHS: dict[str, Any] = _spec()["paths"]
#: every API route that takes a JSON body
BODY_ROUTES = sorted(
    (method.upper(), path)
    for path, methods in _PATHS.items()
    for method, op in methods.items()
    if "requestBody" in op and not path.startswith("/__emulator")
)
#: every list paged with pageToken
TOKEN_LISTS = sorted(
    path
    for path, methods in _PATHS.items()
    for method, op in methods.items()
    if method == "get" and any(p["name"] == "pageToken" for p in op.get("parameters", []))
)


@pytest.fixture(scope="module")
def client(emulator_once: EmulatorServer) -> Iterator[httpx.Client]:
    reseed(emulator_once)
    with httpx.Client(base_url=emulator_once.base_url, timeout=30) as http:
        login(http)
        yield http


@pytest.fixture(scope="module")
def ids(client: httpx.Client) -> dict[str, str]:
    """A real id for each path parameter a token-paged list takes."""

    def first(url: str, key: str) -> str:
        answer = client.get(url, params={"limit": 1}).json()
        entries = answer["entries"] if isinstance(answer, dict) else answer
        return str(entries[0][key])

    report = first("/v2/reports", "reportId")
    return {
        "tableId": first("/v2/connections/paths", "urlId"),
        "dataModelId": first("/v2/dataModels", "dataModelId"),
        "tenantOrganizationId": first("/v2/tenants", "tenantOrganizationId"),
        "samlServiceProviderId": first("/v2/saml/service-providers", "samlServiceProviderId"),
        "deploymentPolicyId": first("/v2/deploymentPolicies", "deploymentPolicyId"),
        "reportId": report,
        "pageId": first(f"/v2/reports/{report}/pages", "pageId"),
        "elementId": first(f"/v2/reports/{report}/elements", "elementId"),
    }


def _fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"{(\w+)}", lambda m: ids.get(m[1], "x"), path)


def _client_error(answer: httpx.Response, status: int = 400) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert set(body) == {"message", "code", "requestId"}
    return body


#: lone halves of a surrogate pair, as a JSON text carries them
SURROGATE_BODIES = [
    b'{"name": "\\ud800"}',
    b'{"\\udfff": "key"}',
    b'{"details": {"type": "postgres", "host": ["a\\udbff"]}}',
    b'"\\uDC00"',
    b'{"name": "a\xed\xa0\x80"}',  # the half's own bytes, which json.loads lets through
    '{"name": "\ud800"}'.encode("utf-16-le", "surrogatepass"),
]


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES, ids=[" ".join(r) for r in BODY_ROUTES])
def test_a_lone_surrogate_in_a_json_body_is_a_400(
    client: httpx.Client, method: str, path: str
) -> None:
    for content in SURROGATE_BODIES:
        answer = client.request(
            method, _fill(path, {}), content=content, headers={"content-type": "application/json"}
        )
        assert "surrogate" in _client_error(answer)["message"]


def test_a_surrogate_pair_is_still_text_and_a_lone_half_without_a_token_is_a_401(
    client: httpx.Client, emulator_once: EmulatorServer
) -> None:
    json_type = {"content-type": "application/json"}
    paired = client.post("/v2/teams", content=b'{"name": "Team \\ud83d\\ude00"}', headers=json_type)
    assert paired.status_code == 200 and paired.json()["name"] == "Team \U0001f600"
    lone = client.post("/v2/teams", content=b'{"name": "Team \\ud83d"}', headers=json_type)
    assert "surrogate" in _client_error(lone)["message"]
    with httpx.Client(base_url=emulator_once.base_url, timeout=30) as stranger:
        answer = stranger.post("/v2/teams", content=b'{"name": "\\ud800"}', headers=json_type)
        _client_error(answer, 401)


def test_a_lone_surrogate_at_the_token_endpoint_is_a_4xx(emulator_once: EmulatorServer) -> None:
    """A JSON body with half a pair is a 400; a form body cannot carry one (its bytes are
    not UTF-8, so they read as U+FFFD) and is refused as unknown credentials."""
    json_bodies = [
        b'{"grant_type": "client_credentials", "client_id": "\\ud800", "client_secret": "s"}',
        b'{"grant_type": "refresh_token", "refresh_token": "\\udfff"}',
    ]
    forms = [
        b"grant_type=client_credentials&client_id=%ED%A0%80&client_secret=s",
        b"grant_type=refresh_token&refresh_token=%ED%BF%BF",
    ]
    with httpx.Client(base_url=emulator_once.base_url, timeout=30) as http:
        for content in json_bodies:
            answer = http.post(
                "/v2/auth/token", content=content, headers={"content-type": "application/json"}
            )
            assert "surrogate" in _client_error(answer)["message"]
        for content in forms:
            kind = {"content-type": "application/x-www-form-urlencoded"}
            _client_error(http.post("/v2/auth/token", content=content, headers=kind), 401)


def _token(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


#: offsets no answer of the emulator ever put in a token
BAD_OFFSETS = ["1e999", "-1e999", "Infinity", "NaN", "9" * 400, "1e300", str(2**64), "2.5", "true"]


@pytest.mark.parametrize("path", TOKEN_LISTS)
def test_a_page_token_with_an_impossible_offset_is_a_400(
    client: httpx.Client, ids: dict[str, str], path: str
) -> None:
    # 7, 10 lists of a report's, API connectors, SAML's providers and certificates, and 4
    # of deployment policies
    assert len(TOKEN_LISTS) == 24
    url = _fill(path, ids)
    assert client.get(url).status_code == 200  # the route itself answers
    for offset in BAD_OFFSETS:
        answer = client.get(url, params={"pageToken": _token(f'{{"offset": {offset}}}')})
        assert _client_error(answer)["message"] == "Invalid page token", offset
    huge_but_whole = client.get(url, params={"pageToken": _token('{"offset": 1000000}')})
    assert huge_but_whole.status_code == 200 and huge_but_whole.json()["entries"] == []


_POSTGRES = {"type": "postgres", "host": "db.example.com", "database": "analytics"}
_HUGE = 10**400  # a JSON integer no float holds
WRONG_TYPES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/v2/connections", {"name": "c", "details": {"type": ["postgres"]}}),
    ("POST", "/v2/connections", {"name": "c", "details": {"type": {"postgres": 1}}}),
    ("POST", "/v2/connections", {"name": "c", "details": _POSTGRES, "timeoutSecs": _HUGE}),
    ("POST", "/v2/connections", {"name": "c", "details": _POSTGRES, "timeoutSecs": -_HUGE}),
    (
        "POST",
        "/v2/connections",
        {
            "name": "c",
            "details": {"type": "mysql", "host": "h", "user": "u", "password": "p", "port": _HUGE},
        },
    ),
    ("PUT", "/v2/connections/{connectionId}", {"name": "c", "details": {"type": ["postgres"]}}),
    (
        "PUT",
        "/v2/connections/{connectionId}",
        {"name": "c", "details": _POSTGRES, "timeoutSecs": _HUGE},
    ),
    (
        "POST",
        "/v2/api-credentials",
        {"name": "n", "allowlist": ["a.example"], "credential": {"authMethod": ["basic"]}},
    ),
    (
        "POST",
        "/v2/api-credentials",
        {"name": "n", "allowlist": ["a.example"], "credential": {"authMethod": {"basic": 1}}},
    ),
    (
        "PATCH",
        "/v2/api-credentials/{apiCredentialId}",
        {"credential": {"authMethod": ["bearer"]}},
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    WRONG_TYPES,
    ids=[f"{m} {p} {json.dumps(b)[-40:]}" for m, p, b in WRONG_TYPES],
)
def test_json_of_the_wrong_type_in_a_hand_read_body_is_a_400(
    client: httpx.Client, method: str, path: str, body: dict[str, Any]
) -> None:
    connection = client.get("/v2/connections", params={"limit": 1}).json()["entries"][0]
    made = client.post(
        "/v2/api-credentials",
        json={
            "name": "target",
            "allowlist": ["a.example"],
            "credential": {"authMethod": "bearer", "bearer": {"token": "t"}},
        },
    )
    assert made.status_code == 200, made.text
    ids = {
        "connectionId": connection["connectionId"],
        "apiCredentialId": made.json()["apiCredentialId"],
    }
    answer = client.request(method, _fill(path, ids), json=body)
    _client_error(answer)
    if method != "POST":  # what was there is unchanged
        kept = client.get(_fill(path, ids)).json()
        assert kept.get("name") in (connection.get("name"), "target")
