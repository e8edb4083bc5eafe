"""``sigmakit onboard`` for one person and from CSV/YAML files, against the emulator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.helpers import all_entries, members_named, run

from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def workspaces_named(emulator: EmulatorServer, *names: str) -> int:
    return sum(w["name"].lower() in names for w in all_entries(emulator, "/v2/workspaces"))


ADA = ["--email", "ada@northwind.example", "--first-name", "Ada", "--last-name", "Lovelace"]


def test_one_person_then_again(emulator: EmulatorServer) -> None:
    args = [
        "onboard",
        *ADA,
        "--account-type",
        "Essential",
        "--team",
        "Sales",
        "--connection",
        "Lakehouse",
    ]
    code, out, err = run(*args, "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["step"], r["status"]) for r in rows] == [
        ("member", "created"),
        ("workspace ada@northwind.example", "created"),
        ("workspace ada@northwind.example: explore", "created"),
        ("team Sales", "created"),
        ("connection Lakehouse: usage", "created"),
    ]
    assert err.strip() == "5 created"

    code, out, err = run(*args, "-o", "table")
    assert code == 0, err
    assert out.count("already there") == 5
    assert members_named(emulator, "ada@northwind.example") == 1
    assert workspaces_named(emulator, "ada@northwind.example") == 1


def test_many_people_from_csv_and_yaml(emulator: EmulatorServer, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "email,first_name,last_name,account_type,teams,connections\n"
        "grace@northwind.example,Grace,Hopper,Admin,Data;Sales,Northwind Snowflake\n"
        "alan@northwind.example,Alan,Turing,Lite,,\n"
    )
    code, out, err = run("onboard", "--file", str(people))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]  # JSONL in a pipe
    assert len(rows) == 6 + 3  # Grace: member, workspace, grant, 2 teams, 1 connection
    assert {r["status"] for r in rows} == {"created"}

    yaml_people = tmp_path / "people.yaml"
    yaml_people.write_text(
        "people:\n"
        "  - {email: grace@northwind.example, first_name: Grace, last_name: Hopper,\n"
        "     account_type: Admin, teams: [Data, Sales], connections: [Northwind Snowflake]}\n"
        "  - {email: edsger@northwind.example, first_name: Edsger, last_name: Dijkstra,\n"
        "     account_type: Pro}\n"
    )
    code, out, err = run("onboard", "--file", str(yaml_people), "-o", "json")
    assert code == 0, err
    statuses = {(r["email"], r["status"]) for r in json.loads(out)}
    assert statuses == {
        ("grace@northwind.example", "already there"),
        ("edsger@northwind.example", "created"),
    }
    assert (
        members_named(
            emulator,
            "grace@northwind.example",
            "alan@northwind.example",
            "edsger@northwind.example",
        )
        == 3
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("bo@northwind.example,Bo,Li,Wizard,,\n", "unknown account type 'Wizard'"),
        ("bo@northwind.example,Bo,Li,Lite,Nope,\n", "unknown team: Nope"),
        ("bo@northwind.example,Bo,Li,Lite,,Oracle\n", "unknown connection: Oracle"),
        ("bo@northwind.example,Bo,Li,Lite,,\nBO@northwind.example,Bo,Li,Pro,,\n", "listed twice"),
        ("bo@northwind.example,Bo,Li\n", "line 3: account_type is missing"),
    ],
)
def test_bad_files_are_one_line_and_create_nothing(
    emulator: EmulatorServer, tmp_path: Path, rows: str, message: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "email,first_name,last_name,account_type,teams,connections\n"
        "first@northwind.example,First,Person,Lite,,\n" + rows
    )
    code, out, err = run("onboard", "--file", str(people))
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1
    assert members_named(emulator, "first@northwind.example", "bo@northwind.example") == 0
    assert workspaces_named(emulator, "first@northwind.example", "bo@northwind.example") == 0


def test_options_are_checked(emulator: EmulatorServer, tmp_path: Path) -> None:
    code, _, err = run("onboard", "--email", "x@northwind.example")
    assert code == 2 and "--first-name" in err
    people = tmp_path / "p.csv"
    people.write_text("email,first_name,last_name,account_type\nx@northwind.example,X,Y,Lite\n")
    code, _, err = run("onboard", "--file", str(people), "--team", "Sales")
    assert code == 2 and "--file takes everything from the file" in err
    code, _, err = run("onboard", *ADA, "--account-type", "Lite", "--workspace-permission", "owner")
    assert code == 2
    assert members_named(emulator, "x@northwind.example", "ada@northwind.example") == 0


def test_an_account_type_the_organization_lacks_is_refused_up_front(
    emulator: EmulatorServer,
) -> None:
    # Before, --workspace-permission let an unknown type through to Sigma, which refused it
    # half-way (a failed member step); now the organization's types are checked first.
    for extra in ((), ("--workspace-permission", "view")):
        code, out, err = run("onboard", *ADA, "--account-type", "Analyst", *extra)
        assert code == 2 and out == ""
        assert "unknown account type 'Analyst'" in err and err.count("\n") == 1
        assert "Viewer" in err  # the valid types are named
    assert members_named(emulator, "ada@northwind.example") == 0
    assert workspaces_named(emulator, "ada@northwind.example") == 0


def test_an_existing_essential_member_asked_as_pro_gets_essential_grants(
    emulator: EmulatorServer,
) -> None:
    code, out, err = run("onboard", *ADA, "--account-type", "Essential", "-o", "json")
    assert code == 0, err
    member_id = json.loads(out)[0]["id"]
    args = ["onboard", *ADA, "--account-type", "Pro", "--connection", "Lakehouse", "-o", "json"]
    code, out, err = run(*args)
    assert code == 0, err
    rows = json.loads(out)
    assert rows[0]["message"] == (
        "account type is Essential, not changed; "
        "workspace permission explore, connection permission usage"
    )
    assert [(r["step"], r["status"]) for r in rows[1:]] == [
        ("workspace ada@northwind.example", "already there"),
        ("workspace ada@northwind.example: explore", "already there"),
        ("connection Lakehouse: usage", "created"),
    ]
    # read back: the grants are an Essential member's, not a Pro's
    (workspace,) = [
        w for w in all_entries(emulator, "/v2/workspaces") if w["name"] == "ada@northwind.example"
    ]
    held = all_entries(emulator, f"/v2/workspaces/{workspace['workspaceId']}/grants")
    assert [g["permission"] for g in held if g["memberId"] == member_id] == ["explore"]
    (lakehouse,) = [c for c in all_entries(emulator, "/v2/connections") if c["name"] == "Lakehouse"]
    held = all_entries(emulator, f"/v2/connections/{lakehouse['connectionId']}/grants")
    assert [g["permission"] for g in held if g["memberId"] == member_id] == ["usage"]
