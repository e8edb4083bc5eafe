"""Offboarding at the SDK level against the emulator: every step, checked over HTTP; a
second run that sends no write; a plan that changes nothing; refusals before any change;
a run stopped by a failure at any step, then finished by the next one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tests.support.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    all_entries,
    clear_stats,
    get_json,
)
from tests.support.offboard import (
    ADMIN,
    HEIR,
    LEAVER,
    OFFBOARDED,
    member,
    owned,
    state_of,
    writes,
)
from tests.support.trouble import Trouble

from sigmakit import InputError, Sigma, load_settings
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.offboard import OffboardOptions, offboard, plan_offboard
from sigmakit.workflows.report import Status


def test_offboarding_hands_everything_over_then_a_rerun_sends_no_write(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    before = state_of(emulator, LEAVER)
    heir_before = owned(emulator, member(emulator, HEIR))
    assert len(before["owned"]) >= 3 and len(before["teams"]) >= 2 and not before["archived"]

    report = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))

    assert report.ok, report.items
    steps = {i.step: i for i in report.items}
    for file_id in before["owned"]:
        line = next(i for i in report.items if i.id == file_id)
        assert line.status is Status.CHANGED and line.message == f"now owned by {HEIR}"
        assert (
            get_json(emulator, f"/v2/files/{file_id}")["ownerId"]
            == member(emulator, HEIR)["memberId"]
        )
    for name in before["teams"]:
        assert steps[f"team {name}"].status is Status.CHANGED
    assert steps["deactivate"].status is Status.CHANGED
    assert [i.step for i in report.items][-1] == "deactivate"
    assert state_of(emulator, LEAVER) == OFFBOARDED
    assert owned(emulator, member(emulator, HEIR)) == heir_before | before["owned"]

    clear_stats(emulator)
    again = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))
    assert again.ok
    assert {i.status for i in again.items} <= {Status.ALREADY, Status.SKIPPED}
    assert {i.step for i in again.items if i.status is Status.ALREADY} >= {
        "documents",
        "teams",
        "deactivate",
    }
    assert writes(emulator) == {}


def test_the_plan_changes_nothing(sigma: Sigma, emulator: EmulatorServer) -> None:
    before = state_of(emulator, LEAVER)
    clear_stats(emulator)
    plan = plan_offboard(sigma, OffboardOptions(LEAVER, HEIR))
    report = offboard(sigma, OffboardOptions(LEAVER, HEIR))

    assert writes(emulator) == {}
    assert state_of(emulator, LEAVER) == before
    assert not report.applied
    assert {f.id for f in plan.documents} == before["owned"]
    assert sorted(t.name for t in plan.teams) == sorted(before["teams"])
    planned = [i for i in report.items if i.status is Status.PLANNED]
    assert (
        len(planned) == len(before["owned"]) + len(before["schedules"]) + len(before["teams"]) + 1
    )
    text = "\n".join(plan.lines())
    assert f"documents: {len(before['owned'])} to hand over" in text
    assert f"teams: {len(before['teams'])} to leave" in text


def test_refusals_change_nothing(sigma: Sigma, emulator: EmulatorServer) -> None:
    gone = "evelyn.martinez@northwind.example"
    sigma.members.update(member(emulator, gone)["memberId"], is_archived=True)
    cases = [
        (ADMIN, HEIR, f"{ADMIN} owns the API credentials in use and cannot be offboarded"),
        (LEAVER, LEAVER.upper(), f"{LEAVER} cannot be their own new owner"),
        (LEAVER, gone, f"the new owner {gone} is deactivated; name an active member"),
        (
            "tomas.jnoes@northwind.example",
            HEIR,
            "unknown member: no member has the email tomas.jnoes@northwind.example; "
            "did you mean 'tomas.jones@northwind.example'?",
        ),
        (LEAVER, "nobody-id", "unknown new owner: no member has the id nobody-id"),
    ]
    before = state_of(emulator, LEAVER)
    clear_stats(emulator)
    for who, heir, message in cases:
        with pytest.raises(InputError) as caught:
            offboard(sigma, OffboardOptions(who, heir, apply=True))
        assert str(caught.value) == message
    assert writes(emulator) == {}
    assert state_of(emulator, LEAVER) == before


def _is(method: str, fragment: str) -> Callable[[Any], bool]:
    return lambda r: r.method == method and fragment in r.url.path


#: how the report line of the failing step begins (the first file is a folder)
FAILED_LINE = {
    "document": "folder ",
    "suspend": "schedule ",
    "team": "team ",
    "attribute": "user attribute ",
    "deactivate": "deactivate",
}
FAILING = {
    "document": _is("PATCH", "/v2/files/"),
    "suspend": _is("PATCH", "/schedules/"),
    "team": _is("PATCH", "/v2/teams/"),
    "attribute": _is("PATCH", "/v2/user-attributes/"),
    "deactivate": _is("PATCH", "/v2/members/"),
}


@pytest.mark.parametrize("step", FAILING)
def test_a_failure_stops_the_run_and_the_next_run_finishes_it(
    sigma: Sigma,
    emulator: EmulatorServer,
    troubled: Callable[[Trouble], Sigma],
    step: str,
) -> None:
    # a value of their own, so that every step has something to do
    region = sigma.user_attributes.resolve("Region")
    leaver_id = member(emulator, LEAVER)["memberId"]
    sigma.user_attributes.set_members(region.user_attribute_id, {leaver_id: "EMEA"})
    options = OffboardOptions(LEAVER, HEIR, stop_schedules=True, apply=True)
    broken = Trouble(FAILING[step], "refuse")
    first = offboard(troubled(broken), options)

    assert broken.hits > 0 and not first.ok
    statuses = [i.status for i in first.items]
    failed = statuses.index(Status.FAILED)
    assert first.items[failed].step.startswith(FAILED_LINE[step])
    # the run stopped there: every later line that had something to do is "not done"
    later = {(i.step, i.status) for i in first.items[failed + 1 :]}
    assert {status for _, status in later} <= {Status.NOT_DONE, Status.ALREADY, Status.SKIPPED}
    if step != "deactivate":
        assert ("deactivate", Status.NOT_DONE) in later
    assert not member(emulator, LEAVER)["isArchived"]

    second = offboard(sigma, options)
    assert second.ok, second.items
    assert state_of(emulator, LEAVER) == OFFBOARDED
    heir_id = member(emulator, HEIR)["memberId"]
    values = all_entries(emulator, f"/v2/user-attributes/{region.user_attribute_id}/users")
    assert leaver_id not in {v["userId"] for v in values}
    handed = {
        x["scheduledNotificationId"]: x["isSuspended"]
        for x in all_entries(emulator, f"/v2/members/{heir_id}/schedules")
    }
    theirs = {i.id for i in first.items if i.step.startswith("schedule ")}
    assert theirs and all(handed[schedule_id] for schedule_id in theirs)


def test_an_inactive_member_keeps_their_teams_and_is_still_offboarded(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    who = member(emulator, LEAVER)
    sigma.members.update(who["memberId"], is_inactive=True)
    teams = state_of(emulator, LEAVER)["teams"]
    assert teams

    report = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))

    assert report.ok, report.items
    for name in teams:
        line = next(i for i in report.items if i.step == f"team {name}")
        assert line.status is Status.SKIPPED
        assert (
            line.message == "not sent: Sigma does not take a member who is inactive out of a team"
        )
    assert state_of(emulator, LEAVER) == {**OFFBOARDED, "teams": teams}


class Dies(httpx.BaseTransport):
    """A server that stops answering (connections refused) after ``writes`` changes."""

    def __init__(self, writes: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.left = writes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.left <= 0:
            raise httpx.ConnectError("connection refused", request=request)
        if request.method != "GET" and not request.url.path.endswith("/auth/token"):
            self.left -= 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_server_that_stops_answering_stops_the_run_and_a_rerun_finishes(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    settings = load_settings(
        base_url=emulator.base_url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        env={"SIGMAKIT_FAIL_FAST": "0.2", "SIGMAKIT_RETRY_DELAY": "0.01"},
        use_dotenv=False,
    )
    with Sigma(settings=settings, transport=Dies(writes=2)) as dying:
        first = offboard(dying, OffboardOptions(LEAVER, HEIR, apply=True))

    assert first.stopped and not first.ok
    statuses = [i.status for i in first.items]
    assert statuses[:2] == [Status.CHANGED, Status.CHANGED]
    assert Status.FAILED not in statuses  # nothing that may have been done is called failed
    assert statuses[-1] is Status.NOT_DONE and first.items[-1].step == "deactivate"
    assert not member(emulator, LEAVER)["isArchived"]

    second = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))
    assert second.ok, second.items
    assert state_of(emulator, LEAVER) == OFFBOARDED


def _schedules_of(sigma: Sigma, email: str) -> dict[str, bool]:
    """The member's scheduled exports: id -> suspended."""
    who = sigma.members.resolve(email)
    return {s.schedule_id: s.is_suspended for s in sigma.schedules.for_member(who.member_id)}


def _give_schedules(sigma: Sigma, email: str) -> dict[str, bool]:
    """Two running scheduled exports owned by the member (besides any the seed gave them)."""
    who = sigma.members.resolve(email)
    workbook = next(iter(sigma.workbooks.list()))
    for title in ("Weekly margin", "Monthly stock"):
        sigma.schedules.create(
            workbook.workbook_id,
            cron="0 7 * * 1",
            timezone="UTC",
            emails=[email],
            title=title,
            owner_id=who.member_id,
        )
    return _schedules_of(sigma, email)


@pytest.mark.parametrize("stop", [False, True])
def test_scheduled_exports_go_to_the_new_owner_running_or_suspended(
    sigma: Sigma, emulator: EmulatorServer, stop: bool
) -> None:
    theirs = _give_schedules(sigma, LEAVER)
    assert len(theirs) >= 2
    heirs_before = _schedules_of(sigma, HEIR)

    report = offboard(sigma, OffboardOptions(LEAVER, HEIR, stop_schedules=stop, apply=True))

    assert report.ok, report.items
    lines = {i.id: i for i in report.items if i.step.startswith("schedule ")}
    assert set(lines) == set(theirs)
    for schedule_id, line in lines.items():
        suspended_here = stop and not theirs[schedule_id]
        assert line.status is Status.CHANGED, line
        assert line.message == ("suspended; " if suspended_here else "") + f"now owned by {HEIR}"
    assert _schedules_of(sigma, LEAVER) == {}
    heirs = _schedules_of(sigma, HEIR)
    for schedule_id, suspended in theirs.items():
        assert heirs[schedule_id] is (True if stop else suspended)
    assert {k: v for k, v in heirs.items() if k in heirs_before} == heirs_before

    clear_stats(emulator)
    again = offboard(sigma, OffboardOptions(LEAVER, HEIR, stop_schedules=stop, apply=True))
    assert {i.step: i.status for i in again.items}["schedules"] is Status.ALREADY
    assert writes(emulator) == {}


def test_their_own_attribute_values_are_cleared_and_team_values_left(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    who = sigma.members.resolve(LEAVER)
    team = next(iter(sigma.teams.of_member(who.member_id)))
    region = sigma.user_attributes.create("Offboard Region")
    desk = sigma.user_attributes.create("Offboard Desk")
    sigma.user_attributes.set_members(region.user_attribute_id, {who.member_id: "EMEA"})
    sigma.user_attributes.set_teams(desk.user_attribute_id, {team.team_id: "North"})
    own = {
        v.user_attribute_id: v.value
        for v in sigma.user_attributes.member_values(who.member_id)
        if v.source == "member"
    }
    assert own[region.user_attribute_id] == "EMEA"

    report = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))

    assert report.ok, report.items
    line = next(i for i in report.items if i.id == region.user_attribute_id)
    assert line.step == "user attribute Offboard Region"
    assert (line.status, line.message) == (Status.CHANGED, "cleared (was EMEA)")
    assert not any(i.id == desk.user_attribute_id for i in report.items)  # a team's value
    assert [
        v for v in sigma.user_attributes.member_values(who.member_id) if v.source == "member"
    ] == []
    assert {
        t.team_id: t.value.val for t in sigma.user_attributes.teams(desk.user_attribute_id)
    } == {team.team_id: "North"}
    clear_stats(emulator)
    again = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))
    assert {i.step: i.status for i in again.items}["user attributes"] is Status.ALREADY
    assert writes(emulator) == {}


def test_a_leavers_report_is_handed_over_with_their_other_documents(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    leaver, heir = member(emulator, LEAVER), member(emulator, HEIR)
    report = sigma.reports.create(folder_id=leaver["homeFolderId"], name="Leaver's pack")
    sigma.files.update(report.report_id, owner_id=leaver["memberId"])
    assert sigma.files.get(report.report_id).owner_id == leaver["memberId"]

    plan = plan_offboard(sigma, OffboardOptions(LEAVER, HEIR))
    assert report.report_id in {f.id for f in plan.documents}
    result = offboard(sigma, OffboardOptions(LEAVER, HEIR, apply=True))

    assert result.ok, result.items
    line = next(i for i in result.items if i.id == report.report_id)
    assert line.status is Status.CHANGED and line.step == "report My Documents/Leaver's pack"
    assert get_json(emulator, f"/v2/reports/{report.report_id}")["ownerId"] == heir["memberId"]
