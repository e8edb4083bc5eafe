"""``sigmakit members offboard``: the plan on stderr, --dry-run and an unconfirmed run that
change nothing, --yes that does it all, a rerun that sends no write, one-line refusals."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import clear_stats, run
from tests.support.offboard import (
    ADMIN,
    HEIR,
    LEAVER,
    OFFBOARDED,
    state_of,
    writes,
)

from sigmakit.emulator import EmulatorServer

pytestmark = pytest.mark.usefixtures("cli_env")


def offboard(*args: str) -> tuple[int, list[dict[str, str]], str]:
    code, out, err = run("members", "offboard", *args)
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_dry_run_and_an_unconfirmed_run_show_the_plan_and_change_nothing(
    emulator: EmulatorServer,
) -> None:
    before = state_of(emulator, LEAVER)
    clear_stats(emulator)
    for extra in (["--dry-run"], [], ["--dry-run", "--yes"]):
        code, lines, err = offboard(LEAVER, "--new-owner", HEIR, *extra)
        assert code == 0, err
        assert err.splitlines()[0] == (
            f"offboard Tomas Jones <{LEAVER}>; new owner Ezra Okafor <{HEIR}>"
        )
        assert f"  documents: {len(before['owned'])} to hand over" in err
        teams = ", ".join(before["teams"])
        assert f"  teams: {len(before['teams'])} to leave ({teams})" in err
        assert err.splitlines().count("dry run: nothing changed; pass --yes to apply") == 1
        planned = [line for line in lines if line["status"] == "planned"]
        assert {line["id"] for line in planned} >= before["owned"]
        assert planned[-1]["step"] == "deactivate"
    assert writes(emulator) == {}
    assert state_of(emulator, LEAVER) == before


def test_yes_offboards_and_a_second_run_sends_no_write(emulator: EmulatorServer) -> None:
    before = state_of(emulator, LEAVER)
    code, lines, err = offboard(LEAVER, "--new-owner", HEIR, "--yes")
    assert code == 0, err
    changed = [line for line in lines if line["status"] == "changed"]
    assert (
        len(changed) == len(before["owned"]) + len(before["schedules"]) + len(before["teams"]) + 1
    )
    assert f"{len(changed)} changed" in err.splitlines()[-1]
    assert state_of(emulator, LEAVER) == OFFBOARDED

    clear_stats(emulator)
    code, out, err = run("members", "offboard", LEAVER, "--new-owner", HEIR, "--yes", "-o", "table")
    assert code == 0, err
    assert "documents  " in out and "owns no documents" in out
    assert "already deactivated" in out
    assert "changed" not in err.splitlines()[-1]
    assert writes(emulator) == {}


@pytest.mark.parametrize(
    ("member", "heir", "message"),
    [
        (ADMIN, HEIR, f"{ADMIN} owns the API credentials in use and cannot be offboarded"),
        (LEAVER, LEAVER, f"{LEAVER} cannot be their own new owner"),
        (
            "tomas.jone@northwind.example",
            HEIR,
            "unknown member: no member has the email tomas.jone@northwind.example; "
            "did you mean 'tomas.jones@northwind.example'?",
        ),
        (
            LEAVER,
            "ezra.okafr@northwind.example",
            "unknown new owner: no member has the email ezra.okafr@northwind.example; "
            "did you mean 'ezra.okafor@northwind.example' or 'ella.okafor@northwind.example'?",
        ),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    emulator: EmulatorServer, member: str, heir: str, message: str
) -> None:
    clear_stats(emulator)
    code, out, err = run("members", "offboard", member, "--new-owner", heir, "--yes")
    assert code == 2
    assert out == ""
    assert err == f"error: {message}\n"
    assert writes(emulator) == {}


def test_the_new_owner_is_required() -> None:
    code, out, err = run("members", "offboard", LEAVER, "--yes")
    assert code == 2 and out == ""
    assert "Missing option '--new-owner'" in err


def test_stop_schedules_plans_to_suspend_the_running_ones(emulator: EmulatorServer) -> None:
    before = state_of(emulator, LEAVER)
    assert before["schedules"]
    code, lines, err = offboard(LEAVER, "--new-owner", HEIR, "--stop-schedules", "--dry-run")
    assert code == 0, err
    assert f"  schedules: {len(before['schedules'])} to suspend, then hand over" in err
    planned = {line["id"]: line["message"] for line in lines if line["step"].startswith("schedule")}
    assert set(planned) == before["schedules"]
    assert set(planned.values()) <= {f"suspend, then to {HEIR}", f"to {HEIR} (suspended)"}

    code, lines, err = offboard(LEAVER, "--new-owner", HEIR, "--stop-schedules", "--yes")
    assert code == 0, err
    done = {line["id"]: line for line in lines if line["step"].startswith("schedule")}
    assert {line["status"] for line in done.values()} == {"changed"}
    assert state_of(emulator, LEAVER) == OFFBOARDED
