"""``sigmakit schedules`` against the emulator: a workbook's and a member's schedules, in
tables and pipes; suspend, resume and delete by id or title; bad input is one line, a
non-zero exit and no change (checked through the API)."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import run

from sigmakit import Sigma


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def _rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def _a_member_with_schedules(sigma: Sigma) -> tuple[str, list[str]]:
    admin = sigma.whoami(member=False).user_id
    for member in sigma.members.list():
        theirs = [s.schedule_id for s in sigma.schedules.for_member(member.member_id)]
        if member.member_id != admin and len(theirs) >= 2:
            return member.email, theirs
    raise AssertionError("no member with two schedules in the seed")


def test_list_a_workbooks_schedules_as_a_table_and_as_json(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    expected = [s.schedule_id for s in sigma.schedules.list(workbook.workbook_id)]
    code, out, err = run("schedules", "list", "--workbook", "Sales Overview", "-o", "table")
    assert code == 0, err
    assert "Sales Overview" in out and "America/New_York" in out and "cronSpec" in out
    code, out, err = run("schedules", "list", "--workbook", workbook.workbook_id, "-o", "jsonl")
    rows = _rows(out)
    assert [r["scheduleId"] for r in rows] == expected
    assert {r["workbook"] for r in rows} == {"Sales Overview"}
    assert all(r["owner"] == "admin@northwind.example" for r in rows)


def test_list_a_members_schedules_by_email_with_chosen_fields(sigma: Sigma) -> None:
    email, theirs = _a_member_with_schedules(sigma)
    code, out, err = run(
        "schedules", "list", "--member", email, "-o", "jsonl", "--fields", "scheduleId,owner"
    )
    assert code == 0, err
    assert _rows(out) == [{"scheduleId": s, "owner": email} for s in theirs]
    code, out, _ = run("schedules", "list", "--member", email, "--suspended", "-o", "jsonl")
    assert all(r["isSuspended"] for r in _rows(out))


def test_suspend_resume_and_delete_by_id_or_title(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    made = sigma.schedules.create(
        workbook.workbook_id,
        cron="0 9 * * 1",
        timezone="UTC",
        emails=["a@example.com"],
        title="Monday digest",
    )
    code, out, err = run("schedules", "suspend", "Sales Overview", "Monday digest", "-o", "jsonl")
    assert code == 0, err
    assert _rows(out)[0]["status"] == "suspended"
    assert {s.schedule_id: s for s in sigma.schedules.list(workbook.workbook_id)}[
        made.schedule_id
    ].is_suspended
    code, out, _ = run("schedules", "suspend", "Sales Overview", made.schedule_id, "-o", "jsonl")
    assert code == 0 and _rows(out)[0]["status"] == "unchanged"
    code, out, _ = run("schedules", "resume", "Sales Overview", made.schedule_id, "-o", "jsonl")
    assert code == 0 and _rows(out)[0]["status"] == "resumed"

    code, out, err = run("schedules", "delete", "Sales Overview", made.schedule_id, "-o", "jsonl")
    assert code == 0 and _rows(out)[0]["status"] == "planned" and "--yes" in err
    assert made.schedule_id in {s.schedule_id for s in sigma.schedules.list(workbook.workbook_id)}
    code, out, err = run(
        "schedules", "delete", "Sales Overview", made.schedule_id, "--yes", "-o", "jsonl"
    )
    assert code == 0 and _rows(out)[0]["status"] == "deleted", err
    assert made.schedule_id not in {
        s.schedule_id for s in sigma.schedules.list(workbook.workbook_id)
    }


def test_one_unknown_schedule_stops_the_whole_change(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    before = list(sigma.schedules.list(workbook.workbook_id))
    good = next(s for s in before if not s.is_suspended)
    code, out, err = run("schedules", "suspend", "Sales Overview", good.schedule_id, "nope")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "'nope'" in err and "Traceback" not in err
    code, out, err = run("schedules", "delete", "Sales Overview", good.schedule_id, "nope", "--yes")
    assert code == 2 and err.count("\n") == 1
    assert list(sigma.schedules.list(workbook.workbook_id)) == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("list", "--workbook", "Sales Overveiw"), 5, "did you mean 'Sales Overview'"),
        (("list", "--member", "nobody@example.com"), 5, "nobody@example.com"),
        (("list", "--workbook", "Sales Overview", "--member", "x@example.com"), 2, "together"),
        (("list", "--fields", "scheduleId,colour"), 2, "colour"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    args: tuple[str, ...], code: int, words: str
) -> None:
    got, out, err = run("schedules", *args)
    assert got == code and out == ""
    assert err.count("\n") == 1 and words in err
