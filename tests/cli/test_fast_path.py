"""``sigmakit auth check`` and ``teams bulk-assign|bulk-remove`` run without click
(``cli/fast.py``): for every line, the same stdout, stderr and exit code as click's command
tree gives, and click never imported when the fast path took the line and it succeeded."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, all_entries

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer


def run(
    entry: str, args: list[str], env: dict[str, str] | None = None
) -> tuple[int, str, str, set[str]]:
    """``args`` through ``entry`` (``fast``: the console script; ``click``: the command tree
    alone) in a new process: exit code, stdout, stderr, and whether the fast path takes the
    line (``fast-path``) beside the modules imported."""
    if entry == "fast":
        call = "from sigmakit.cli.entry import main\nmain(sys.argv[1:])\n"
    else:
        call = "from sigmakit.cli.main import main\nmain(sys.argv[1:])\n"
    code = (
        "import atexit, json, sys\n"
        "from sigmakit.cli.fast import _parse\n"
        "fast = _parse(sys.argv[1:]) is not None\n"
        "atexit.register(lambda: print(json.dumps([fast, *sys.modules]), file=sys.stderr))\n" + call
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    *lines, modules = done.stderr.splitlines(keepends=True)
    # a request id is the server's, new for every request
    err = re.sub(r"\[request id [^]]*\]", "[request id]", "".join(lines))
    fast, *loaded = json.loads(modules)
    return done.returncode, done.stdout, err, {*loaded, *(["fast-path"] if fast else [])}


def same(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str, bool]:
    """Both ways give the same answer: (code, stdout, stderr, whether the fast way left the
    line to click's command tree)."""
    code, out, err, modules = run("fast", args, env)
    want_code, want_out, want_err, _ = run("click", args, env)
    assert (code, out, err) == (want_code, want_out, want_err)
    by_click = "fast-path" not in modules
    if not by_click and code == 0:
        assert "click" not in modules and "sigmakit.cli.auth" not in modules
    return code, out, err, by_click


@pytest.mark.parametrize(
    "args",
    [
        ["auth", "check"],
        ["auth", "check", "-o", "json"],
        ["auth", "check", "-o", "csv", "--fields", "email,name"],
        ["auth", "check", "--fields=userId,baseUrl", "-ojsonl"],
        ["auth", "check", "--output=table", "--fields", " email , memberType "],
        ["auth", "check", "--fields", ""],
        ["-q", "auth", "check", "-o", "csv"],
        ["auth", "check", "--quiet", "-o", "jsonl"],
        ["auth", "check", "--no-pager", "-o", "json"],
        ["--no-pager", "-q", "auth", "check", "-o", "csv"],
    ],
)
def test_a_plain_auth_check_is_the_same_without_click(
    args: list[str], cli_env: dict[str, str]
) -> None:
    code, out, _, used_click = same(args)
    assert code == 0 and out.strip()
    assert not used_click


def test_the_identity_is_the_same_one_the_sdk_gives(cli_env: dict[str, str], sigma: Sigma) -> None:
    code, out, _, _ = same(["auth", "check", "-o", "json"])
    me, known = json.loads(out), sigma.whoami()
    assert code == 0
    assert (me["email"], me["userId"], me["name"]) == (known.email, known.user_id, known.name)
    assert me["baseUrl"] == cli_env["SIGMA_BASE_URL"] and me["source"] == "environment"
    assert me["profile"] is None  # the credentials came from SIGMA_*, not a profile


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["auth", "check", "-o", "xml"], 2),  # not a format
        (["auth", "check", "--fields", "email,nmae"], 2),  # unknown: click suggests the field
        (["auth", "check", "extra"], 2),
        (["auth", "check", "--profile"], 2),  # no value
        (["auth", "chekc"], 2),
        (["auth", "check", "--", "-o", "json"], 2),
        (["auth", "check", "-o", "json", "-o", "csv"], 0),  # twice: click's rule (the last)
        (["auth", "check", "-qo", "json"], 2),  # -q is global: not combined with -o
        (["--version"], 0),
    ],
)
def test_anything_else_is_answered_by_click_as_before(
    args: list[str], exit_code: int, cli_env: dict[str, str]
) -> None:
    code, out, err, used_click = same(args)
    assert used_click and code == exit_code
    if exit_code:
        assert out == "" and err.startswith("error: ") and err.count("\n") == 1


def test_debug_traces_through_click(cli_env: dict[str, str]) -> None:
    code, _, err, modules = run("fast", ["--debug", "auth", "check", "-o", "json"])
    assert code == 0 and "debug: sigmakit" in err and "fast-path" not in modules
    for value, fast_way in (("1", False), ("no", True), ("maybe", False)):
        code, _, err, modules = run("fast", ["auth", "check"], {"SIGMAKIT_DEBUG": value})
        assert ("fast-path" in modules) is fast_way and ("click" not in modules) is fast_way
        assert code == (0 if value != "maybe" else 2)


def test_failures_are_the_same_line_and_exit_code(
    cli_env: dict[str, str], emulator: EmulatorServer, tmp_path: Path
) -> None:
    # wrong secret: 4, and the secret never shown
    code, out, err, used_click = same(
        ["auth", "check"], {"SIGMA_CLIENT_SECRET": "wrong-secret-abc123"}
    )
    assert (code, out, used_click) == (4, "", False)
    assert err.startswith("error: HTTP 401") and "wrong-secret-abc123" not in err
    assert CLIENT_SECRET not in err
    # a profile that is not there: 3
    code, out, err, used_click = same(["auth", "check", "--profile", "nope"])
    assert (code, out, used_click) == (3, "", False)
    assert "profile 'nope'" in err and err.count("\n") == 1
    # missing settings: 3, naming them
    unset = {"SIGMA_CLIENT_ID": "", "SIGMA_BASE_URL": ""}
    code, out, err, _ = same(["-q", "auth", "check"], unset)
    assert code == 3 and "SIGMA_CLIENT_ID" in err
    # nothing listens: 7 after the retries
    down = {"SIGMA_BASE_URL": "http://127.0.0.1:9", "SIGMAKIT_MAX_RETRIES": "0"}
    code, out, err, used_click = same(["auth", "check"], down)
    assert (code, out, used_click) == (7, "", False)
    assert err.startswith("error: ") and err.count("\n") == 1
    # the environment's profile is the one used
    config = tmp_path / "config.toml"
    config.write_text(
        f'[profiles.lab]\nclient_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
        f'base_url = "{emulator.base_url}"\n'
    )
    env = {"SIGMAKIT_CONFIG": str(config), "SIGMAKIT_PROFILE": "lab"}
    env.update({"SIGMA_CLIENT_ID": "", "SIGMA_CLIENT_SECRET": "", "SIGMA_BASE_URL": ""})
    code, out, _, used_click = same(["auth", "check", "-o", "json"], env)
    assert code == 0 and json.loads(out)["profile"] == "lab" and not used_click
    code, out, _, _ = same(["auth", "check", "-o", "json", "--profile=lab"], env)
    assert code == 0 and json.loads(out)["profile"] == "lab"


@pytest.fixture
def emails_file(emulator: EmulatorServer, tmp_path: Path) -> Path:
    """Three members of the organization and one address nobody has."""
    people = all_entries(emulator, "/v2/members")[:3]
    file = tmp_path / "emails.txt"
    file.write_text("\n".join([p["email"] for p in people] + ["nobody@northwind.example"]) + "\n")
    return file


@pytest.mark.parametrize(
    "args",
    [
        ["teams", "bulk-assign", "Sales", "--emails", "{file}", "--dry-run"],
        ["teams", "bulk-remove", "--dry-run", "--emails={file}", "sales"],
        ["-q", "teams", "bulk-assign", "Sales", "--emails", "{file}", "--dry-run", "-o", "csv"],
        ["teams", "bulk-assign", "Sales", "--emails", "{file}", "--dry-run", "-otable"],
        [
            "teams",
            "bulk-assign",
            "Sales",
            "--dry-run",
            "--emails",
            "{file}",
            "--fields",
            "id,email",
        ],
        ["teams", "bulk-assign", "Sales", "--emails", "{file}", "--dry-run", "--output=json"],
    ],
)
def test_a_plain_bulk_change_is_the_same_without_click(
    args: list[str], emails_file: Path, cli_env: dict[str, str]
) -> None:
    line = [a.replace("{file}", str(emails_file)) for a in args]
    code, out, err, by_click = same(line)
    assert not by_click
    # an unknown email: exit 1; a table of the plan is not shown (stderr has it)
    assert code == 1 and "nobody@northwind.example" in (err if "-otable" in args else out)
    assert ("dry run: nothing changed; pass --yes to apply" in err) is ("-q" not in args)


def test_a_bulk_change_made_without_click_is_the_one_click_makes(
    emails_file: Path, emulator: EmulatorServer, cli_env: dict[str, str]
) -> None:
    team = next(t for t in all_entries(emulator, "/v2/teams") if t["name"] == "Support")
    line = ["teams", "bulk-assign", "Support", "--emails", str(emails_file)]
    code, out, err, modules = run("fast", line)
    assert "fast-path" in modules and "click" not in modules
    added = {m["userId"] for m in all_entries(emulator, f"/v2/teams/{team['teamId']}/members")}
    assert code == 1 and err.endswith("unknown\n")
    changed = [json.loads(row) for row in out.splitlines()]
    assert {r["id"] for r in changed if r["status"] == "changed"} <= added
    assert [r["status"] for r in changed].count("unknown") == 1
    # undo, then the same change through click's command tree: the same answer
    undo = run("fast", ["teams", "bulk-remove", "Support", "--emails", str(emails_file), "-y"])
    assert undo[0] == 1 and '"status": "changed"' in undo[1] and "dry run" not in undo[2]
    assert run("click", line)[:3] == (code, out, err)


@pytest.mark.parametrize(
    ("args", "exit_code", "fast_way"),
    [
        (["teams", "bulk-assign", "No Such Team", "--emails", "{file}"], 5, True),
        (["teams", "bulk-assign", "Sales", "--emails", "{dir}/missing.txt"], 2, True),
        (["teams", "bulk-assign", "Sales", "--emails", "{dir}/bad.txt"], 2, True),
        (["teams", "bulk-assign", "Sales", "--emails", "{dir}"], 2, False),  # a folder
        (["teams", "bulk-assign", "Sales"], 2, False),  # no --emails
        (["teams", "bulk-assign", "--emails", "{file}"], 2, False),  # no team
        (["teams", "bulk-assign", "Sales", "Ops", "--emails", "{file}"], 2, False),
        (["teams", "bulk-assign", "Sales", "--emails", "{file}", "--dry-run=yes"], 2, False),
        (["teams", "bulk-assign", "Sales", "--emails", "{file}", "--fields", "step"], 2, False),
    ],
)
def test_bulk_change_mistakes_are_the_same_line_and_code(
    args: list[str],
    exit_code: int,
    fast_way: bool,
    emails_file: Path,
    tmp_path: Path,
    cli_env: dict[str, str],
) -> None:
    (tmp_path / "bad.txt").write_text("ann@northwind.example\nnot-an-email\n")
    line = [a.replace("{file}", str(emails_file)).replace("{dir}", str(tmp_path)) for a in args]
    code, out, err, by_click = same(line)
    assert (code, out, by_click) == (exit_code, "", not fast_way)
    assert err.startswith("error: ") and err.count("\n") == 1


def test_a_bulk_remove_without_yes_is_the_same_plan_both_ways_and_changes_nothing(
    emails_file: Path, sigma: Sigma, cli_env: dict[str, str]
) -> None:
    team = sigma.teams.resolve("Support")
    people = list(sigma.members.list())[:3]
    sigma.teams.update_members(team.team_id, add=[m.member_id for m in people])
    line = ["teams", "bulk-remove", "Support", "--emails", str(emails_file)]
    code, out, err, by_click = same(line)
    assert not by_click and code == 1  # the unknown email
    assert err.count("dry run: nothing changed; pass --yes to apply") == 1
    assert [json.loads(row)["status"] for row in out.splitlines()].count("planned") == 3
    assert "click" not in run("fast", line)[3]  # no terminal: nothing to ask, no click
    inside = {m.user_id for m in sigma.teams.members(team.team_id)}
    assert {m.member_id for m in people} <= inside
