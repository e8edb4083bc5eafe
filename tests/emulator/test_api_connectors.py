"""``/v2/api-connectors``: connectors for workbooks' Call API actions, bound to an API
credential whose allowlist their URL must match."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, new_member

from sigmakit.emulator import EmulatorServer

BASE = "/v2/api-connectors"


def _params(url: str = "https://api.weather.example/v1/forecast", **more: Any) -> dict[str, Any]:
    return {
        "method": "GET",
        "url": url,
        "headers": [{"key": "Accept", "mode": "static", "value": "application/json"}],
        "pathParams": [],
        "queryParams": [{"key": "city", "mode": "dynamic", "type": "string"}],
        "body": "",
        **more,
    }


def _credential(api: httpx.Client, *hosts: str) -> str:
    made = api.post(
        "/v2/api-credentials",
        json={
            "name": "Weather",
            "allowlist": list(hosts),
            "credential": {"authMethod": "bearer", "bearer": {"token": "t0ken"}},
        },
    )
    assert made.status_code == 200, made.text
    return str(made.json()["apiCredentialId"])


def _all(api: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = api.get(
            BASE, params={**params, "pageSize": 2, **({"pageToken": token} if token else {})}
        ).json()
        entries += page["entries"]
        token = page.get("nextPageToken")
        if not token:
            return entries


def test_a_connector_is_created_read_listed_changed_and_archived(api: httpx.Client) -> None:
    credential = _credential(api, "api.weather.example")
    made = api.post(
        BASE,
        json={
            "name": "Forecast",
            "description": "Five days ahead",
            "params": _params(),
            "config": {
                "timeout": {"requestSec": 10},
                "retry": {"maxRetries": 2, "retryableStatusCodes": [503]},
            },
            "authId": credential,
        },
    )
    assert made.status_code == 200, made.text
    connector = made.json()
    assert connector["name"] == "Forecast" and connector["authId"] == credential
    assert connector["params"] == {**_params(), "bodyParams": []}
    assert connector["config"]["retry"] == {"maxRetries": 2, "retryableStatusCodes": [503]}
    # the parts not given, at their defaults
    assert set(connector["config"]) == {"timeout", "retry", "redirects", "rateLimit"}
    assert connector["config"]["timeout"] == {"requestSec": 10}
    me = api.get("/v2/whoami").json()["userId"]
    assert connector["createdBy"] == connector["updatedBy"] == me
    assert api.get(f"{BASE}/{connector['apiConnectorId']}").json() == connector

    for name in ("Alerts", "Radar"):
        assert (
            api.post(
                BASE, json={"name": name, "params": _params("https://other.example/x")}
            ).status_code
            == 200
        )
    assert [c["name"] for c in _all(api)] == ["Forecast", "Alerts", "Radar"]
    assert [c["name"] for c in _all(api, orderBy="name")] == ["Alerts", "Forecast", "Radar"]
    assert [c["name"] for c in _all(api, name="rad")] == ["Radar"]
    assert set(_all(api)[0]) == {"apiConnectorId", "name", "description"}

    changed = api.patch(
        f"{BASE}/{connector['apiConnectorId']}",
        json={"name": "Forecast v2", "description": None, "authId": None},
    ).json()
    assert (
        changed["name"] == "Forecast v2"
        and changed["description"] == ""
        and changed["authId"] is None
    )
    assert changed["params"] == {**_params(), "bodyParams": []}  # omitted: unchanged
    assert changed["updatedAt"] >= connector["updatedAt"]

    assert api.delete(f"{BASE}/{connector['apiConnectorId']}").status_code == 200
    assert_sigma_error(api.get(f"{BASE}/{connector['apiConnectorId']}"), 404)
    assert [c["name"] for c in _all(api)] == ["Alerts", "Radar"]


def test_the_url_must_be_on_the_credentials_allowlist(api: httpx.Client) -> None:
    credential = _credential(api, "*.weather.example")
    ok = api.post(
        BASE,
        json={"name": "A", "params": _params("https://eu.weather.example/"), "authId": credential},
    )
    assert ok.status_code == 200
    refused = assert_sigma_error(
        api.post(
            BASE,
            json={"name": "B", "params": _params("https://evil.example/"), "authId": credential},
        ),
        400,
    )
    assert "allowlist" in refused["message"]
    # a new URL off the list is refused for a connector that keeps its credential
    connector = ok.json()["apiConnectorId"]
    assert_sigma_error(
        api.patch(f"{BASE}/{connector}", json={"params": _params("https://evil.example/")}), 400
    )
    assert api.get(f"{BASE}/{connector}").json()["params"]["url"] == "https://eu.weather.example/"
    assert_sigma_error(
        api.post(BASE, json={"name": "C", "params": _params(), "authId": "nope"}), 400
    )


@pytest.mark.parametrize(
    "body",
    [
        {"params": _params()},
        {"name": "X"},
        {"name": "X", "params": {**_params(), "method": "FETCH"}},
        {"name": "X", "params": {**_params(), "url": "ftp://files.example/"}},
        {"name": "X", "params": {k: v for k, v in _params().items() if k != "body"}},
        {"name": "X", "params": {**_params(), "headers": "Accept: */*"}},
        {"name": "X", "params": _params(), "config": {"timeout": {}}},
    ],
)
def test_a_bad_connector_is_refused_and_nothing_is_made(
    api: httpx.Client, body: dict[str, Any]
) -> None:
    assert_sigma_error(api.post(BASE, json=body), 400)
    assert _all(api) == []


def test_only_a_manager_of_api_connectors_changes_them(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    connector = api.post(BASE, json={"name": "Forecast", "params": _params()}).json()[
        "apiConnectorId"
    ]
    pro = new_member(api, "Pat", "Pro")
    with signed_in_as(api, emulator, pro) as pat:
        assert pat.get(f"{BASE}/{connector}").status_code == 200
        assert [c["apiConnectorId"] for c in pat.get(BASE).json()["entries"]] == [connector]
        assert_sigma_error(pat.post(BASE, json={"name": "Mine", "params": _params()}), 403)
        assert_sigma_error(pat.patch(f"{BASE}/{connector}", json={"name": "Theirs"}), 403)
        assert_sigma_error(pat.delete(f"{BASE}/{connector}"), 403)
    assert api.get(f"{BASE}/{connector}").json()["name"] == "Forecast"


def test_the_body_templates_placeholders_are_its_dynamic_parameters(api: httpx.Client) -> None:
    body = '{"city": "{{city}}", "days": {{ days }}, "again": "{{city}}"}'
    made = api.post(BASE, json={"name": "Post", "params": _params(method="POST", body=body)})
    got = made.json()["params"]["bodyParams"]
    assert [(p["key"], p["mode"]) for p in got] == [("city", "dynamic"), ("days", "dynamic")]
