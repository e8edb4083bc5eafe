"""``sigmakit auth``, settings errors, secrets and the QuickStart .env, through the command."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, run

from sigmakit.emulator import EmulatorServer


def test_token_is_masked_unless_shown(cli_env: dict[str, str], emulator: EmulatorServer) -> None:
    code, out, _ = run("auth", "token", "-o", "json")
    assert code == 0
    shown = json.loads(out)
    assert "*" in shown["accessToken"]
    code, full, _ = run("auth", "token", "--show")
    assert code == 0
    token = full.strip()
    assert len(token) > 20 and token not in out
    # the token shown is a live one: the API takes it
    me = httpx.get(f"{emulator.base_url}/v2/whoami", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200


def test_check_says_who_the_credentials_belong_to(cli_env: dict[str, str]) -> None:
    code, out, _ = run("auth", "check", "-o", "json")
    assert code == 0
    me = json.loads(out)
    assert me["email"] == "admin@northwind.example"
    assert me["memberType"] == "Admin"


def test_wrong_secret_is_one_line_exit_4_and_never_printed(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGMA_CLIENT_SECRET", "wrong-secret-abc123")
    for args in (("members", "list"), ("auth", "check"), ("--debug", "auth", "token")):
        code, out, err = run(*args)
        assert code == 4
        assert "wrong-secret-abc123" not in out + err
        assert CLIENT_SECRET not in out + err
        assert err.strip().splitlines()[-1].startswith("error: HTTP 401")


def test_missing_settings_exit_3_and_name_the_setting() -> None:
    code, out, err = run("members", "list")
    assert code == 3
    assert out == ""
    assert "SIGMA_CLIENT_ID" in err and "SIGMA_CLIENT_SECRET" in err
    assert err.count("\n") == 1


def test_quickstart_env_file_works_without_any_other_setting(
    emulator: EmulatorServer, isolated_env: Path
) -> None:
    (isolated_env / ".env").write_text(
        f"CLIENT_ID={CLIENT_ID}\nSECRET={CLIENT_SECRET}\n"
        f"authURL={emulator.base_url}/v2/auth/token\nbaseURL={emulator.base_url}/v2\n"
        "MEMBERID=\nEMAIL=someone@example.com\n"
    )
    code, out, err = run("members", "list", "-o", "json", "--limit", "2")
    assert code == 0, err
    assert len(json.loads(out)) == 2


def test_debug_traces_calls_without_secrets(cli_env: dict[str, str]) -> None:
    code, out, err = run("--debug", "auth", "token", "--show")
    assert code == 0
    token = out.strip()
    assert "POST http://127.0.0.1" in err and "/v2/auth/token -> 200" in err
    assert token not in err
    assert CLIENT_SECRET not in err


def test_help_lists_the_command_groups() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for group in ("auth", "members", "emulator", "demo"):
        assert group in out


def test_a_dotenv_here_beats_the_default_profile_whole_and_check_names_it(
    emulator: EmulatorServer, isolated_env: Path
) -> None:
    """After `auth login` to a real organization, a folder whose .env points at the emulator
    talks to the emulator, with the emulator's credentials only, and says so."""
    config = isolated_env.parent / "home" / ".config" / "sigmakit" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        '[profiles.default]\nclient_id = "real-client"\nclient_secret = "real-secret-77"\n'
        'region = "aws-us-west"\n'
    )
    dotenv = isolated_env / ".env"
    dotenv.write_text(
        f"CLIENT_ID={CLIENT_ID}\nSECRET={CLIENT_SECRET}\nbaseURL={emulator.base_url}/v2\n"
    )
    code, out, err = run("--debug", "auth", "check", "-o", "json")
    assert code == 0, err
    me = json.loads(out)
    assert me["baseUrl"] == emulator.base_url and me["email"] == "admin@northwind.example"
    assert me["source"] == f".env ({dotenv})" and me["profile"] is None
    assert f"credentials from .env ({dotenv}), for {emulator.base_url}" in err
    assert "real-secret-77" not in out + err and CLIENT_SECRET not in out + err


def test_a_dotenv_with_half_the_credentials_is_refused_before_any_request(
    emulator: EmulatorServer, isolated_env: Path
) -> None:
    config = isolated_env.parent / "home" / ".config" / "sigmakit" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        '[profiles.default]\nclient_id = "real-client"\nclient_secret = "real-secret-77"\n'
        'region = "aws-us-west"\n'
    )
    (isolated_env / ".env").write_text(f"baseURL={emulator.base_url}/v2\n")
    code, out, err = run("members", "list")
    assert code == 3 and out == ""
    assert err.startswith("error: .env (") and "gives baseURL but not CLIENT_ID, SECRET" in err
    assert len(err.strip().splitlines()) == 1 and "real-secret-77" not in err


def test_a_secret_is_not_sent_to_a_plain_http_host_beyond_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SIGMA_CLIENT_ID", "c")
    monkeypatch.setenv("SIGMA_CLIENT_SECRET", "s3cr3t-value")
    monkeypatch.setenv("SIGMA_BASE_URL", "http://sigma.example.com")
    code, _, err = run("auth", "check")
    assert code == 3
    assert "sent over plain HTTP only to a loopback address" in err
    assert "s3cr3t-value" not in err
