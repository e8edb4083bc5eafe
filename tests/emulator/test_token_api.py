"""``POST /v2/auth/token`` as Sigma's: form body or HTTP Basic, rotating refresh tokens,
a configurable lifetime, and Sigma's error body for everything refused."""

from __future__ import annotations

import httpx
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, advance_clock, emulator_settings
from tests.support.sigma_http import assert_sigma_error

from sigmakit.emulator import EmulatorServer

FORM = {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}


def token(emulator: EmulatorServer, **kwargs: object) -> httpx.Response:
    return httpx.post(f"{emulator.base_url}/v2/auth/token", **kwargs)  # type: ignore[arg-type]


def test_client_credentials_in_the_form(emulator: EmulatorServer) -> None:
    response = token(emulator, data=FORM)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["access_token"] and body["refresh_token"]


def test_client_credentials_as_http_basic(emulator: EmulatorServer) -> None:
    response = token(
        emulator, data={"grant_type": "client_credentials"}, auth=(CLIENT_ID, CLIENT_SECRET)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["access_token"] and body["refresh_token"]
    # the token is a real one: the API takes it
    me = httpx.get(
        f"{emulator.base_url}/v2/whoami",
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    assert me.status_code == 200
    # and Basic credentials are checked as strictly as the form's
    wrong = token(
        emulator, data={"grant_type": "client_credentials"}, auth=(CLIENT_ID, "not-the-secret")
    )
    assert assert_sigma_error(wrong, 401)["code"] == "unauthorized"


def test_wrong_secret_is_refused_with_sigmas_body(emulator: EmulatorServer) -> None:
    refused = token(emulator, data={**FORM, "client_secret": "nope"})
    body = assert_sigma_error(refused, 401)
    assert body["requestId"] == refused.headers["x-request-id"]
    assert body["code"] == "unauthorized"
    assert "nope" not in body["message"]


def test_missing_or_unknown_grant_is_a_400(emulator: EmulatorServer) -> None:
    assert_sigma_error(token(emulator, data={"client_id": CLIENT_ID}), 400)
    assert_sigma_error(token(emulator, data={**FORM, "grant_type": "password"}), 400)


def test_refresh_tokens_rotate(emulator: EmulatorServer) -> None:
    first = token(emulator, data=FORM).json()
    refresh = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    second = token(emulator, data=refresh)
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    # the old refresh token is spent
    assert_sigma_error(token(emulator, data=refresh), 401)


def test_every_api_route_needs_a_valid_unexpired_token(emulator: EmulatorServer) -> None:
    url = f"{emulator.base_url}/v2/members"
    body = assert_sigma_error(httpx.get(url), 401)
    assert body["message"] == "Token missing or malformed"
    assert_sigma_error(httpx.get(url, headers={"Authorization": "Bearer made-up"}), 401)
    emulator_settings(emulator, tokenTtl=60)
    access = token(emulator, data=FORM).json()["access_token"]
    headers = {"Authorization": f"Bearer {access}"}
    assert httpx.get(url, headers=headers).status_code == 200
    advance_clock(emulator, 61)
    assert_sigma_error(httpx.get(url, headers=headers), 401)


def test_control_plane_token_lifetime(emulator: EmulatorServer) -> None:
    with emulator.control() as control:
        assert control.put("/settings", json={"tokenTtl": 5}).json()["tokenTtl"] == 5
        assert control.put("/settings", json={"tokenTtl": 0}).status_code == 400
    assert token(emulator, data=FORM).json()["expires_in"] == 5
