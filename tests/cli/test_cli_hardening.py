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
