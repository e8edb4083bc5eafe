"""``sigmakit user-attributes`` against the emulator: what a person reads, what a pipe gets,
the plan before a change, and bad input that changes nothing (checked through the API)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.support.helpers import clear_stats, reseed, route_count, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer


def _member_emails(sigma: Sigma, n: int) -> list[str]:
    me = sigma.whoami(member=False).user_id
    return [m.email for m in sigma.members.list() if m.member_id != me][:n]


def _values(sigma: Sigma, name: str) -> tuple[dict[str, str], dict[str, str]]:
    """(member id -> value, team id -> value) of an attribute, read through the SDK."""
    attribute = sigma.user_attributes.resolve(name)
    aid = attribute.user_attribute_id
    return (
        {m.user_id: m.value.val for m in sigma.user_attributes.members(aid)},
        {t.team_id: t.value.val for t in sigma.user_attributes.teams(aid)},
    )


def test_list_as_json_csv_and_a_table(cli_env: dict[str, str]) -> None:
    code, out, _ = run("user-attributes", "list", "-o", "json")
    assert code == 0
    rows = json.loads(out)
    by_name = {r["name"]: r for r in rows}
    assert {"Region", "Cost Center", "Department"} <= set(by_name)
    assert by_name["Cost Center"]["default"] == "CC-1000"

    code, out, _ = run("user-attributes", "list", "-o", "csv", "--fields", "name,default")
    assert code == 0
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert {"name": "Cost Center", "default": "CC-1000"} in parsed

    code, out, err = run("user-attributes", "list", "-o", "table")
    assert code == 0 and "Cost Center" in out and "CC-1000" in out
    assert "3 user attributes" in err

    code, _, err = run("user-attributes", "list", "--fields", "nmae")
    assert code == 2 and "did you mean 'name'" in err


def test_show_names_members_by_email_and_teams_by_name(cli_env: dict[str, str]) -> None:
    code, out, err = run("user-attributes", "show", "region", "-o", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    teams = {r["name"]: r for r in rows if r["kind"] == "team"}
    assert teams["Sales"]["value"] == "North America" and teams["Sales"]["priority"] == 1
    people = [r for r in rows if r["kind"] == "member"]
    assert len(people) == 3 and all("@" in r["name"] for r in people)
    assert "Region" in err and "default none" in err


def test_create_then_delete_after_the_plan(cli_env: dict[str, str], sigma: Sigma) -> None:
    code, out, _ = run(
        "user-attributes",
        "create",
        "Store Number",
        "--description",
        "The store they run",
        "--default",
        "000",
        "-o",
        "json",
    )
    assert code == 0
    made = json.loads(out)
    assert made["name"] == "Store Number" and made["default"] == "000"
    assert sigma.user_attributes.get(made["userAttributeId"]).description == "The store they run"

    code, _, err = run("user-attributes", "create", "store number")
    assert code == 6 and "Duplicate" in err and "Traceback" not in err

    code, out, err = run("user-attributes", "delete", "Store Number", "-o", "jsonl")
    assert code == 0 and "dry run: nothing changed; pass --yes to apply" in err
    assert json.loads(out)["status"] == "planned"
    assert sigma.user_attributes.resolve("Store Number")  # still there

    code, out, _ = run("user-attributes", "delete", "Store Number", "--yes", "-o", "jsonl")
    assert code == 0 and json.loads(out)["status"] == "changed"
    assert "Store Number" not in {a.name for a in sigma.user_attributes.list()}


def test_set_shows_the_plan_then_applies_with_yes(cli_env: dict[str, str], sigma: Sigma) -> None:
    first, second = _member_emails(sigma, 2)
    args = (
        "user-attributes",
        "set",
        "Cost Center",
        "CC-7700",
        "--member",
        first,
        "--member",
        second.upper(),
        "--team",
        "marketing",
        "-o",
        "jsonl",
    )

    code, out, err = run(*args, "--dry-run")
    assert code == 0, err
    planned = [json.loads(line) for line in out.splitlines()]
    assert {p["target"] for p in planned} == {first, second, "team Marketing"}
    assert all(p["status"] == "planned" for p in planned)
    assert "would be set to 'CC-7700'" in err and "dry run" in err
    assert "CC-7700" not in _values(sigma, "Cost Center")[0].values()

    code, out, err = run(*args)  # no terminal, no --yes: the plan only
    assert code == 0 and "dry run: nothing changed; pass --yes to apply" in err
    assert "CC-7700" not in _values(sigma, "Cost Center")[0].values()

    code, out, err = run(*args, "--yes")
    assert code == 0, err
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"changed"}
    members, teams = _values(sigma, "Cost Center")
    marketing = sigma.teams.resolve("Marketing").team_id
    assert teams[marketing] == "CC-7700"
    ids = {sigma.members.resolve(e).member_id for e in (first, second)}
    assert all(members[i] == "CC-7700" for i in ids)

    code, out, _ = run(*args, "--yes")  # again: everyone already has it
    assert code == 0
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"skipped"}


def test_clear_and_a_members_values(cli_env: dict[str, str], sigma: Sigma) -> None:
    email = _member_emails(sigma, 1)[0]
    member_id = sigma.members.resolve(email).member_id
    sales = sigma.teams.resolve("Sales").team_id
    sigma.teams.update_members(sales, add=[member_id])
    region = sigma.user_attributes.resolve("Region").user_attribute_id
    sigma.user_attributes.set_members(region, {member_id: "Nordics"})

    code, out, _ = run("user-attributes", "values", email, "-o", "json")
    assert code == 0
    got = {r["name"]: r for r in json.loads(out)}
    assert got["Region"]["value"] == "Nordics" and got["Region"]["source"] == "member"
    assert got["Cost Center"]["source"] in ("default", "team")

    code, out, err = run("user-attributes", "clear", "Region", "--member", email, "--yes")
    assert code == 0, err
    code, out, _ = run("user-attributes", "values", member_id, "-o", "json")
    got = {r["name"]: r for r in json.loads(out)}
    assert got["Region"] == {
        "name": "Region",
        "value": "North America",
        "source": "team",
        "team": "Sales",
        "teamId": sales,
        "userAttributeId": region,
    }

    code, out, err = run("user-attributes", "clear", "Region", "--member", email, "--yes")
    assert code == 0 and "skipped" in err  # nothing left to clear


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("set", "Regoin", "EMEA", "--team", "Sales"), 5, "did you mean 'Region'?"),
        (("set", "Region", "EMEA", "--member", "nobody@northwind.example"), 5, "no member"),
        (("set", "Region", "EMEA", "--member", "NoSuchId123"), 5, "no member has the id"),
        (("set", "Region", "EMEA", "--team", "Saless"), 5, "did you mean 'Sales'?"),
        (("set", "Region", "", "--team", "Sales"), 2, "must not be empty"),
        (("set", "Region", "  ", "--team", "Sales"), 2, "must not be empty"),
        (("set", "Region", "a\nb", "--team", "Sales"), 2, "one line"),
        (("set", "Region", "EMEA"), 2, "at least one --member, --emails file or --team"),
        (("clear", "Region"), 2, "at least one --member, --emails file or --team"),
        (("clear", "Nope", "--team", "Sales"), 5, "no user attribute"),
        (("values", "nobody@northwind.example"), 5, "no member has the email"),
        (("delete", "Nope", "--yes"), 5, "no user attribute"),
        (("create", " "), 2, "needs a name"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    cli_env: dict[str, str], sigma: Sigma, args: tuple[str, ...], code: int, message: str
) -> None:
    before = _values(sigma, "Region"), [a.name for a in sigma.user_attributes.list()]
    got, out, err = run("user-attributes", *args, "--yes" if args[0] in ("set", "clear") else "-q")
    assert got == code, err
    assert message in err and out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err
    assert (_values(sigma, "Region"), [a.name for a in sigma.user_attributes.list()]) == before


def test_one_bad_name_among_good_ones_changes_nothing(
    cli_env: dict[str, str], sigma: Sigma
) -> None:
    email = _member_emails(sigma, 1)[0]
    before = _values(sigma, "Department")
    code, _, err = run(
        "user-attributes",
        "set",
        "Department",
        "Retail",
        "--member",
        email,
        "--team",
        "Sales",
        "--team",
        "Nobody Team",
        "--yes",
    )
    assert code == 5 and "Nobody Team" in err
    assert _values(sigma, "Department") == before


def test_set_from_a_file_of_emails(cli_env: dict[str, str], sigma: Sigma, tmp_path: Path) -> None:
    emails = _member_emails(sigma, 3)
    listed = tmp_path / ".member-emails"
    listed.write_text(",".join(emails[1:]) + "\n", encoding="utf-8")
    code, out, err = run(
        "user-attributes",
        "set",
        "Department",
        "Retail",
        "--member",
        emails[0],
        "--emails",
        str(listed),
        "--yes",
        "-o",
        "jsonl",
    )
    assert code == 0, err
    assert sorted(json.loads(line)["target"] for line in out.splitlines()) == sorted(emails)
    ids = {sigma.members.resolve(e).member_id for e in emails}
    members, _ = _values(sigma, "Department")
    assert {i: members.get(i) for i in ids} == dict.fromkeys(ids, "Retail")

    listed.write_text("not-an-email\n", encoding="utf-8")
    code, _, err = run("user-attributes", "clear", "Department", "--emails", str(listed), "--yes")
    assert code == 2 and "not an email" in err
    assert _values(sigma, "Department")[0] == members


def test_a_few_members_are_looked_up_not_the_whole_organization(
    cli_env: dict[str, str], sigma: Sigma, emulator: EmulatorServer
) -> None:
    """Setting a value for two people in an organization of 2,600 asks for those two, not
    for the three pages of every member; a mistyped email still gets the closest ones."""
    reseed(emulator, members=2600)
    a, b = _member_emails(sigma, 2)
    clear_stats(emulator)
    code, _, err = run(
        "user-attributes", "set", "Region", "EMEA", "--member", a, "--member", b, "--yes"
    )
    assert code == 0, err
    # one search per person for the plan and again for the change (a walk: 3 pages each)
    assert route_count(emulator, "GET /v2/members") == 2 * 2
    assert _values(sigma, "Region")[0].keys() >= {
        sigma.members.resolve(a).member_id,
        sigma.members.resolve(b).member_id,
    }

    typo = a.replace("@", "x@", 1)
    code, _, err = run("user-attributes", "set", "Region", "APAC", "--member", typo)
    assert code == 5 and f"did you mean {a!r}" in err
