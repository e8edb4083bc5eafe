"""The command line's sharp edges: the token endpoint under any spelling, credentials in a
URL, unbounded ``@FILE`` reads, junk ``--fields``, and failures that used to end as
"internal error"."""

from __future__ import annotations

import pytest
from tests.helpers import CLIENT_SECRET, request_total, run

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")

#: spellings a server routes to /v2/auth/token (the plain ones are in tests/sdk/test_raw.py)
TOKEN_SPELLINGS = [
    "/v2/auth/./token",
    "/v2/auth/x/../token",
    "/v2/members/../auth/token",
    "/v2/auth/%74oken",
    "/v2/auth/%2574oken",
    "/v2/%61uth/token",
    "/v2/auth/%2e/token",
    "/v2/auth/token;x=1",
    "/v2/auth\\token",
]


@pytest.mark.parametrize("no_check", [[], ["--no-check"]], ids=["checked", "no-check"])
@pytest.mark.parametrize("path", TOKEN_SPELLINGS)
def test_the_token_endpoint_is_refused_under_any_spelling(
    emulator: EmulatorServer, path: str, no_check: list[str]
) -> None:
    before = request_total(emulator)
    code, out, err = run(
        "api", "POST", path, *no_check, "-f", "grant_type=client_credentials",
        "-f", "client_id=x", "-f", "client_secret=y",
    )  # fmt: skip
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and "token endpoint is not for raw calls" in err
    assert request_total(emulator) == before


@pytest.mark.parametrize("no_check", [[], ["--no-check"]], ids=["checked", "no-check"])
def test_a_path_value_cannot_spell_the_token_endpoint(
    emulator: EmulatorServer, cli_env: dict[str, str], no_check: list[str]
) -> None:
    before = request_total(emulator)
    base = cli_env["SIGMA_BASE_URL"]
    for args in (
        ["POST", "/v2/auth/{what}", "-p", "what=token"],
        ["POST", f"{base}/v2/auth/./token"],
    ):
        code, out, err = run("api", *args, *no_check)
        assert (code, out) == (2, ""), err
        assert CLIENT_SECRET not in err
        # checked, /v2/auth/{what} is no operation of the description; unchecked, it is refused
        assert "token endpoint" in err or "{what} is not in Sigma's API description" in err
    assert request_total(emulator) == before


def test_dot_segments_are_refused_before_sending(emulator: EmulatorServer) -> None:
    before = request_total(emulator)
    code, _, err = run("api", "/v2/teams/../members", "--no-check")
    assert code == 2 and "'.' or '..' segment" in err
    assert request_total(emulator) == before


def _with_userinfo(base: str) -> str:
    return base.replace("://", "://someone:pa55-in-url@", 1)


def test_credentials_in_the_base_url_are_never_shown(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGMA_BASE_URL", _with_userinfo(cli_env["SIGMA_BASE_URL"]))
    monkeypatch.setenv("SIGMAKIT_NO_TOKEN_CACHE", "1")
    shown = []
    code, out, err = run("--debug", "members", "list", "-o", "json")
    assert code == 0, err
    assert "debug: sigmakit" in err and "***@127.0.0.1" in err  # the trace is there
    shown.append(out + err)
    code, out, err = run("members", "get", "no-such-member")
    assert code == 5
    shown.append(out + err)
    code, out, err = run("auth", "check", "-o", "json")
    assert code == 0, err
    assert '"baseUrl": "http://***@127.0.0.1' in out
    shown.append(out + err)
    code, out, err = run("api", "https://elsewhere.example/v2/members")
    assert code == 2 and "not on the API host http://***@127.0.0.1" in err
    shown.append(out + err)
    for text in shown:
        assert "pa55-in-url" not in text and "someone" not in text


def test_no_answer_from_a_base_url_with_credentials_hides_them(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cli.test_server_process import free_port

    monkeypatch.setenv("SIGMA_BASE_URL", f"http://someone:pa55-in-url@127.0.0.1:{free_port()}")
    monkeypatch.setenv("SIGMAKIT_NO_TOKEN_CACHE", "1")
    monkeypatch.setenv("SIGMAKIT_MAX_RETRIES", "2")
    monkeypatch.setenv("SIGMAKIT_RETRY_DELAY", "0.01")
    monkeypatch.setenv("SIGMAKIT_FAIL_FAST", "0.2")
    code, out, err = run("--debug", "members", "list")
    assert code == 7, err
    assert "pa55-in-url" not in out + err and "someone" not in out + err
    assert "error: POST http://***@127.0.0.1" in err
