"""Bulk team assignment and removal by email, at the SDK level, against the emulator."""

from __future__ import annotations

import math
from typing import Any

import pytest
from tests.support.helpers import all_entries, clear_stats, reseed, route_count, route_counts

from sigmakit import NotFoundError, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.report import Status
from sigmakit.workflows.teams import TeamMembershipOptions, change_team_members

PATCH = "PATCH /v2/teams/{teamId}/members"
LIST_MEMBERS = "GET /v2/members"


def members(emulator: EmulatorServer) -> list[dict[str, Any]]:
    """Every member, archived and inactive ones too, as the API lists them."""
    return all_entries(emulator, "/v2/members", includeArchived="true", includeInactive="true")


def active(emulator: EmulatorServer, limit: int | None = None) -> list[dict[str, Any]]:
    return all_entries(emulator, "/v2/members")[:limit]


def team_member_ids(emulator: EmulatorServer, team_id: str) -> list[str]:
    return [m["userId"] for m in all_entries(emulator, f"/v2/teams/{team_id}/members")]


def test_assign_reports_each_email_and_sends_one_patch(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    team = sigma.teams.create(name="Launch crew")
    people = active(emulator, 6)
    sigma.teams.update_members(team.team_id, add=[people[0]["memberId"]])
    archived = next(m for m in members(emulator) if m["isArchived"])
    clear_stats(emulator)
    emails = [
        people[0]["email"],  # already in
        people[1]["email"].upper(),  # another case
        people[2]["email"],
        f"  {people[3]['email']}  ",
        people[2]["email"].title(),  # the same address again
        "nobody@northwind.example",
        archived["email"],
    ]
    report = change_team_members(sigma, TeamMembershipOptions(team="launch CREW", emails=emails))
    sent = route_counts(emulator)  # before the checks below make requests of their own

    by_email = {i.subject.strip().lower(): i for i in report.items}
    assert len(report.items) == 6
    assert by_email[people[0]["email"]].status is Status.SKIPPED
    for person in people[1:4]:
        assert by_email[person["email"]].status is Status.CHANGED
    assert by_email["nobody@northwind.example"].status is Status.UNKNOWN
    assert by_email[archived["email"]].status is Status.FAILED
    assert "deactivated" in by_email[archived["email"]].message
    assert not report.ok
    assert sorted(team_member_ids(emulator, team.team_id)) == sorted(
        p["memberId"] for p in people[:4]
    )
    assert sent[PATCH] == 1
    assert sent[LIST_MEMBERS] == math.ceil(len(members(emulator)) / 1000)
    assert sent.get("GET /v2/members/{memberId}", 0) == 0


def test_thousands_go_in_one_request_per_thousand(sigma: Sigma, emulator: EmulatorServer) -> None:
    reseed(emulator, members=2600)
    total = len(members(emulator))
    team = sigma.teams.create(name="Everyone")
    people = active(emulator, 2100)
    assert len(people) == 2100
    clear_stats(emulator)
    report = change_team_members(
        sigma, TeamMembershipOptions(team=team.team_id, emails=[p["email"] for p in people])
    )
    sent = route_counts(emulator)
    assert report.ok and report.counts() == {"changed": 2100}
    assert sent[PATCH] == 3
    assert sent[LIST_MEMBERS] == math.ceil(total / 1000)
    assert sent["GET /v2/teams/{teamId}/members"] == 1
    assert set(team_member_ids(emulator, team.team_id)) == {p["memberId"] for p in people}


def test_remove_takes_out_only_those_in_the_team(sigma: Sigma, emulator: EmulatorServer) -> None:
    people = active(emulator, 5)
    team = sigma.teams.create(name="Leaving", members=[p["memberId"] for p in people[:3]])
    report = change_team_members(
        sigma,
        TeamMembershipOptions(
            team=team.name, emails=[p["email"] for p in people[1:5]], action="remove"
        ),
    )
    statuses = [i.status for i in report.items]
    assert statuses == [Status.CHANGED, Status.CHANGED, Status.SKIPPED, Status.SKIPPED]
    assert report.ok
    assert team_member_ids(emulator, team.team_id) == [people[0]["memberId"]]


def test_dry_run_changes_nothing(sigma: Sigma, emulator: EmulatorServer) -> None:
    team = sigma.teams.create(name="Maybe")
    people = active(emulator, 3)
    clear_stats(emulator)
    report = change_team_members(
        sigma,
        TeamMembershipOptions(team=team.name, emails=[p["email"] for p in people], dry_run=True),
    )
    assert [i.status for i in report.items] == [Status.PLANNED] * 3
    assert not report.applied and report.summary() == "3 planned"
    assert route_count(emulator, PATCH) == 0
    assert team_member_ids(emulator, team.team_id) == []


def test_unknown_team_is_not_found_before_any_change(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    clear_stats(emulator)
    with pytest.raises(NotFoundError, match="No Such Team"):
        change_team_members(
            sigma,
            TeamMembershipOptions(team="No Such Team", emails=[active(emulator, 1)[0]["email"]]),
        )
    assert route_count(emulator, PATCH) == 0


def test_inactive_members_are_reported_and_not_sent(sigma: Sigma, emulator: EmulatorServer) -> None:
    team = sigma.teams.create(name="Night shift")
    person, inactive = active(emulator, 2)
    sigma.members.update(inactive["memberId"], is_inactive=True)
    clear_stats(emulator)
    report = change_team_members(
        sigma, TeamMembershipOptions(team=team.team_id, emails=[inactive["email"], person["email"]])
    )
    by_email = {i.subject: i for i in report.items}
    assert by_email[inactive["email"]].status is Status.FAILED
    assert by_email[inactive["email"]].message == "member is inactive; not sent"
    assert by_email[inactive["email"]].id == inactive["memberId"]
    assert by_email[person["email"]].status is Status.CHANGED
    assert by_email[person["email"]].message == "added to Night shift"  # named by id
    assert team_member_ids(emulator, team.team_id) == [person["memberId"]]


def test_the_team_is_found_by_the_rule_and_messages_of_teams_resolve(sigma: Sigma) -> None:
    """The bulk change reads teams as raw entries; what it finds, and what it says when it
    finds nothing or too much, is what ``sigma.teams.resolve`` finds and says."""
    from sigmakit import InputError
    from sigmakit.workflows.teams import team_entry

    team = sigma.teams.create(name="Field Ops")
    for ref in ("Field Ops", "  field ops ", team.team_id):
        assert team_entry(sigma, ref)["teamId"] == sigma.teams.resolve(ref).team_id
    with pytest.raises(NotFoundError) as raw_miss:
        team_entry(sigma, "Feild Ops")
    with pytest.raises(NotFoundError) as model_miss:
        sigma.teams.resolve("Feild Ops")
    assert str(raw_miss.value) == str(model_miss.value)
    assert "did you mean 'Field Ops'" in str(raw_miss.value)
    with pytest.raises(InputError) as raw_blank:
        team_entry(sigma, "  ")
    with pytest.raises(InputError) as model_blank:
        sigma.teams.resolve("  ")
    assert str(raw_blank.value) == str(model_blank.value) == "name a team (its name or id)"
