"""Getting a token and being refused one, as Sigma's documentation describes
(SIGMA-API-NOTES.md, "Authentication" and "Errors")."""

from __future__ import annotations

from tests.parity.snapshots import Snapshot
from tests.parity.target import Target
from tests.support.sigma_http import assert_sigma_error


def test_token_in_the_form(target: Target, snapshot: Snapshot) -> None:
    response = target.request_token(data=target.form())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert 0 < body["expires_in"] <= 3600
    assert body["access_token"] and body["refresh_token"]
    snapshot.match("token", response)


def test_token_with_http_basic_credentials(target: Target, snapshot: Snapshot) -> None:
    response = target.request_token(
        data={"grant_type": "client_credentials"},
        auth=(target.client_id, target.client_secret),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["access_token"] and body["refresh_token"]
    # the token works: Basic credentials are as good as the form
    me = target.http(authorized=False).get(
        "/v2/whoami", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200, me.text
    snapshot.match("token", response)


def test_refresh_token_gives_a_new_pair(target: Target, snapshot: Snapshot) -> None:
    first = target.request_token(data=target.form()).json()
    response = target.request_token(
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "client_id": target.client_id,
            "client_secret": target.client_secret,
        }
    )
    assert response.status_code == 200, response.text
    assert response.json()["access_token"] != first["access_token"]
    snapshot.known_difference(
        "the emulator rotates the refresh token (a new one each time); Sigma's rotation is "
        "inferred from clients that store the new one, not documented"
    )
    snapshot.match("refreshed", response)


def test_missing_or_malformed_token_is_a_401_with_sigmas_body(
    target: Target, snapshot: Snapshot
) -> None:
    anonymous = target.http(authorized=False)
    missing = anonymous.get("/v2/members")
    body = assert_sigma_error(missing, 401)
    assert body["code"] == "unauthorized"
    assert body["message"] == "Token missing or malformed"
    snapshot.match("no token", missing, keep=("message",))
    malformed = anonymous.get("/v2/members", headers={"Authorization": "Bearer not-a-token"})
    assert assert_sigma_error(malformed, 401)["code"] == "unauthorized"
    snapshot.known_difference(
        "a token the server never issued: the emulator says 'Token expired or invalid'; "
        "the notes quote only 'Token missing or malformed', so that message is not pinned"
    )
    snapshot.match("malformed token", malformed)


def test_wrong_secret_is_refused_without_echoing_it(target: Target, snapshot: Snapshot) -> None:
    wrong = "sigmakit-parity-wrong-secret"
    response = target.request_token(data={**target.form(), "client_secret": wrong})
    body = assert_sigma_error(response, 401)
    assert wrong not in response.text
    assert body["code"] == "unauthorized"
    snapshot.known_difference("the message for bad client credentials is not documented")
    snapshot.match("refused", response)
