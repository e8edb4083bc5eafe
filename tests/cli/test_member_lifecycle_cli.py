"""``sigmakit members change-email | recent | deactivate | reactivate | bulk-deactivate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.support.helpers import all_entries, clear_stats, get_json, route_count, run

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


ADMIN = "admin@northwind.example"


def people(emulator: EmulatorServer, n: int) -> list[dict[str, Any]]:
    """The first ``n`` active members other than the admin, as the API lists them."""
    return [m for m in all_entries(emulator, "/v2/members") if m["email"] != ADMIN][:n]


def archived(emulator: EmulatorServer, member_id: str) -> bool:
    return bool(get_json(emulator, f"/v2/members/{member_id}")["isArchived"])


def test_change_email(emulator: EmulatorServer) -> None:
    person = people(emulator, 1)[0]
    code, out, err = run(
        "members", "change-email", person["email"], "new.address@northwind.example", "-o", "json"
    )
    assert code == 0, err
    assert json.loads(out)["email"] == "new.address@northwind.example"
    assert "now has the email new.address@northwind.example" in err


def test_change_to_a_taken_email_is_exit_6_and_nothing_changes(emulator: EmulatorServer) -> None:
    first, second = people(emulator, 2)
    clear_stats(emulator)
    code, out, err = run("members", "change-email", first["email"], second["email"])
    assert code == 6
    assert out == ""
    assert f"{second['email']} is already the email of member {second['memberId']}" in err
    assert route_count(emulator, "PATCH /v2/members/{memberId}") == 0
    code, _, err = run("members", "change-email", first["email"], "not-an-email")
    assert code == 2 and "not an email address" in err


def test_recent(emulator: EmulatorServer) -> None:
    def recent_documents(member_id: str) -> int:
        recents = all_entries(emulator, f"/v2/members/{member_id}/files/recents")
        return sum(f["type"] in ("workbook", "folder") for f in recents)

    busiest = max(
        all_entries(emulator, "/v2/members"), key=lambda m: recent_documents(m["memberId"])
    )
    code, out, err = run("members", "recent", busiest["memberId"], "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {r["type"] for r in rows} <= {"workbook", "folder"}
    times = [r["lastInteractionAt"] for r in rows]
    assert times == sorted(times, reverse=True)
    code, out, _ = run("members", "recent", busiest["memberId"], "-o", "table")
    assert code == 0
    assert out.split()[:4] == ["name", "type", "permission", "lastInteractionAt"]


def test_deactivate_with_a_new_owner_then_reactivate(emulator: EmulatorServer) -> None:
    leaver, heir = people(emulator, 2)
    code, out, err = run(
        "members", "deactivate", leaver["email"], "--new-owner", heir["email"], "--yes",
        "-o", "json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["status"] == "changed"
    assert archived(emulator, leaver["memberId"])
    code, out, _ = run("members", "deactivate", leaver["email"], "-o", "json")
    assert code == 0 and json.loads(out)["status"] == "already there"
    code, out, _ = run("members", "reactivate", leaver["email"], "-o", "json")
    assert code == 0 and json.loads(out)["status"] == "changed"
    assert not archived(emulator, leaver["memberId"])


def test_bulk_deactivate_shows_the_plan_and_applies_only_with_yes(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    chosen = people(emulator, 3)
    emails = tmp_path / "leavers.txt"
    emails.write_text("\n".join(p["email"] for p in chosen) + "\nghost@northwind.example\n")

    code, out, err = run("members", "bulk-deactivate", "--emails", str(emails))
    assert code == 1  # ghost is unknown
    assert (
        "3 member(s) to deactivate:" in err
        and "dry run: nothing changed; pass --yes to apply" in err
    )
    assert [json.loads(line)["status"] for line in out.splitlines()] == [
        "unknown", "planned", "planned", "planned",
    ]  # fmt: skip
    assert not any(archived(emulator, p["memberId"]) for p in chosen)

    code, out, err = run(
        "members", "bulk-deactivate", "--emails", str(emails), "--yes", "-o", "json"
    )
    assert code == 1
    assert sorted(r["status"] for r in json.loads(out)) == ["changed"] * 3 + ["unknown"]
    assert all(archived(emulator, p["memberId"]) for p in chosen)


def test_bulk_deactivate_by_pattern_never_touches_the_credentials_owner(
    emulator: EmulatorServer,
) -> None:
    code, out, err = run(
        "members", "bulk-deactivate", "--pattern", "admin@*", "--yes", "-o", "json"
    )
    assert code == 0, err
    assert [(r["email"], r["status"]) for r in json.loads(out)] == [
        ("admin@northwind.example", "skipped")
    ]
    assert "0 member(s) to deactivate" in err


def test_bulk_deactivate_needs_exactly_one_selector(tmp_path: Path) -> None:
    code, _, err = run("members", "bulk-deactivate")
    assert code == 2 and "exactly one of --pattern, --name-pattern and --emails" in err


def test_bulk_deactivate_by_name_pattern_like_the_quickstart(emulator: EmulatorServer) -> None:
    """The QuickStart's USER_NAME_PATTERN: a regular expression on "First Last", any case."""
    target = people(emulator, 1)[0]
    surname = target["lastName"]
    expected = {
        m["memberId"]
        for m in all_entries(emulator, "/v2/members", includeInactive="true")
        if m["lastName"].lower() == surname.lower()
    }
    code, out, err = run(
        "members", "bulk-deactivate", "--name-pattern", f" {surname.upper()}$", "-o", "json"
    )
    assert code == 0, err
    planned = {r["id"] for r in json.loads(out) if r["status"] == "planned"}
    (admin,) = get_json(emulator, "/v2/members", email=ADMIN)["entries"]
    assert planned == expected - {admin["memberId"]}
    assert not any(archived(emulator, m) for m in planned)  # a plan changes nothing


def test_bulk_deactivate_refuses_a_broken_name_pattern(emulator: EmulatorServer) -> None:
    code, out, err = run("members", "bulk-deactivate", "--name-pattern", "(unclosed", "--yes")
    assert code == 2
    assert out == "" and "not a regular expression" in err
