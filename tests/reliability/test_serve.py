"""``sigmakit emulator serve`` says where it listens only once it listens, with the real
port; a taken port is one line; ``--env-file`` writes a client's settings (0600); a
``--db`` file is private (0600: it holds live tokens)."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from tests.support.processes import Served, client_env, run_cli, sigmakit_command

from sigmakit import ConfigError
from sigmakit._settings import Secret
from sigmakit.cli.main import cli
from sigmakit.embed import EmbedSigner
from sigmakit.emulator import EmulatorConfig, EmulatorServer


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
def test_port_0_banner_shows_the_real_port_and_the_env_file_works(tmp_path: Path) -> None:
    env_file = tmp_path / "emulator.env"
    served = Served(tmp_path, "--members", "5", "--env-file", str(env_file), port=0)
    try:
        log = served.log_path.read_text()
        assert served.port != 0
        assert ":0 " not in log and ":0\n" not in log
        base_line = next(line for line in log.splitlines() if "export SIGMA_BASE_URL=" in line)
        base = base_line.split("=", 1)[1].split()[0]
        assert base.startswith("http://127.0.0.1:") and not base.endswith(":0")
        assert httpx.get(f"{base}/__emulator/health", timeout=5).status_code == 200
        assert mode(env_file) == 0o600
        assert f"SIGMA_BASE_URL={base}" in env_file.read_text()
        # a client run from a folder holding that file as .env just works
        work = tmp_path / "client"
        work.mkdir()
        (work / ".env").write_text(env_file.read_text())
        env = {k: v for k, v in client_env(base, tmp_path).items() if not k.startswith("SIGMA_")}
        checked = run_cli(env, "auth", "check", cwd=work)
        assert checked.returncode == 0, checked.stderr
    finally:
        served.stop()


@pytest.mark.slow
def test_a_second_serve_on_a_taken_port_prints_only_the_error(tmp_path: Path) -> None:
    served = Served(tmp_path, "--members", "5")
    try:
        second = subprocess.run(
            [*sigmakit_command(), "emulator", "serve", "--port", str(served.port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 3
        assert second.stdout == ""
        assert second.stderr.count("\n") == 1
        assert "cannot listen" in second.stderr and "export" not in second.stderr
    finally:
        served.stop()


def test_the_banner_waits_for_the_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process: nothing is printed when the port cannot be bound."""
    with EmulatorServer(EmulatorConfig(client_id="a", client_secret="b")) as taken:
        result = CliRunner().invoke(cli, ["emulator", "serve", "--port", str(taken.port)])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "SIGMA_CLIENT_SECRET" not in result.stderr


def test_a_db_file_is_created_private(tmp_path: Path) -> None:
    db = tmp_path / "org.db"
    with EmulatorServer(EmulatorConfig(client_id="a", client_secret="b", db=str(db))) as server:
        httpx.post(
            f"{server.base_url}/v2/auth/token",
            data={"grant_type": "client_credentials", "client_id": "a", "client_secret": "b"},
        ).raise_for_status()
    assert mode(db) == 0o600
    for extra in tmp_path.glob("org.db-*"):
        assert mode(extra) == 0o600, extra


def test_a_short_embed_secret_is_refused_plainly() -> None:
    with pytest.raises(ConfigError, match="too short for HS256"):
        EmbedSigner("embed-client", Secret("short-secret"))
    EmbedSigner("embed-client", Secret("x" * 32))


def test_an_organization_with_no_workbooks_serves(tmp_path: Path) -> None:
    """``--workbooks 0`` (the benchmarks' small organizations) starts and answers: the
    webhook seed once took the first workbook of an empty list and stopped the server."""
    served = Served(tmp_path, "--members", "5", "--workbooks", "0")
    try:
        env = client_env(served.base, tmp_path)
        listed = run_cli(env, "api", "/v2/workbooks", "--paginate")
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.strip() == "[]"
    finally:
        served.stop()
