"""After an unclear failure (the answer lost, a 5xx after the change was made) a bulk step
looks again before it reports: ``failed`` only when the thing is not done."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.support.helpers import Sleeps, client_settings, queue_faults

from sigmakit import RetryPolicy, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.people import BulkDeactivateOptions, bulk_deactivate
from sigmakit.workflows.report import Status
from sigmakit.workflows.teams import TeamMembershipOptions, change_team_members


@pytest.fixture
def no_retries(emulator: EmulatorServer, sleeps: Sleeps) -> Iterator[Sigma]:
    """A client that does not re-send anything itself: the workflow meets every fault."""
    settings = client_settings(emulator)
    with Sigma(settings=settings, sleep=sleeps, retry=RetryPolicy(max_retries=0)) as sigma:
        sigma.whoami()
        yield sigma


def active_emails(sigma: Sigma, n: int) -> list[str]:
    return [m.email for m in sigma.members.list() if m.member_type != "Admin"][:n]


@pytest.mark.parametrize("fault", ["drop_after@PATCH", "error_after:503@PATCH"])
def test_a_team_change_whose_answer_was_lost_is_reported_changed(
    no_retries: Sigma, emulator: EmulatorServer, fault: str
) -> None:
    sigma = no_retries
    team = sigma.teams.create(name="Lost Answers")
    emails = active_emails(sigma, 12)
    queue_faults(emulator, fault)
    report = change_team_members(sigma, TeamMembershipOptions(team=team.team_id, emails=emails))
    assert report.ok, report.summary()
    assert report.counts() == {"changed": 12}
    members = [m.user_id for m in sigma.teams.members(team.team_id)]
    assert len(members) == len(set(members)) == 12


def test_a_team_change_that_did_not_land_is_sent_again(
    no_retries: Sigma, emulator: EmulatorServer
) -> None:
    sigma = no_retries
    team = sigma.teams.create(name="Retried")
    emails = active_emails(sigma, 5)
    queue_faults(emulator, "error:502@PATCH", "drop@PATCH")
    report = change_team_members(sigma, TeamMembershipOptions(team=team.team_id, emails=emails))
    assert report.counts() == {"changed": 5}
    assert len(list(sigma.teams.members(team.team_id))) == 5


def test_a_team_change_refused_for_good_is_failed_and_not_done(
    no_retries: Sigma, emulator: EmulatorServer
) -> None:
    sigma = no_retries
    team = sigma.teams.create(name="Refused")
    emails = active_emails(sigma, 3)
    queue_faults(emulator, *["error:500@PATCH"] * 6)
    report = change_team_members(sigma, TeamMembershipOptions(team=team.team_id, emails=emails))
    assert report.counts() == {"failed": 3}
    assert list(sigma.teams.members(team.team_id)) == []


def test_bulk_deactivate_whose_answer_was_lost_is_reported_done(
    no_retries: Sigma, emulator: EmulatorServer
) -> None:
    sigma = no_retries
    target = active_emails(sigma, 1)
    queue_faults(emulator, "drop_after@PATCH")
    report = bulk_deactivate(sigma, BulkDeactivateOptions(emails=target, apply=True))
    assert [i.status for i in report.items] == [Status.CHANGED]
    assert sigma.members.find_by_email(target[0]).is_archived  # type: ignore[union-attr]
