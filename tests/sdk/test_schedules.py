"""``sigma.schedules``: a workbook's and a member's scheduled exports, created, changed,
suspended, resumed and deleted, against the emulator; and where they go when their owner
is deactivated."""

from __future__ import annotations

import pytest
from tests.support.helpers import route_count

from sigmakit import InputError, NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer


def _owner_with_schedules(sigma: Sigma, at_least: int = 2) -> str:
    admin = sigma.whoami(member=False).user_id
    for member in sigma.members.list():
        if (
            member.member_id != admin
            and len(list(sigma.schedules.for_member(member.member_id))) >= at_least
        ):
            return member.member_id
    raise AssertionError("the seed has no member with enough schedules")


def test_the_seed_gives_workbook_owners_schedules_some_suspended(sigma: Sigma) -> None:
    owners = {w.owner_id for w in sigma.workbooks.list()}
    every = [s for owner in owners for s in sigma.schedules.for_member(owner)]
    assert len(every) >= len(owners)
    assert any(s.is_suspended for s in every) and not all(s.is_suspended for s in every)
    for schedule in every:
        assert schedule.owner_id in owners and schedule.workbook_id
        assert len(schedule.cron_spec.split()) == 5 and schedule.timezone
        if schedule.is_suspended:
            assert schedule.disabled_at is not None and schedule.disabled_by
        else:
            assert schedule.disabled_at is None


def test_a_workbooks_list_walks_every_page(sigma: Sigma, emulator: EmulatorServer) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    seeded = list(sigma.schedules.list(workbook.workbook_id))
    assert seeded and {s.workbook_id for s in seeded} == {workbook.workbook_id}
    before = route_count(emulator, "GET /v2/workbooks/{workbookId}/schedules")
    paged = list(sigma.schedules.list(workbook.workbook_id, page_size=1))
    assert [s.schedule_id for s in paged] == [s.schedule_id for s in seeded]
    assert route_count(emulator, "GET /v2/workbooks/{workbookId}/schedules") - before == len(seeded)


def test_create_suspend_resume_update_delete(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    team = next(iter(sigma.teams.list()))
    element = next(
        e for e in sigma.workbooks.all_elements(workbook.workbook_id) if e.type == "table"
    )
    made = sigma.schedules.create(
        workbook.workbook_id,
        cron="0 7 * * 1-5",
        timezone="Europe/London",
        emails=["ops@example.com"],
        team_ids=[team.team_id],
        title="Morning orders",
        attachment_format="csv",
        element_ids=[element.element_id],
        description="Orders for the morning stand-up",
    )
    assert (made.cron_spec, made.timezone, made.title) == (
        "0 7 * * 1-5",
        "Europe/London",
        "Morning orders",
    )
    assert made.description == "Orders for the morning stand-up" and not made.is_suspended
    attachment = made.config_v2["notificationAttachments"][0]
    assert attachment["formatOptions"] == {"type": "CSV"}
    assert attachment["workbookExportSource"]["nodeIds"] == [element.element_id]

    paused = sigma.schedules.suspend(workbook.workbook_id, made.schedule_id)
    assert paused.is_suspended and paused.disabled_at is not None
    assert (
        sigma.schedules.suspend(workbook.workbook_id, made.schedule_id).disabled_at
        == paused.disabled_at
    )
    resumed = sigma.schedules.resume(workbook.workbook_id, made.schedule_id)
    assert not resumed.is_suspended and resumed.disabled_at is None

    changed = sigma.schedules.update(
        workbook.workbook_id, made.schedule_id, cron="30 6 * * *", title="Early"
    )
    assert (changed.cron_spec, changed.title, changed.timezone) == (
        "30 6 * * *",
        "Early",
        "Europe/London",
    )
    listed = {s.schedule_id: s for s in sigma.schedules.list(workbook.workbook_id)}
    assert listed[made.schedule_id].cron_spec == "30 6 * * *"

    sigma.schedules.delete(workbook.workbook_id, made.schedule_id)
    assert made.schedule_id not in {
        s.schedule_id for s in sigma.schedules.list(workbook.workbook_id)
    }
    with pytest.raises(NotFoundError):
        sigma.schedules.delete(workbook.workbook_id, made.schedule_id)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cron": "0 7 * *"}, "5 fields"),
        ({"cron": "0 25 * * *"}, "hour 25"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"emails": ["not-an-email"]}, "not an email"),
        ({"emails": []}, "at least one recipient"),
        ({"attachment_format": "docx"}, "unknown attachment format"),
    ],
)
def test_bad_input_fails_before_anything_is_sent(
    sigma: Sigma, kwargs: dict[str, object], message: str
) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    before = len(list(sigma.schedules.list(workbook.workbook_id)))
    sent = sigma.requests_sent
    args: dict[str, object] = {"cron": "0 7 * * *", "timezone": "UTC", "emails": ["a@example.com"]}
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        sigma.schedules.create(workbook.workbook_id, **args)  # type: ignore[arg-type]
    assert sigma.requests_sent == sent
    assert len(list(sigma.schedules.list(workbook.workbook_id))) == before


def test_a_deactivated_members_schedules_go_to_the_new_owner(sigma: Sigma) -> None:
    leaver = _owner_with_schedules(sigma)
    theirs = {s.schedule_id for s in sigma.schedules.for_member(leaver)}
    heir = next(
        m.member_id
        for m in sigma.members.list()
        if m.member_id != leaver and m.member_type in ("Admin", "Pro")
    )
    had = {s.schedule_id for s in sigma.schedules.for_member(heir)}
    sigma.members.update(leaver, is_archived=True, new_owner_id=heir)
    assert list(sigma.schedules.for_member(leaver)) == []
    assert {s.schedule_id for s in sigma.schedules.for_member(heir)} == had | theirs


def test_archiving_scheduled_exports_suspends_them_where_they_are(sigma: Sigma) -> None:
    leaver = _owner_with_schedules(sigma)
    theirs = list(sigma.schedules.for_member(leaver))
    sigma.members.update(leaver, is_archived=True, archive_scheduled_exports=True)
    after = list(sigma.schedules.for_member(leaver))
    assert {s.schedule_id for s in after} == {s.schedule_id for s in theirs}
    assert all(s.is_suspended for s in after)


def test_delete_of_a_member_hands_their_schedules_to_the_credentials_owner(sigma: Sigma) -> None:
    leaver = _owner_with_schedules(sigma)
    theirs = {s.schedule_id for s in sigma.schedules.for_member(leaver)}
    admin = sigma.whoami(member=False).user_id
    sigma.request("DELETE", "/v2/members/{memberId}", path_params={"memberId": leaver})
    assert theirs <= {s.schedule_id for s in sigma.schedules.for_member(admin)}
