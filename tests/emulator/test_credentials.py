"""API client credentials and API credentials through HTTP: a secret is answered once."""

from __future__ import annotations

import httpx
import pytest
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import admin_id, assert_sigma_error, new_member

from sigmakit.emulator import EmulatorServer


def token_for(emulator: EmulatorServer, client_id: str, secret: str) -> httpx.Response:
    with httpx.Client(base_url=emulator.base_url) as client:
        return client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": secret,
            },
        )


def test_client_credentials_sign_in_as_their_owner_until_deleted(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    ann = new_member(api, "Ann", "Pro")
    made = api.post("/v2/credentials", json={"ownerId": ann, "name": "Ann's scripts"})
    assert made.status_code == 200, made.text
    pair = made.json()
    assert set(pair) == {"clientId", "clientSecret"}
    signed = token_for(emulator, pair["clientId"], pair["clientSecret"])
    assert signed.status_code == 200
    bearer = {"Authorization": f"Bearer {signed.json()['access_token']}"}
    me = httpx.get(f"{emulator.base_url}/v2/whoami", headers=bearer)
    assert me.json()["userId"] == ann
    assert token_for(emulator, pair["clientId"], "not-the-secret").status_code == 401

    assert api.delete(f"/v2/credentials/{pair['clientId']}").json() == {}
    assert token_for(emulator, pair["clientId"], pair["clientSecret"]).status_code == 401
    # the token the pair got stops working with it
    assert httpx.get(f"{emulator.base_url}/v2/whoami", headers=bearer).status_code == 401
    assert_sigma_error(api.delete(f"/v2/credentials/{pair['clientId']}"), 404)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x"},
        {"ownerId": "no-such-member", "name": "x"},
        {"ownerId": "ADMIN", "name": ""},
        {"ownerId": "ADMIN", "name": "x", "scopes": ["everything"]},
    ],
)
def test_bad_client_credentials_are_refused(api: httpx.Client, body: dict[str, object]) -> None:
    if body.get("ownerId") == "ADMIN":
        body = {**body, "ownerId": admin_id(api)}
    response = api.post("/v2/credentials", json=body)
    assert response.status_code in (400, 404)
    assert "clientSecret" not in response.text


def test_only_an_admin_makes_credentials(api: httpx.Client, emulator: EmulatorServer) -> None:
    pro = new_member(api, "Pat", "Pro")
    with signed_in_as(api, emulator, pro) as pat:
        assert_sigma_error(pat.post("/v2/credentials", json={"ownerId": pro, "name": "x"}), 403)
        assert_sigma_error(pat.get("/v2/api-credentials"), 403)


def test_an_api_credential_never_shows_its_secret(api: httpx.Client) -> None:
    body = {
        "name": "Weather service",
        "allowlist": ["api.weather.example", "*.weather.example"],
        "credential": {
            "authMethod": "oAuthClientCredentials",
            "oAuthClientCredentials": {
                "clientId": "weather-client",
                "clientSecret": "s3cret-value",
                "accessTokenUrl": "https://auth.weather.example/token",
                "scopes": ["read"],
                "accessTokenAuthMethod": "requestBody",
            },
        },
    }
    made = api.post("/v2/api-credentials", json=body)
    assert made.status_code == 200, made.text
    created = made.json()
    assert "s3cret-value" not in made.text
    assert created["credential"]["oAuthClientCredentials"]["clientId"] == "weather-client"
    credential_id = created["apiCredentialId"]
    assert api.get(f"/v2/api-credentials/{credential_id}").json() == created
    listed = api.get("/v2/api-credentials", params={"name": "WEATHER"}).json()["entries"]
    assert listed == [
        {k: created[k] for k in ("apiCredentialId", "name", "authMethod", "allowlist")}
    ]

    changed = api.patch(
        f"/v2/api-credentials/{credential_id}",
        json={
            "credential": {
                "authMethod": "basic",
                "basic": {"username": "svc", "password": "pw-hidden"},
            }
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["credential"] == {"authMethod": "basic", "basic": {"username": "svc"}}
    assert changed.json()["name"] == "Weather service"
    assert "pw-hidden" not in changed.text

    assert api.delete(f"/v2/api-credentials/{credential_id}").json() == {}
    assert_sigma_error(api.get(f"/v2/api-credentials/{credential_id}"), 404)
    assert api.get("/v2/api-credentials").json()["entries"] == []


@pytest.mark.parametrize(
    "body",
    [
        {
            "name": "x",
            "allowlist": [],
            "credential": {"authMethod": "bearer", "bearer": {"token": "t"}},
        },
        {"name": "x", "allowlist": ["*"], "credential": {"authMethod": "kerberos"}},
        {
            "name": "x",
            "allowlist": ["*"],
            "credential": {"authMethod": "apiKey", "apiKey": {"key": "k", "value": "v"}},
        },
        {"allowlist": ["*"], "credential": {"authMethod": "bearer", "bearer": {"token": "t"}}},
    ],
)
def test_a_bad_api_credential_is_refused_and_nothing_is_made(
    api: httpx.Client, body: dict[str, object]
) -> None:
    assert_sigma_error(api.post("/v2/api-credentials", json=body), 400)
    assert api.get("/v2/api-credentials").json()["entries"] == []
