"""Account types on the command line: ``members create`` / ``update`` check the type against
the organization before anything changes (the QuickStart's Viewer, then Creator)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sigmakit import Sigma
from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer

NEW = ["--email", "qs@example.com", "--first-name", "Quick", "--last-name", "Start"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="sigmakit")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def test_the_quickstart_journey(sigma: Sigma) -> None:
    code, out, err = run("members", "create", *NEW, "--account-type", "viewer", "-o", "json")
    assert code == 0, err
    assert json.loads(out)["memberType"] == "Viewer"
    code, out, err = run("members", "update", "qs@example.com", "--account-type", "Creator")
    assert code == 0, err
    member = sigma.members.find_by_email("qs@example.com")
    assert member is not None and member.member_type == "Creator"


def test_an_unknown_type_on_create_is_one_line_exit_2_and_nothing_made(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    code, out, err = run("members", "create", *NEW, "--account-type", "Superuser")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "'Superuser'" in err and "Admin, Pro, Essential, Lite, Creator, Explorer, Viewer" in err
    assert sigma.members.find_by_email("qs@example.com") is None


def test_an_unknown_type_on_update_changes_nothing(sigma: Sigma) -> None:
    someone = next(m for m in sigma.members.list() if m.member_type == "Lite")
    code, _, err = run(
        "members", "update", someone.email, "--account-type", "Wizard", "--first-name", "Zed"
    )
    assert code == 2 and "'Wizard'" in err
    after = sigma.members.get(someone.member_id)
    assert (after.member_type, after.first_name) == ("Lite", someone.first_name)


def test_a_custom_type_onboards_with_the_least_permission(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    with emulator.control() as control:
        control.post("/reset", json={"account_types": "Admin,Pro,Analyst"}).raise_for_status()
    code, _, err = run(
        "onboard",
        *["--email", "ana@example.com", "--first-name", "Ana", "--last-name", "Lyst"],
        *["--account-type", "analyst", "--connection", "Northwind Snowflake", "-o", "json"],
    )
    assert code == 0, err
    member = sigma.members.find_by_email("ana@example.com")
    assert member is not None and member.member_type == "Analyst"
    workspace = sigma.workspaces.find_by_name("ana@example.com")
    assert workspace is not None
    grants = {g.member_id: g.permission for g in sigma.workspaces.grants(workspace.workspace_id)}
    assert grants[member.member_id] == "view"
    connection = sigma.connections.resolve("Northwind Snowflake")
    mine = [
        g.permission
        for g in sigma.connections.grants(connection.connection_id)
        if g.member_id == member.member_id
    ]
    assert mine == ["usage"]
    # the QuickStart names are not in this organization: refused before anything is made
    code, _, err = run(
        "onboard",
        *["--email", "vi@example.com", "--first-name", "Vi", "--last-name", "Ewer"],
        "--account-type",
        "Viewer",
    )
    assert code == 2 and "Admin, Pro, Analyst" in err
    assert sigma.members.find_by_email("vi@example.com") is None


def test_account_types_list_and_permissions() -> None:
    code, out, err = run("account-types", "list", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["accountTypeName"] for r in rows][-3:] == ["Creator", "Explorer", "Viewer"]
    code, out, err = run("account-types", "permissions", "viewer", "-o", "json")
    assert code == 0, err
    assert "view-workbook" in {p["permission"] for p in json.loads(out)}
    code, _, err = run("account-types", "permissions", "Wizard")
    assert code == 5 and "Viewer" in err and err.count("\n") == 1


@pytest.mark.parametrize("value", ["Pro,pro", "Admin,,Viewer", ""])
def test_serve_refuses_a_bad_set_of_account_types(value: str) -> None:
    code, _, err = run("emulator", "serve", "--port", "0", "--account-types", value)
    assert code == 2 and "--account-types" in err
