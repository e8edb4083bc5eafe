"""``sigmakit members`` and the shared output layer, run against the emulator."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tests.support.helpers import active_member_count, get_json, route_count, run

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def test_list_as_json_has_every_member(emulator: EmulatorServer) -> None:
    code, out, err = run("members", "list", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == active_member_count(emulator)
    assert {"memberId", "email", "memberType", "createdAt"} <= rows[0].keys()
    assert rows[0]["createdAt"].endswith("Z")


def test_list_as_csv_with_fields() -> None:
    code, out, _ = run(
        "members", "list", "-o", "csv", "--fields", "email,memberType", "--limit", "3"
    )
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["email", "memberType"]
    assert len(table) == 4


def test_list_as_jsonl_streams_one_object_per_line() -> None:
    code, out, _ = run("members", "list", "-o", "jsonl", "--limit", "5")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5
    assert all(json.loads(line)["email"] for line in lines)


def test_unknown_field_names_the_valid_ones() -> None:
    code, out, err = run("members", "list", "-o", "json", "--fields", "email,shoeSize")
    assert code == 2
    assert out == ""
    assert "shoeSize" in err and "memberType" in err
    assert err.count("\n") == 1  # one line, not click's usage block


def test_table_for_people() -> None:
    code, out, _ = run("members", "list", "-o", "table", "--limit", "2")
    assert code == 0
    assert "email" in out and "@northwind.example" in out


def test_exact_email_filter() -> None:
    code, out, _ = run("members", "list", "--email", "ADMIN@northwind.example", "-o", "json")
    assert code == 0
    assert [r["email"] for r in json.loads(out)] == ["admin@northwind.example"]


def test_search_warns_on_stderr_and_still_finds_members() -> None:
    code, out, err = run("members", "list", "--search", "Avery Adm", "--fields", "email")
    assert code == 0 and json.loads(out) == [{"email": "admin@northwind.example"}]
    (warning,) = err.splitlines()
    assert warning.startswith("Warning: --search is deprecated") and "2026-09-15" in warning
    assert "Traceback" not in err and "FutureWarning" not in err
    # an address is sent as --email; -q does not hide the warning
    code, out, err = run("-q", "members", "list", "--search", "ADMIN@northwind.example")
    assert code == 0 and [m["email"] for m in json.loads(out)] == ["admin@northwind.example"]
    assert "--search is deprecated" in err


def test_get_by_email_and_by_id() -> None:
    code, out, _ = run("members", "get", "admin@northwind.example", "-o", "json")
    assert code == 0
    member = json.loads(out)
    code, out, _ = run("members", "get", member["memberId"], "-o", "json")
    assert code == 0 and json.loads(out)["email"] == "admin@northwind.example"


def test_unknown_member_is_a_one_line_not_found() -> None:
    code, out, err = run("members", "get", "nobody@northwind.example")
    assert code == 5
    assert out == ""
    assert err == "error: no member has the email nobody@northwind.example\n"


def test_create_then_duplicate_is_a_conflict(emulator: EmulatorServer) -> None:
    args = ["members", "create", "--email", "sam.new@northwind.example", "--first-name", "Sam"]
    args += ["--last-name", "New", "--account-type", "essential", "-o", "json"]
    code, out, err = run(*args)
    assert code == 0, err
    created = json.loads(out)
    assert created["memberType"] == "Essential"
    code, out, err = run(*args)
    assert code == 6
    assert f"member-id={created['memberId']}" in err


def test_unknown_account_type_changes_nothing(emulator: EmulatorServer) -> None:
    before = active_member_count(emulator)
    code, _, err = run(
        "members", "create", "--email", "x@northwind.example", "--first-name", "X",
        "--last-name", "Y", "--account-type", "Wizard",
    )  # fmt: skip
    # checked against the organization first (it was Sigma's 404, exit 5, before: issue 11)
    assert code == 2
    assert "'Wizard'" in err and "Admin, Pro, Essential, Lite" in err
    assert active_member_count(emulator) == before


def test_update_account_type(emulator: EmulatorServer) -> None:
    code, out, _ = run("members", "list", "-o", "json", "--limit", "3")
    target = json.loads(out)[2]
    new_type = "Lite" if target["memberType"] != "Lite" else "Pro"
    code, out, err = run(
        "members", "update", target["email"], "--account-type", new_type, "-o", "json"
    )
    assert code == 0, err
    assert json.loads(out)["memberType"] == new_type


def test_update_with_nothing_to_change_is_a_usage_error() -> None:
    code, _, err = run("members", "update", "admin@northwind.example")
    assert code == 2
    assert "nothing to change" in err


def test_delete_needs_yes_when_not_interactive(emulator: EmulatorServer) -> None:
    code, out, _ = run("members", "list", "-o", "json", "--limit", "2")
    target = json.loads(out)[1]
    # the one confirmation rule: without --yes and no terminal, the plan only (exit 0, as
    # bulk-deactivate and transfer); it used to be a usage error here alone
    code, out, err = run("members", "delete", target["email"], "-o", "json")
    assert code == 0
    assert json.loads(out)["status"] == "planned"
    assert "--yes" in err
    assert not get_json(emulator, f"/v2/members/{target['memberId']}")["isArchived"]
    code, _, err = run("members", "delete", target["email"], "--yes")
    assert code == 0
    assert get_json(emulator, f"/v2/members/{target['memberId']}")["isArchived"]


def test_token_is_reused_across_cli_runs(emulator: EmulatorServer) -> None:
    for _ in range(3):
        code, _, _ = run("members", "list", "-o", "json", "--limit", "1")
        assert code == 0
    assert route_count(emulator, "POST /v2/auth/token") == 1


def test_table_shows_values_as_they_are(emulator: EmulatorServer) -> None:
    """Brackets in a name are data, not terminal markup."""
    code, _, err = run(
        "members", "create", "--email", "brackets@northwind.example", "--first-name",
        "[bold]Ann[/bold]", "--last-name", "[red]", "--account-type", "Lite",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run("members", "list", "--email", "brackets@northwind.example", "-o", "table")
    assert code == 0
    assert "[bold]Ann[/bold]" in out and "[red]" in out


def test_a_mistyped_command_is_one_line_with_a_hint() -> None:
    code, _, err = run("members", "lisst")
    assert code == 2
    assert err == (
        "error: No such command 'lisst'. Did you mean 'list'? (see 'sigmakit members --help')\n"
    )


def test_input_sigma_refuses_as_malformed_is_a_usage_exit(emulator: EmulatorServer) -> None:
    before = active_member_count(emulator)
    code, _, err = run(
        "members", "create", "--email", "not-an-email", "--first-name", "N",
        "--last-name", "O", "--account-type", "Lite",
    )  # fmt: skip
    assert code == 2
    assert "HTTP 400" in err and "Invalid email" in err
    assert active_member_count(emulator) == before
