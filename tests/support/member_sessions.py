"""Acting as another member: client credentials made for them through the API
(``POST /v2/credentials``), signed in with as Sigma's docs show."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from tests.support.helpers import all_entries, member_credentials

from sigmakit.emulator import EmulatorServer


@contextmanager
def signed_in_as(
    api: httpx.Client, emulator: EmulatorServer, member_id: str
) -> Iterator[httpx.Client]:
    made = api.post("/v2/credentials", json={"ownerId": member_id, "name": "tests"})
    assert made.status_code == 200, made.text
    pair = made.json()
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        token = client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": pair["clientId"],
                "client_secret": pair["clientSecret"],
            },
        )
        assert token.status_code == 200, token.text
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        yield client


@contextmanager
def as_member(emulator: EmulatorServer, member_type: str) -> Iterator[httpx.Client]:
    """A client with credentials owned by the first active member of that account type."""
    member = next(
        m["memberId"]
        for m in all_entries(emulator, "/v2/members")
        if m["memberType"] == member_type
    )
    client_id, client_secret = member_credentials(emulator, member)
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        token = client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": client_secret,
            },
        ).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        yield client
