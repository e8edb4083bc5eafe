"""``sigmakit mcp``'s options: bad ones are one line and a usage exit code before anything
starts, and a missing extra says what to install."""

from __future__ import annotations

import sys

import pytest
from tests.support.helpers import run

from sigmakit.cli.exits import ExitCode


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--allow-destructive", "plan_offboard"], "--allow-writes"),
        (["--allow-writes", "--allow-destructive", "offboard"], "did you mean 'plan_offboard'"),
        (["--http", "--host", "0.0.0.0"], "not a loopback address"),
        (["--plan-ttl", "0"], "--plan-ttl"),
    ],
)
def test_bad_options_are_one_line(args: list[str], says: str) -> None:
    code, out, err = run("mcp", *args)
    assert code == ExitCode.USAGE
    assert out == ""
    assert says in err and len(err.strip().splitlines()) == 1


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp.server.mcpserver", None)
    code, _, err = run("mcp")
    assert code == ExitCode.CONFIG
    assert err.strip() == "error: sigmakit mcp needs the MCP SDK: pip install 'sigmakit[mcp]'"


def test_listed_in_help() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "mcp" in out and "AI agents" in out
