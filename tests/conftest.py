"""Shared fixtures: the server the tests talk to, re-seeded before each test that asks for
it, and SDK clients, HTTP clients and CLI settings pointed at it.

By default the server is one emulator per test session, in this process, on a free loopback
port. With ``SIGMAKIT_TEST_URL``, ``SIGMAKIT_TEST_CLIENT_ID`` and
``SIGMAKIT_TEST_CLIENT_SECRET`` set (``make blackbox`` sets them), it is that server, reached
over HTTP only (``tests/support/target.py``): tests that look inside the emulator
(``emulator_server``) are skipped, and against a server that is not an emulator so are the
tests that need its control plane or demo organization (``emulator``), unless marked
``live`` (then ``live(writes=True)`` ones need ``SIGMAKIT_LIVE_WRITE=1``).

No test reads the user's own settings: HOME, XDG folders and SIGMA_* variables are
replaced for every test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.support.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    SEED,
    Sleeps,
    client_settings,
    close_api_clients,
    login,
)
from tests.support.target import TARGET_PROPERTY, RemoteTarget, remote_from_env

from sigmakit import RetryPolicy, Sigma
from sigmakit.emulator import EmulatorConfig, EmulatorServer, FaultConfig, SeedSizes

# read once, here: the autouse fixture below strips SIGMA_*/SIGMAKIT_* before each test
try:
    REMOTE = remote_from_env(os.environ)
except ValueError as exc:
    raise pytest.UsageError(str(exc)) from None

#: the server every test of this session talks to
Server = EmulatorServer | RemoteTarget


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "live(writes=False): the test also runs against a server that is not an emulator "
        "(SIGMAKIT_TEST_URL); with writes=True only with SIGMAKIT_LIVE_WRITE=1",
    )


def pytest_report_header(config: pytest.Config) -> str:
    if REMOTE is None:
        return "test target: an emulator in this process"
    kind = "an emulator" if REMOTE.is_emulator else "not an emulator"
    return f"test target: {REMOTE.base_url} over HTTP only ({kind})"


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
    """The in-process emulator itself, its state included: only for the tests in
    tests/emulator/internals/, which look inside it."""
    if REMOTE is not None:
        pytest.skip(f"looks inside the emulator, so runs in-process only, not at {REMOTE.base_url}")
    config = EmulatorConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, seed=SEED)
    with EmulatorServer(config) as server:
        yield server
    close_api_clients()


@pytest.fixture(scope="session")
def emulator_once(request: pytest.FixtureRequest) -> Server:
    """The session's emulator as it is, for module-scoped fixtures (reseed it through the
    control plane: ``tests.support.helpers.reseed``)."""
    if REMOTE is not None:
        if not REMOTE.is_emulator:
            pytest.skip(f"needs the emulator's control plane; {REMOTE.base_url} is not an emulator")
        return REMOTE
    server: EmulatorServer = request.getfixturevalue("emulator_server")
    return server


@pytest.fixture(autouse=True)
def _count_the_session_target(request: pytest.FixtureRequest) -> None:
    """A test that reaches the separate server through ``emulator_once`` says so in its
    report, as ``emulator`` does (``make blackbox`` counts them)."""
    if REMOTE is not None and REMOTE.is_emulator and "emulator_once" in request.fixturenames:
        request.node.user_properties.append((TARGET_PROPERTY, REMOTE.base_url))


@pytest.fixture
def emulator(request: pytest.FixtureRequest) -> Server:
    """The session's emulator with a freshly seeded demo organization and no faults."""
    if REMOTE is not None:
        if not REMOTE.is_emulator:
            pytest.skip(
                "needs the emulator's control plane and seeded demo organization; "
                f"{REMOTE.base_url} is not an emulator"
            )
        REMOTE.reset(SEED)
        request.node.user_properties.append((TARGET_PROPERTY, REMOTE.base_url))
        return REMOTE
    emulator_server: EmulatorServer = request.getfixturevalue("emulator_server")
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


@pytest.fixture
def target_server(request: pytest.FixtureRequest) -> Server:
    """The server for a client fixture: the freshly seeded emulator (``emulator``), or, for a
    test marked ``live``, the organization at ``SIGMAKIT_TEST_URL`` as it is."""
    live = request.node.get_closest_marker("live")
    if REMOTE is None or REMOTE.is_emulator or live is None:
        emulator: Server = request.getfixturevalue("emulator")
        return emulator
    if live.kwargs.get("writes") and not REMOTE.may_write:
        pytest.skip(f"writes to the organization at {REMOTE.base_url}: set SIGMAKIT_LIVE_WRITE=1")
    request.node.user_properties.append((TARGET_PROPERTY, REMOTE.base_url))
    return REMOTE


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def sigma(target_server: Server, sleeps: Sleeps) -> Iterator[Sigma]:
    """An SDK client for the server; its retries record their waits instead of sleeping."""
    settings = client_settings(target_server)
    client = Sigma(settings=settings, sleep=sleeps, retry=RetryPolicy(max_retries=4))
    yield client
    client.close()


@pytest.fixture
def cli_env(target_server: Server, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment that points the ``sigmakit`` command at the server."""
    env = {
        "SIGMA_BASE_URL": target_server.base_url,
        "SIGMA_CLIENT_ID": target_server.client_id,
        "SIGMA_CLIENT_SECRET": target_server.client_secret,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def api(target_server: Server) -> Iterator[httpx.Client]:
    """A plain HTTP client with a bearer token, for testing the emulator the way any client
    written from Sigma's documentation would call it."""
    with httpx.Client(base_url=target_server.base_url, timeout=30) as client:
        login(client, target_server.client_id, target_server.client_secret)
        yield client
