"""The one rule of every command that removes or changes things in bulk: the plan, shown
once on stderr; without --yes and without a terminal, nothing changes (read back through
the API), one line says so in the same words everywhere, exit 0; with --yes the change is
made and no "dry run" is said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.support.helpers import all_entries, route_count, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")

NOT_APPLIED = "dry run: nothing changed; pass --yes to apply"


def team_emails(sigma: Sigma, name: str) -> set[str]:
    team = sigma.teams.resolve(name)
    emails = {m.member_id: m.email for m in sigma.members.list()}
    return {emails[m.user_id] for m in sigma.teams.members(team.team_id) if m.user_id in emails}


def two_in_sales(sigma: Sigma) -> list[str]:
    me = sigma.whoami(member=False).email
    return sorted(team_emails(sigma, "Sales") - {me})[:2]


def check_rule(
    args: list[str],
    subject: str,
    unchanged: Callable[[], bool],
    *,
    writes: Callable[[], int] | None = None,
    table: bool = True,
) -> None:
    """``args`` without --yes (a table, no terminal) show the plan naming ``subject`` once,
    say NOT_APPLIED once and change nothing; with --yes they change it, with no dry run."""
    before = writes() if writes else 0
    code, out, err = run(*args, "-o", "table") if table else run(*args)
    assert code == 0, err
    assert err.count(NOT_APPLIED) == 1 and "Traceback" not in err
    assert (out + err).count(subject) == 1, (out, err)  # the plan, once
    assert unchanged()
    if writes:
        assert writes() == before
    code, out, err = run(*args, "--yes")
    assert code == 0, err
    assert "dry run" not in err
    assert not unchanged()


def test_teams_remove(sigma: Sigma, emulator: EmulatorServer) -> None:
    first, _ = two_in_sales(sigma)
    check_rule(
        ["teams", "remove", "Sales", first],
        first,
        lambda: first in team_emails(sigma, "Sales"),
        writes=lambda: route_count(emulator, "PATCH /v2/teams/{teamId}/members"),
    )


def test_teams_bulk_remove(sigma: Sigma, emulator: EmulatorServer, tmp_path: Path) -> None:
    leaving = two_in_sales(sigma)
    emails = tmp_path / "leavers.txt"
    emails.write_text("\n".join(leaving) + "\n")
    check_rule(
        ["teams", "bulk-remove", "Sales", "--emails", str(emails)],
        leaving[0],
        lambda: set(leaving) <= team_emails(sigma, "Sales"),
        writes=lambda: route_count(emulator, "PATCH /v2/teams/{teamId}/members"),
    )
    # the same file again, with --yes: nothing left to do, and no dry run said either
    code, _, err = run("teams", "bulk-remove", "Sales", "--emails", str(emails), "--yes")
    assert code == 0 and "dry run" not in err and err.strip() == "2 skipped"


def test_user_attributes_clear(sigma: Sigma) -> None:
    (member,) = [m for m in sigma.members.list() if m.email not in two_in_sales(sigma)][1:2]
    code, _, err = run("user-attributes", "set", "Region", "EMEA", "--member", member.email, "-y")
    assert code == 0, err

    def has_value() -> bool:
        attribute = sigma.user_attributes.resolve("Region").user_attribute_id
        return member.member_id in {m.user_id for m in sigma.user_attributes.members(attribute)}

    check_rule(["user-attributes", "clear", "Region", "--member", member.email], member.email,
               has_value)  # fmt: skip
    # nothing left to clear, with --yes: the summary says so, not "dry run"
    code, _, err = run("user-attributes", "clear", "Region", "--member", member.email, "--yes")
    assert code == 0 and "dry run" not in err and err.strip().endswith("1 skipped")


def test_schedules_delete(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview").workbook_id
    made = sigma.schedules.create(
        workbook, cron="0 9 * * 1", timezone="UTC", emails=["a@example.com"], title="Digest 7"
    )
    check_rule(
        ["schedules", "delete", "Sales Overview", made.schedule_id],
        "Digest 7",
        lambda: made.schedule_id in {s.schedule_id for s in sigma.schedules.list(workbook)},
    )


def test_tags_delete(sigma: Sigma) -> None:
    code, _, err = run("tags", "create", "Nightly QA")
    assert code == 0, err
    check_rule(
        ["tags", "delete", "Nightly QA"],
        "Nightly QA",
        lambda: "Nightly QA" in {t.name for t in sigma.tags.list()},
        table=False,  # it prints no rows
    )


def test_members_bulk_deactivate(sigma: Sigma, emulator: EmulatorServer) -> None:
    me = sigma.whoami(member=False).user_id
    leaver = [m for m in sigma.members.list() if m.member_id != me][-1]

    def active() -> bool:
        entries = all_entries(emulator, "/v2/members", email=leaver.email)
        return bool(entries) and not entries[0].get("isArchived")

    check_rule(["members", "bulk-deactivate", "--pattern", leaver.email], leaver.email, active)
    # again with --yes: nothing to deactivate, and no dry run said
    code, _, err = run("members", "bulk-deactivate", "--pattern", leaver.email, "--yes")
    assert code == 0 and "dry run" not in err
