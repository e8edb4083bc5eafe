"""The real thing: `sigmakit emulator serve` as its own process on a free loopback port,
and the `sigmakit` command run against it as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.support.processes import free_port, sigmakit_command

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    env = {
        **os.environ,
        "SIGMA_EMULATOR_CLIENT_ID": "proc-client",
        "SIGMA_EMULATOR_CLIENT_SECRET": "proc-secret-xyz",
    }
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [*sigmakit_command(), "emulator", "serve", "--port", str(port), "--members", "25"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/__emulator/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "server.log").read_text())
            time.sleep(0.1)
        yield base, env
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_cli_against_a_served_emulator(server: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    base, env = server
    client_env = {
        "PATH": env["PATH"],
        "HOME": str(tmp_path),
        "SIGMA_BASE_URL": base,
        "SIGMA_CLIENT_ID": "proc-client",
        "SIGMA_CLIENT_SECRET": "proc-secret-xyz",
    }
    done = subprocess.run(
        [*sigmakit_command(), "members", "list", "-o", "json"],
        env=client_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    members = json.loads(done.stdout)
    assert 20 <= len(members) <= 26  # 25 people and the admin, less the deactivated
    log = (tmp_path / "server.log").read_text()
    assert "GET /v2/members 200" in log  # one line per request: method, path, status
    assert "proc-secret-xyz" not in log
