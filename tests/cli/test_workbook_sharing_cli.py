"""``sigmakit workbooks convert-to-report`` and ``sigmakit workbooks send`` against the
emulator: what a user reads, the exit codes, and that bad input changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.support.helpers import all_entries, run
from tests.support.workbook_helpers import jobs

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer

pytestmark = pytest.mark.usefixtures("cli_env")


def _sends(emulator: EmulatorServer, workbook_id: str) -> list[dict[str, Any]]:
    with emulator.control() as control:
        sends: list[dict[str, Any]] = control.get(f"/workbooks/{workbook_id}/handed-on").json()[
            "sends"
        ]
        return sends


def test_convert_to_report_prints_the_new_report(emulator: EmulatorServer, sigma: Sigma) -> None:
    before = len(all_entries(emulator, "/v2/reports"))
    code, out, err = run(
        "workbooks", "convert-to-report", "Sales Overview", "--name", "Sales pack", "-o", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["name"] == "Sales pack" and report["path"] == "My Documents"
    assert "converted 'Sales Overview' to the report 'Sales pack'" in err
    assert "warning:" in err  # Sales Overview's input table is left out
    assert sigma.reports.get(report["reportId"]).name == "Sales pack"
    assert len(all_entries(emulator, "/v2/reports")) == before + 1

    code, _, err = run("workbooks", "convert-to-report", "Sales Overview", "--name", " ")
    assert code == 2 and "name" in err and "Traceback" not in err
    code, _, err = run("workbooks", "convert-to-report", "No such workbook", "--name", "x")
    assert code == 5 and "Traceback" not in err
    code, _, err = run(
        "workbooks", "convert-to-report", "Sales Overview", "--name", "x", "--page", "nope"
    )
    assert code != 0 and "nope" in err
    assert len(all_entries(emulator, "/v2/reports")) == before + 1


def test_send_a_workbook_to_an_email_and_a_team(emulator: EmulatorServer, sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    team = next(iter(sigma.teams.list()))
    jobs(emulator, mode="immediate")
    code, out, err = run(
        "workbooks",
        "send",
        "Sales Overview",
        "--to",
        "ops@example.com",
        "--team",
        team.name,
        "--title",
        "Weekly",
        "--message",
        "Attached.",
    )
    assert code == 0, err
    assert "sent 'Sales Overview' (pdf) to 2 recipients" in err and out == ""
    (sent,) = _sends(emulator, workbook.workbook_id)
    assert sent["targets"] == [
        {"type": "email", "email": "ops@example.com"},
        {"type": "team", "teamId": team.team_id},
    ]
    assert len(sent["queryIds"]) == 1

    # refused before anything is sent
    code, _, err = run(
        "workbooks",
        "send",
        "Sales Overview",
        "--to",
        "x@example.com",
        "--title",
        "t",
        "--element",
        "a",
        "--page",
        "b",
    )
    assert code == 2 and "not both" in err
    code, _, err = run("workbooks", "send", "Sales Overview", "--to", "nobody", "--title", "t")
    assert code == 5 and "Traceback" not in err
    code, _, err = run("workbooks", "send", "Sales Overview", "--title", "t")
    assert code == 2 and "--to" in err
    assert len(_sends(emulator, workbook.workbook_id)) == 1
