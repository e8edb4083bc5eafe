"""What a newcomer meets (issue 11): export to stdout and default file names, one
confirmation rule, completion, global options anywhere, tables for people, "did you
mean", --fields checked before any request, and `auth login`. Run against the emulator."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, complete, route_count, run

from sigmakit import Sigma
from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer

LIST_MEMBERS = "GET /v2/members"
GET_MEMBER = "GET /v2/members/{memberId}"
LIST_TEAMS = "GET /v2/teams"
TOKEN = "POST /v2/auth/token"


#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def someone(sigma: Sigma) -> str:
    """An active member's email other than the credentials' owner."""
    me = sigma.whoami(member=False).user_id
    return next(m.email for m in sigma.members.list() if m.member_id != me)


# ----- export: stdout and a default file name -----


def test_export_to_stdout_streams_the_file_and_creates_no_file_named_dash(
    isolated_env: Path,
) -> None:
    code, out, err = run(
        "workbooks", "export", "Sales Overview", "--element", "Revenue by Category",
        "--format", "csv", "--out", "-",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[0] == "Category,Revenue"
    assert len(out.splitlines()) > 2
    assert "wrote stdout" in err
    assert not (isolated_env / "-").exists()
    assert list(isolated_env.iterdir()) == []


def test_export_png_to_stdout_is_the_image() -> None:
    result = CliRunner().invoke(
        cli,
        ["workbooks", "export", "Sales Overview", "--element", "Revenue by Category",
         "--format", "png", "--out", "-"],
        prog_name="sigmakit",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"\x89PNG\r\n\x1a\n")


def test_export_without_out_names_the_file_after_workbook_element_and_format(
    isolated_env: Path,
) -> None:
    code, _, err = run(
        "workbooks", "export", "Sales Overview", "--element", "Revenue by Category",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    saved = isolated_env / "sales-overview-revenue-by-category.csv"
    assert saved.read_text().startswith("Category,Revenue")
    assert f"wrote {saved.name}" in err


# ----- one confirmation rule -----


def test_deactivate_shows_the_plan_and_changes_nothing_without_yes(sigma: Sigma) -> None:
    email = someone(sigma)
    code, out, err = run("members", "deactivate", email, "-o", "json")
    assert code == 0, err
    assert json.loads(out)["status"] == "planned"
    assert "to deactivate: " in err and email in err and "--yes" in err
    assert not sigma.members.resolve(email).is_archived


def test_delete_is_deactivate_under_another_name(sigma: Sigma) -> None:
    email = someone(sigma)
    code, out, _ = run("members", "delete", "--help")
    assert code == 0 and "Usage: sigmakit members deactivate" in out
    code, listing, _ = run("members", "--help")
    assert "deactivate" in listing and " delete " not in listing
    code, out, err = run("members", "delete", email, "--yes", "-o", "json")
    assert code == 0, err
    assert json.loads(out)["status"] == "changed"
    assert sigma.members.resolve(email).is_archived


def test_a_person_at_a_terminal_is_asked(sigma: Sigma, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sigmakit.cli.confirm.interactive", lambda: True)
    email = someone(sigma)
    code, out, err = run("members", "deactivate", email, "-o", "json", input="n\n")
    assert code == 0 and json.loads(out)["status"] == "planned"
    assert "Deactivate" in err and "nothing changed" in err
    assert not sigma.members.resolve(email).is_archived
    code, out, err = run("members", "deactivate", email, "-o", "json", input="y\n")
    assert code == 0, err
    assert json.loads(out)["status"] == "changed"
    assert sigma.members.resolve(email).is_archived


# ----- completion -----


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_for_each_shell(shell: str) -> None:
    code, out, _ = run("completion", shell)
    assert code == 0
    assert "_SIGMAKIT_COMPLETE" in out and f"{shell}_complete" in out


def test_completion_offers_commands_options_and_team_names(emulator: EmulatorServer) -> None:
    assert "members" in complete("sigmakit mem")
    assert "--include-archived" in complete("sigmakit members list --include-a")
    before = route_count(emulator, LIST_TEAMS)
    assert complete("sigmakit teams members Sa") == ["Sales"]
    assert route_count(emulator, LIST_TEAMS) > before
    # a second TAB within minutes reads the cache, not Sigma
    after = route_count(emulator, LIST_TEAMS)
    assert complete("sigmakit teams members S") == ["Sales", "Support"]
    assert route_count(emulator, LIST_TEAMS) == after


def test_completion_offers_workbooks_and_member_emails(sigma: Sigma) -> None:
    assert "Sales Overview" in complete("sigmakit workbooks export Sales")
    email = someone(sigma)
    assert email in complete(f"sigmakit members get {email[:4]}")


def test_completion_offers_nothing_quietly_when_offline() -> None:
    assert complete("sigmakit teams members S", env={"SIGMA_BASE_URL": "http://127.0.0.1:9"}) == []


# ----- global options, usage errors, bare sigmakit -----


def test_bare_sigmakit_shows_help_and_succeeds() -> None:
    code, out, _ = run()
    assert code == 0
    assert out.startswith("Usage: sigmakit") and "members" in out


def test_a_group_without_a_command_shows_its_help() -> None:
    code, out, err = run("members")
    assert code == 0 and out.startswith("Usage: sigmakit members") and err == ""


def test_top_level_mistakes_are_one_line() -> None:
    code, out, err = run("--bogus")
    assert code == 2 and out == ""
    assert err.splitlines() == ["error: No such option '--bogus'. (see 'sigmakit --help')"]


def test_global_options_are_read_after_the_subcommand(emulator: EmulatorServer) -> None:
    code, _, err = run("members", "list", "--limit", "1", "--profile", "nope")
    assert code == 3 and "profile 'nope'" in err
    code, _, err = run("members", "list", "--limit", "1", "-o", "json", "--debug")
    assert code == 0 and "debug: " in err


def test_quiet_leaves_data_and_errors_only() -> None:
    args = ("members", "create", "--email", "q@northwind.example", "--first-name", "Q",
            "--last-name", "Uiet", "--account-type", "Lite", "-o", "json")  # fmt: skip
    code, out, err = run(*args, "-q")
    assert code == 0 and err == ""
    assert json.loads(out)["email"] == "q@northwind.example"
    code, out, err = run("members", "list", "-o", "table", "--limit", "2")
    assert "2 members" in err
    code, out, err = run("members", "list", "-o", "table", "--limit", "2", "--quiet")
    assert err == "" and out
    code, _, err = run("members", "get", "nobody@nowhere.example", "-q")
    assert code == 5 and err.startswith("error: ")


# ----- tables for people -----


def test_workbook_table_shows_owner_emails_from_one_member_listing(
    emulator: EmulatorServer, sigma: Sigma
) -> None:
    lists, gets = route_count(emulator, LIST_MEMBERS), route_count(emulator, GET_MEMBER)
    code, out, err = run("workbooks", "list", "-o", "table")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["name", "path", "ownerEmail", "latestVersion"]
    assert max(len(line) for line in lines) <= 120  # one line per row at 120 columns
    assert route_count(emulator, LIST_MEMBERS) - lists == 1
    assert route_count(emulator, GET_MEMBER) == gets
    workbooks = list(sigma.workbooks.list(skip_permission_check=True))
    assert f"{len(workbooks)} workbooks" in err
    owner = sigma.members.get(workbooks[0].owner_id).email
    assert any(owner in line for line in lines[1:])
    # JSON keeps what the API gives: ids and url, no added field
    code, out, _ = run("workbooks", "list", "-o", "json")
    row = json.loads(out)[0]
    assert {"ownerId", "url", "workbookId"} <= row.keys() and "ownerEmail" not in row
    code, out, _ = run("workbooks", "list", "-o", "csv", "--fields", "name,ownerEmail")
    assert out.splitlines()[0] == "name,ownerEmail" and "@" in out.splitlines()[1]


def test_member_tables_show_names_and_emails_before_ids() -> None:
    code, out, _ = run("members", "list", "-o", "table", "--limit", "3")
    assert code == 0
    assert out.split()[:4] == ["firstName", "lastName", "email", "memberType"]
    code, out, _ = run("teams", "list", "-o", "table")
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[0] == "name" and header[-1] == "teamId"


# ----- did you mean -----


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["teams", "members", "Saless"], "did you mean 'Sales'?"),
        (["teams", "add", "Slaes", "a@b.example"], "did you mean 'Sales'?"),
        (
            ["onboard", "--email", "new@northwind.example", "--first-name", "N",
             "--last-name", "Ew", "--account-type", "Lite", "--team", "Salse"],
            "did you mean 'Sales'?",
        ),
        (["workbooks", "export", "Sales Overveiw", "--format", "pdf"],
         "did you mean 'Sales Overview'?"),
        (["workbooks", "export", "Sales Overview", "--element", "Ordres", "--format", "csv"],
         "did you mean 'Orders'?"),
        (["workbooks", "export", "Sales Overview", "--page", "Stroes", "--format", "pdf"],
         "did you mean 'Stores'?"),
        (["workbooks", "export", "Sales Overview", "--element", "Orders", "--format", "csv",
          "--param", "Regoin=West"], "did you mean 'Region'?"),
    ],
)  # fmt: skip
def test_unknown_names_suggest_the_close_one_and_list_the_valid_ones(
    args: list[str], expected: str
) -> None:
    code, out, err = run(*args)
    assert code in (2, 5), err
    assert out == ""
    assert len(err.splitlines()) == 1 and expected in err
    assert "valid" in err or "teams:" in err or "workbooks:" in err


def test_onboard_names_the_valid_teams() -> None:
    code, _, err = run(
        "onboard", "--email", "new@northwind.example", "--first-name", "N", "--last-name",
        "Ew", "--account-type", "Lite", "--team", "Nope",
    )  # fmt: skip
    assert code == 2 and "unknown team: Nope" in err and "Sales" in err


# ----- --fields checked before any request -----


def test_an_unknown_field_is_refused_before_any_request(emulator: EmulatorServer) -> None:
    tokens, lists = route_count(emulator, TOKEN), route_count(emulator, LIST_MEMBERS)
    code, out, err = run("members", "list", "--fields", "email,emial")
    assert code == 2 and out == ""
    assert "unknown field emial (did you mean 'email'?)" in err and "memberType" in err
    assert route_count(emulator, TOKEN) == tokens
    assert route_count(emulator, LIST_MEMBERS) == lists


def test_an_unknown_field_is_refused_on_an_empty_result_too() -> None:
    code, _, err = run("members", "list", "--search", "zzzz-nobody", "--fields", "shoe")
    assert code == 2 and "unknown field shoe" in err
    code, out, _ = run("members", "list", "--search", "zzzz-nobody", "--fields", "email")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize(
    "args",
    [
        ["teams", "list"],
        ["teams", "members", "Sales"],
        ["workbooks", "list"],
        ["workbooks", "input-tables"],
        ["members", "bulk-deactivate", "--pattern", "x*"],
        ["auth", "check"],
    ],
)
def test_every_listing_checks_its_fields_first(args: list[str], emulator: EmulatorServer) -> None:
    tokens = route_count(emulator, TOKEN)
    code, _, err = run(*args, "--fields", "noSuchField")
    assert code == 2 and "unknown field noSuchField" in err
    assert route_count(emulator, TOKEN) == tokens  # refused before asking Sigma anything


# ----- auth login -----


def config_file(home: Path) -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "sigmakit" / "config.toml"


def test_login_from_a_script_checks_and_writes_a_private_profile(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SIGMA_CLIENT_SECRET")
    tokens = route_count(emulator, TOKEN)
    code, out, err = run(
        "--profile", "work", "auth", "login", "--base-url", emulator.base_url,
        "--client-id", CLIENT_ID, "--secret-stdin", input=CLIENT_SECRET + "\n",
    )  # fmt: skip
    assert code == 0, err
    assert route_count(emulator, TOKEN) == tokens + 1
    assert CLIENT_SECRET not in out + err
    path = config_file(tmp_path)
    assert f"saved profile 'work' to {path}" in err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = tomllib.loads(path.read_text())["profiles"]["work"]
    assert saved == {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "base_url": emulator.base_url,
    }
    for key in ("SIGMA_BASE_URL", "SIGMA_CLIENT_ID"):
        monkeypatch.delenv(key)
    code, out, err = run("auth", "check", "-o", "json", "--profile", "work")
    assert code == 0, err
    assert json.loads(out)["profile"] == "work"


def test_login_keeps_other_profiles_and_works_as_configure(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    path = config_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.prod]\nclient_id = "p"\nclient_secret = "s"\nregion = "aws-eu"\n')
    code, _, err = run("auth", "configure")  # SIGMA_* from the environment
    assert code == 0, err
    profiles = tomllib.loads(path.read_text())["profiles"]
    assert profiles["prod"]["region"] == "aws-eu"
    assert profiles["default"]["client_id"] == CLIENT_ID


def test_login_with_refused_credentials_writes_nothing(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SIGMA_CLIENT_SECRET", "not-the-secret")
    code, out, err = run("auth", "login")
    assert code == 4
    assert "refused" in err and "no profile was written" in err
    assert "not-the-secret" not in out + err
    assert not config_file(tmp_path).exists()


def test_login_asks_at_a_terminal_and_hides_the_secret(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for key in ("SIGMA_BASE_URL", "SIGMA_CLIENT_ID", "SIGMA_CLIENT_SECRET"):
        monkeypatch.delenv(key)
    monkeypatch.setattr("sigmakit.cli.auth.is_terminal", lambda stream=None: True)
    answers = f"{CLIENT_ID}\n{CLIENT_SECRET}\n{emulator.base_url}\n"
    code, out, err = run("auth", "login", input=answers)
    assert code == 0, err
    assert "Client secret" in err and CLIENT_SECRET not in out + err
    assert CLIENT_ID in err  # the id is echoed as typed; the secret is not
    profile = tomllib.loads(config_file(tmp_path).read_text())["profiles"]["default"]
    assert profile["base_url"] == emulator.base_url


def test_login_without_a_terminal_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("SIGMA_CLIENT_ID", "SIGMA_CLIENT_SECRET"):
        monkeypatch.delenv(key)
    code, _, err = run("auth", "login")
    assert code == 3 and "missing Client ID" in err


# ----- whoami, the emulator extra -----


def test_auth_check_shows_the_members_name_email_and_account_type(sigma: Sigma) -> None:
    me = sigma.whoami()
    member = sigma.members.get(me.user_id)
    assert (me.email, me.name, me.member_type) == (member.email, member.name, member.member_type)
    code, out, _ = run("auth", "check", "-o", "json")
    assert code == 0
    shown = json.loads(out)
    assert shown["email"] == member.email and shown["memberType"] == member.member_type


@pytest.mark.parametrize(
    "code",
    [
        "from sigmakit.emulator import EmulatorServer",
        "from sigmakit.emulator.app import create_app",
        "from sigmakit.cli.main import main; main(['emulator', 'serve'])",
    ],
)
def test_without_the_emulator_extra_one_line_says_what_to_install(code: str) -> None:
    blocked = "import sys; sys.modules['fastapi'] = None; sys.modules['uvicorn'] = None; "
    done = subprocess.run(
        [sys.executable, "-c", blocked + code], capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert "pip install 'sigmakit[emulator]'" in last
