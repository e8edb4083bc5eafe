"""Shared fixtures: one emulator server per test session on a free loopback port,
re-seeded before each test that asks for it, and SDK clients pointed at it.

No test reads the user's own settings: HOME, XDG folders and SIGMA_* variables are
replaced for every test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.helpers import CLIENT_ID, CLIENT_SECRET, client_settings, close_api_clients, login

from sigmakit import RetryPolicy, Sigma
from sigmakit.emulator import EmulatorConfig, EmulatorServer, FaultConfig, SeedSizes

SEED = 7


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean environment: no SIGMA_* settings, a private HOME and cache, cwd in tmp."""
    for key in list(os.environ):
        if key.startswith(("SIGMA_", "SIGMAKIT_")):
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[EmulatorServer]:
    config = EmulatorConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, seed=SEED)
    with EmulatorServer(config) as server:
        yield server
    close_api_clients()


@pytest.fixture
def emulator(emulator_server: EmulatorServer) -> EmulatorServer:
    """The session's emulator with a freshly seeded demo organization and no faults."""
    state = emulator_server.state
    state.config.seed = SEED
    state.config.sizes = SeedSizes()
    state.config.export_ttl = EmulatorConfig.export_ttl
    state.config.token_ttl = EmulatorConfig.token_ttl
    state.config.legacy_lists = False
    state.config.account_types = EmulatorConfig.account_types
    state.faults.configure(FaultConfig())
    state.reseed()
    return emulator_server


class Sleeps(list[float]):
    """Stands in for time.sleep: records how long the SDK wanted to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def sigma(emulator: EmulatorServer, sleeps: Sleeps) -> Iterator[Sigma]:
    """An SDK client for the emulator; its retries record their waits instead of sleeping."""
    settings = client_settings(emulator)
    client = Sigma(settings=settings, sleep=sleeps, retry=RetryPolicy(max_retries=4))
    yield client
    client.close()


@pytest.fixture
def cli_env(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment that points the ``sigmakit`` command at the emulator."""
    env = {
        "SIGMA_BASE_URL": emulator.base_url,
        "SIGMA_CLIENT_ID": CLIENT_ID,
        "SIGMA_CLIENT_SECRET": CLIENT_SECRET,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def api(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    """A plain HTTP client with a bearer token, for testing the emulator the way any client
    written from Sigma's documentation would call it."""
    with httpx.Client(base_url=emulator.base_url, timeout=30) as client:
        login(client)
        yield client
