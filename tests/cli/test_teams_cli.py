"""``sigmakit teams``: list, members, bulk-assign and bulk-remove against the emulator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.support.helpers import all_entries, clear_stats, get_json, route_count, run

from sigmakit.emulator import EmulatorServer

PATCH = "PATCH /v2/teams/{teamId}/members"


#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def team(emulator: EmulatorServer, name: str) -> dict[str, Any]:
    return next(t for t in all_entries(emulator, "/v2/teams") if t["name"] == name)


def emails_by_id(emulator: EmulatorServer) -> dict[str, str]:
    everyone = all_entries(emulator, "/v2/members", includeArchived="true", includeInactive="true")
    return {m["memberId"]: m["email"] for m in everyone}


def in_team(emulator: EmulatorServer, team_id: str) -> set[str]:
    emails = emails_by_id(emulator)
    return {emails[m["userId"]] for m in all_entries(emulator, f"/v2/teams/{team_id}/members")}


def outsiders(emulator: EmulatorServer, team_id: str, n: int) -> list[str]:
    """The first ``n`` active members, as the API lists them, who are not in the team."""
    inside = {m["userId"] for m in all_entries(emulator, f"/v2/teams/{team_id}/members")}
    active = all_entries(emulator, "/v2/members")
    return [m["email"] for m in active if m["memberId"] not in inside][:n]


def test_list_and_members(emulator: EmulatorServer) -> None:
    code, out, err = run("teams", "list", "-o", "json")
    assert code == 0, err
    names = [t["name"] for t in json.loads(out)]
    assert names == [t["name"] for t in all_entries(emulator, "/v2/teams")]

    sales = team(emulator, "Sales")
    code, out, err = run("teams", "members", "sales", "-o", "json")
    assert code == 0, err
    assert {m["email"] for m in json.loads(out)} == in_team(emulator, sales["teamId"])
    code, out, _ = run("teams", "members", sales["teamId"], "-o", "csv", "--fields", "email")
    assert (
        out.splitlines()[0] == "email"
        and len(out.splitlines()) == len(in_team(emulator, sales["teamId"])) + 1
    )


def test_bulk_assign_from_a_quickstart_member_emails_file(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    sales = team(emulator, "Sales")
    new = outsiders(emulator, sales["teamId"], 3)
    already = sorted(in_team(emulator, sales["teamId"]))[0]
    emails = tmp_path / ".member-emails"
    emails.write_text(f"{new[0]},{new[1].upper()}, {already}\n{new[2]},nobody@northwind.example\n")
    clear_stats(emulator)

    code, out, err = run("teams", "bulk-assign", "Sales", "--emails", str(emails))
    assert code == 1  # one email is unknown
    rows = [json.loads(line) for line in out.splitlines()]  # JSONL in a pipe
    assert [r["status"] for r in rows] == ["changed", "changed", "skipped", "changed", "unknown"]
    assert err.strip() == "3 changed, 1 skipped, 1 unknown"
    assert set(new) <= in_team(emulator, sales["teamId"])
    assert route_count(emulator, PATCH) == 1


def test_bulk_remove_from_a_csv_with_an_email_column(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    sales = team(emulator, "Sales")
    leaving = sorted(in_team(emulator, sales["teamId"]))[:2]
    emails = tmp_path / "leavers.csv"
    emails.write_text("name,Email\n" + "".join(f"Someone,{e}\n" for e in leaving))
    code, out, err = run(
        "teams", "bulk-remove", sales["teamId"], "--emails", str(emails), "-o", "json", "--yes"
    )
    assert code == 0, err
    assert [r["status"] for r in json.loads(out)] == ["changed", "changed"]
    assert not set(leaving) & in_team(emulator, sales["teamId"])


def test_dry_run_shows_the_plan_and_changes_nothing(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    sales = team(emulator, "Sales")
    before = in_team(emulator, sales["teamId"])
    emails = tmp_path / "emails.txt"
    emails.write_text("\n".join(outsiders(emulator, sales["teamId"], 2)) + "\n")
    clear_stats(emulator)
    code, out, err = run(
        "teams", "bulk-assign", "Sales", "--emails", str(emails), "--dry-run", "-o", "table"
    )
    assert code == 0, err
    assert out == ""  # a table would show the plan a second time
    assert err.count("would be added to Sales") == 2
    assert err.count("dry run: nothing changed; pass --yes to apply") == 1
    assert err.endswith("2 planned\n")
    assert route_count(emulator, PATCH) == 0
    assert in_team(emulator, sales["teamId"]) == before


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
    clear_stats(emulator)
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
    first, second = outsiders(emulator, sales["teamId"], 2)
    (member,) = get_json(emulator, "/v2/members", email=second)["entries"]
    second_id = member["memberId"]
    code, out, err = run("teams", "add", "Sales", first.upper(), second_id, "-o", "json")
    assert code == 0, err
    assert [r["status"] for r in json.loads(out)] == ["changed", "changed"]
    assert {first, second} <= in_team(emulator, sales["teamId"])
    code, out, err = run("teams", "remove", "Sales", first, "-o", "json", "-y")
    assert code == 0, err
    assert first not in in_team(emulator, sales["teamId"])
    assert second in in_team(emulator, sales["teamId"])
