"""The test target (tests/support/target.py, tests/conftest.py): which server the tests talk
to, and what runs against a server that is not an emulator."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.support.target import remote_from_env

from sigmakit.emulator import EmulatorServer

ROOT = Path(__file__).parents[1]


class _NotAnEmulator(BaseHTTPRequestHandler):
    """A server that answers 404 to everything, as Sigma does to ``/__emulator/health``."""

    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def elsewhere() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotAnEmulator)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_without_a_url_the_tests_run_an_emulator_in_process() -> None:
    assert remote_from_env({}) is None


def test_a_url_without_credentials_or_not_http_is_refused_in_one_line() -> None:
    with pytest.raises(
        ValueError, match="set SIGMAKIT_TEST_CLIENT_ID and SIGMAKIT_TEST_CLIENT_SECRET"
    ):
        remote_from_env({"SIGMAKIT_TEST_URL": "http://127.0.0.1:1"})
    with pytest.raises(ValueError, match="must be an http"):
        remote_from_env(
            {
                "SIGMAKIT_TEST_URL": "file:///etc",
                "SIGMAKIT_TEST_CLIENT_ID": "a",
                "SIGMAKIT_TEST_CLIENT_SECRET": "b",
            }
        )


def test_an_emulator_is_told_from_another_server(emulator: EmulatorServer, elsewhere: str) -> None:
    creds = {"SIGMAKIT_TEST_CLIENT_ID": "id", "SIGMAKIT_TEST_CLIENT_SECRET": "secret-1"}
    found = remote_from_env({"SIGMAKIT_TEST_URL": emulator.base_url + "/", **creds})
    assert found is not None and found.is_emulator and found.may_write
    assert found.base_url == emulator.base_url and "secret-1" not in repr(found)
    other = remote_from_env({"SIGMAKIT_TEST_URL": elsewhere, **creds})
    assert other is not None and not other.is_emulator and not other.may_write
    written = remote_from_env({"SIGMAKIT_TEST_URL": elsewhere, **creds, "SIGMAKIT_LIVE_WRITE": "1"})
    assert written is not None and written.may_write


@pytest.mark.slow
def test_against_another_server_tests_skip_with_the_reason(elsewhere: str) -> None:
    """What needs the emulator skips; what writes waits for SIGMAKIT_LIVE_WRITE=1."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SIGMA_", "SIGMAKIT_"))},
        "SIGMAKIT_TEST_URL": elsewhere,
        "SIGMAKIT_TEST_CLIENT_ID": "id",
        "SIGMAKIT_TEST_CLIENT_SECRET": "secret-1",
    }
    tests = [
        "tests/sdk/test_teams.py::test_create_get_update_delete",
        "tests/sdk/test_teams.py::test_a_members_teams_walk_across_pages",
        "tests/internals/test_members_api.py::test_archived_and_inactive_only_when_asked",
    ]
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = ran.stdout
    assert ran.returncode == 0 and "3 skipped" in out, out
    assert f"writes to the organization at {elsewhere}: set SIGMAKIT_LIVE_WRITE=1" in out
    assert f"demo organization; {elsewhere} is not an emulator" in out
    assert f"runs in-process only, not at {elsewhere}" in out
    assert f"test target: {elsewhere} over HTTP only (not an emulator)" in out
    assert "secret-1" not in out + ran.stderr
