"""The control plane's closure where it reads or changes the emulator's own configuration."""

from __future__ import annotations

import httpx
import pytest

from sigmakit.emulator import EmulatorServer


def test_a_configured_name_is_answered(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = {"Host": f"emulator.test:{emulator.port}"}
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        assert client.get("/__emulator/health", headers=named).status_code == 400
        monkeypatch.setattr(emulator.state.config, "allowed_hosts", ["emulator.test"])
        assert client.get("/__emulator/health", headers=named).status_code == 200
        monkeypatch.setattr(emulator.state.config, "allowed_hosts", ["emulator.test:1"])
        assert client.get("/__emulator/health", headers=named).status_code == 400


def test_a_forwarded_address_does_not_change_who_the_client_is(emulator: EmulatorServer) -> None:
    """The server never reads X-Forwarded-For or Forwarded: a loopback client naming another
    address stays on loopback (uvicorn's default trusts these headers from 127.0.0.1 and
    would have made it 203.0.113.7, refused), so no client can name 127.0.0.1 to get in."""
    spoofed = [
        {"X-Forwarded-For": "203.0.113.7"},
        {"Forwarded": "for=203.0.113.7;proto=https"},
        {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
    ]
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        for headers in spoofed:
            answer = client.get("/__emulator/health", headers=headers)
            assert answer.status_code == 200, answer.text
    assert emulator.state.config.control_token == ""  # so any non-loopback client is refused
