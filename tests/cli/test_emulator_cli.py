"""``sigmakit emulator serve``'s size flags: ``--pages-per-workbook`` shapes every workbook."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from tests.support.processes import free_port, sigmakit_command

from sigmakit.cli.main import cli


def test_pages_per_workbook_must_be_at_least_one() -> None:
    result = CliRunner().invoke(cli, ["emulator", "serve", "--pages-per-workbook", "0"])
    assert result.exit_code == 2
    assert "'--pages-per-workbook': 0 is not in the range x>=1" in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_served_workbooks_have_the_pages_asked_for(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "SIGMA_EMULATOR_CLIENT_ID": "pages-client",
        "SIGMA_EMULATOR_CLIENT_SECRET": "pages-secret-xyz",
    }
    command = [*sigmakit_command(), "emulator", "serve", "--port", str(port)]
    command += ["--members", "5", "--workbooks", "6", "--pages-per-workbook", "2"]
    with (tmp_path / "server.log").open("w") as log:
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/__emulator/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "server.log"
                ).read_text()
                time.sleep(0.1)
            token = httpx.post(
                f"{base}/v2/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": "pages-client",
                    "client_secret": "pages-secret-xyz",
                },
            ).json()["access_token"]
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as api:
                listed = api.get(
                    "/v2/workbooks", params={"limit": 50, "skipPermissionCheck": True}
                ).json()["entries"]
                assert len(listed) >= 5  # 6, less any the seed archived
                for workbook in listed:
                    pages = api.get(f"/v2/workbooks/{workbook['workbookId']}/pages").json()
                    assert len(pages["entries"]) == 2
        finally:
            proc.terminate()
            proc.wait(timeout=10)
