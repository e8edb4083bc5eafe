"""Small helpers the tests share (not fixtures)."""

from __future__ import annotations

from typing import Any

import httpx
from click.testing import CliRunner

from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer

#: the credentials the session's emulator accepts
CLIENT_ID = "test-client-id"
CLIENT_SECRET = "test-client-secret-9f8e7d"


def login(client: httpx.Client) -> str:
    """Get a token for ``client`` as Sigma's docs show (form body), and send it from now on."""
    token = str(
        client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
            },
        ).json()["access_token"]
    )
    client.headers["Authorization"] = f"Bearer {token}"
    return token


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """``sigmakit ARGS...`` in-process: exit code, stdout, stderr (``input`` on stdin)."""
    result = CliRunner().invoke(cli, list(args), input=input, prog_name="sigmakit")
    return result.exit_code, result.stdout, result.stderr


def route_count(emulator: EmulatorServer, route: str) -> int:
    """How many requests the emulator received for ``"METHOD /template"``."""
    return emulator.state.stats.count(route)


def request_total(emulator: EmulatorServer) -> int:
    """How many API requests (token requests included) the emulator received in all."""
    return int(emulator.state.stats.snapshot()["total"])


def queue_faults(emulator: EmulatorServer, *faults: str) -> None:
    with emulator.control() as control:
        response = control.post("/faults/next", json={"faults": list(faults)})
        response.raise_for_status()


def set_faults(emulator: EmulatorServer, **knobs: Any) -> None:
    with emulator.control() as control:
        response = control.put("/faults", json=knobs)
        response.raise_for_status()


def advance_clock(emulator: EmulatorServer, seconds: float) -> None:
    with emulator.control() as control:
        control.post("/clock", json={"advance": seconds}).raise_for_status()


def reseed(emulator: EmulatorServer, **sizes: int) -> None:
    with emulator.control() as control:
        control.post("/reset", json=sizes).raise_for_status()


def active_member_count(emulator: EmulatorServer) -> int:
    """Members a default listing shows (not archived, not inactive), read from the store."""
    return int(
        emulator.state.store.db.scalar(
            "SELECT count(*) FROM members WHERE is_archived = 0 AND is_inactive = 0"
        )
    )
