"""``sigmakit teams``: list, members, bulk-assign and bulk-remove against the emulator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import route_count, run

from sigmakit.emulator import EmulatorServer

PATCH = "PATCH /v2/teams/{teamId}/members"


#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def team(emulator: EmulatorServer, name: str) -> Any:
    return emulator.state.store.db.one("SELECT * FROM teams WHERE name = ?", (name,))


def in_team(emulator: EmulatorServer, team_id: str) -> set[str]:
    rows = emulator.state.store.db.all(
        "SELECT m.email FROM team_members t JOIN members m ON m.member_id = t.member_id "
        "WHERE t.team_id = ?",
        (team_id,),
    )
    return {r["email"] for r in rows}


def outsiders(emulator: EmulatorServer, team_id: str, n: int) -> list[str]:
    rows = emulator.state.store.db.all(
        "SELECT email FROM members WHERE is_archived = 0 AND is_inactive = 0 AND member_id "
        "NOT IN (SELECT member_id FROM team_members WHERE team_id = ?) ORDER BY seq LIMIT ?",
        (team_id, n),
    )
    return [r["email"] for r in rows]


def test_list_and_members(emulator: EmulatorServer) -> None:
    code, out, err = run("teams", "list", "-o", "json")
    assert code == 0, err
    names = [t["name"] for t in json.loads(out)]
    assert names == [
        r["name"] for r in emulator.state.store.db.all("SELECT name FROM teams ORDER BY seq")
    ]

    sales = team(emulator, "Sales")
    code, out, err = run("teams", "members", "sales", "-o", "json")
    assert code == 0, err
    assert {m["email"] for m in json.loads(out)} == in_team(emulator, sales["team_id"])
    code, out, _ = run("teams", "members", sales["team_id"], "-o", "csv", "--fields", "email")
    assert (
        out.splitlines()[0] == "email"
        and len(out.splitlines()) == len(in_team(emulator, sales["team_id"])) + 1
    )


def test_bulk_assign_from_a_quickstart_member_emails_file(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    sales = team(emulator, "Sales")
    new = outsiders(emulator, sales["team_id"], 3)
    already = sorted(in_team(emulator, sales["team_id"]))[0]
    emails = tmp_path / ".member-emails"
    emails.write_text(f"{new[0]},{new[1].upper()}, {already}\n{new[2]},nobody@northwind.example\n")
    emulator.state.stats.reset()

    code, out, err = run("teams", "bulk-assign", "Sales", "--emails", str(emails))
    assert code == 1  # one email is unknown
    rows = [json.loads(line) for line in out.splitlines()]  # JSONL in a pipe
    assert [r["status"] for r in rows] == ["changed", "changed", "skipped", "changed", "unknown"]
    assert err.strip() == "3 changed, 1 skipped, 1 unknown"
    assert set(new) <= in_team(emulator, sales["team_id"])
    assert route_count(emulator, PATCH) == 1


def test_bulk_remove_from_a_csv_with_an_email_column(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    sales = team(emulator, "Sales")
    leaving = sorted(in_team(emulator, sales["team_id"]))[:2]
    emails = tmp_path / "leavers.csv"
    emails.write_text("name,Email\n" + "".join(f"Someone,{e}\n" for e in leaving))
    code, out, err = run(
        "teams", "bulk-remove", sales["team_id"], "--emails", str(emails), "-o", "json"
    )
    assert code == 0, err
    assert [r["status"] for r in json.loads(out)] == ["changed", "changed"]
    assert not set(leaving) & in_team(emulator, sales["team_id"])


def test_dry_run_shows_the_plan_and_changes_nothing(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    sales = team(emulator, "Sales")
    before = in_team(emulator, sales["team_id"])
    emails = tmp_path / "emails.txt"
    emails.write_text("\n".join(outsiders(emulator, sales["team_id"], 2)) + "\n")
    emulator.state.stats.reset()
    code, out, err = run(
        "teams", "bulk-assign", "Sales", "--emails", str(emails), "--dry-run", "-o", "table"
    )
    assert code == 0, err
    assert out.count("planned") == 2 and "would be added to Sales" in out
    assert err.startswith("dry run: 2 planned")
    assert route_count(emulator, PATCH) == 0
    assert in_team(emulator, sales["team_id"]) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("alice@northwind.example, not an email\n", "line 1: 'not an email' is not an email"),
        ("\n\n", "no email addresses"),
        (None, "no such file"),
    ],
)
def test_bad_email_files_are_refused_before_any_change(
    emulator: EmulatorServer, tmp_path: Path, content: str | None, message: str
) -> None:
    emails = tmp_path / "emails.txt"
    if content is not None:
        emails.write_text(content)
    emulator.state.stats.reset()
    code, out, err = run("teams", "bulk-assign", "Sales", "--emails", str(emails))
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1
    assert route_count(emulator, PATCH) == 0


def test_unknown_team_is_exit_5(emulator: EmulatorServer, tmp_path: Path) -> None:
    emails = tmp_path / "emails.txt"
    emails.write_text("admin@northwind.example\n")
    code, out, err = run("teams", "bulk-assign", "Nope", "--emails", str(emails))
    assert code == 5 and out == ""
    assert "no team has the name or id 'Nope'" in err


def test_add_and_remove_members_named_on_the_command_line(emulator: EmulatorServer) -> None:
    sales = team(emulator, "Sales")
    first, second = outsiders(emulator, sales["team_id"], 2)
    second_id = emulator.state.store.db.scalar(
        "SELECT member_id FROM members WHERE email = ?", (second,)
    )
    code, out, err = run("teams", "add", "Sales", first.upper(), second_id, "-o", "json")
    assert code == 0, err
    assert [r["status"] for r in json.loads(out)] == ["changed", "changed"]
    assert {first, second} <= in_team(emulator, sales["team_id"])
    code, out, err = run("teams", "remove", "Sales", first, "-o", "json")
    assert code == 0, err
    assert first not in in_team(emulator, sales["team_id"])
    assert second in in_team(emulator, sales["team_id"])
