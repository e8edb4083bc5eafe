"""Onboarding many people: the requests it sends (what the organization holds read once,
three writes per person, one team PATCH per team and one grants POST per connection per
1,000 people), a rerun that writes nothing, bounded concurrency, one refused member not
keeping a team's or a connection's batch out, and a stop when the server stops answering.
Counted by the emulator, never timed."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator

import httpx
import pytest
from tests.support.helpers import (
    advance_clock,
    clear_stats,
    client_settings,
    reseed,
    route_counts,
    set_faults,
)

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.onboard import OnboardOptions, Person, onboard
from sigmakit.workflows.onboard import steps as onboard_module
from sigmakit.workflows.report import Status
from sigmakit.workflows.teams import LOOKUP_EACH_UP_TO

PEOPLE = 200
CONNECTIONS = ("Northwind Snowflake", "Lakehouse")
#: people who may start while a one-page member walk is still running: two per worker
EARLY = 2 * 8


def people(count: int, teams: list[str], tag: str = "scale") -> list[Person]:
    """Every third person in two teams, the others in one; one connection each."""
    return [
        Person(
            email=f"person{i}.{tag}@scale.example",
            first_name="Per",
            last_name=f"Son {i}",
            account_type=("Pro", "Lite", "Essential")[i % 3],
            teams=tuple(teams) if i % 3 == 0 else (teams[i % len(teams)],),
            connections=(CONNECTIONS[i % 2],),
        )
        for i in range(count)
    ]


def writes(counts: dict[str, int]) -> dict[str, int]:
    return {r: n for r, n in counts.items() if n and not r.startswith("GET") and "/auth/" not in r}


@pytest.fixture
def team_names(sigma: Sigma) -> list[str]:
    return sorted(t.name for t in sigma.teams.list())[:2]


def test_200_people_take_three_writes_each_and_one_per_team_and_connection_then_none_again(
    sigma: Sigma, emulator: EmulatorServer, team_names: list[str]
) -> None:
    everyone = people(PEOPLE, team_names)
    clear_stats(emulator)
    report = onboard(sigma, OnboardOptions(people=everyone))
    assert report.ok, report.by_status(Status.FAILED)[:3]
    assert {i.status for i in report.items} == {Status.CREATED}
    counts = route_counts(emulator)
    assert writes(counts) == {
        "POST /v2/members": PEOPLE,
        "POST /v2/workspaces": PEOPLE,
        "POST /v2/workspaces/{workspaceId}/grants": PEOPLE,
        "POST /v2/connections/{connectionId}/grants": len(CONNECTIONS),
        "PATCH /v2/teams/{teamId}/members": len(team_names),
    }
    # read once: the members and the workspaces (a page each), each team's members, each
    # connection's grants; a person started while the member walk still ran (a few at
    # most: it is one page here) is looked up by email instead
    assert 1 <= counts["GET /v2/members"] <= 1 + EARLY
    assert counts["GET /v2/workspaces"] == 1
    assert counts["GET /v2/teams/{teamId}/members"] == len(team_names)
    assert counts["GET /v2/connections/{connectionId}/grants"] == len(CONNECTIONS)
    total = sum(n for r, n in counts.items() if "/auth/" not in r)
    assert total <= 3 * PEOPLE + 4 * len(team_names) + 3 * len(CONNECTIONS) + 2 + EARLY
    # each person holds the permission their account type gives, on their connection
    for name in CONNECTIONS:
        connection = sigma.connections.resolve(name)
        held = {
            g.member_id: g.permission for g in sigma.connections.grants(connection.connection_id)
        }
        for p in everyone:
            if p.connections == (name,):
                member = sigma.members.find_by_email(p.email)
                assert member is not None
                assert held[member.member_id] == (
                    "annotate" if p.account_type == "Pro" else "usage"
                )

    # the report, checked through the API: each team holds its people once
    ids = {m.email: m.member_id for m in sigma.members.list()}
    teams = {t.name: t for t in sigma.teams.list()}
    for name in team_names:
        in_team = [m.user_id for m in sigma.teams.members(teams[name].team_id)]
        expected = {ids[p.email] for p in everyone if name in p.teams}
        assert len(in_team) == len(set(in_team))
        assert expected <= set(in_team)

    clear_stats(emulator)
    again = onboard(sigma, OnboardOptions(people=everyone))
    assert {i.status for i in again.items} == {Status.ALREADY}
    counts = route_counts(emulator)
    assert writes(counts) == {}
    # the workspaces are read with the members (a page); per person only the grants of
    # their workspace (and their member and workspace by name, for the few started
    # before the walks were in)
    assert 1 <= counts["GET /v2/workspaces"] <= 1 + EARLY
    assert counts["GET /v2/workspaces/{workspaceId}/grants"] == PEOPLE
    total = sum(n for r, n in counts.items() if "/auth/" not in r)
    assert total <= PEOPLE + 4 * len(team_names) + 3 * len(CONNECTIONS) + 2 + 2 * EARLY
    assert [i.step for i in again.items] == [i.step for i in report.items]


def test_the_first_people_do_not_wait_for_a_long_member_walk(
    sigma: Sigma, emulator: EmulatorServer, team_names: list[str]
) -> None:
    # 5,000 members are 6 pages read one after another, 60 ms each here; the people's
    # steps start once the names are checked (two round trips): those started before the
    # walk is in are looked up by email, the rest use what it found
    reseed(emulator, members=5000)
    set_faults(emulator, latency_ms=60)
    everyone = people(60, team_names, tag="early")
    clear_stats(emulator)
    report = onboard(sigma, OnboardOptions(people=everyone))
    assert report.ok, report.by_status(Status.FAILED)[:3]
    assert {i.status for i in report.items} == {Status.CREATED}
    counts = route_counts(emulator)
    pages = 6
    looked_up = counts["GET /v2/members"] - pages
    assert looked_up >= 1, "every person waited for the whole member walk"
    assert writes(counts)["POST /v2/members"] == len(everyone)
    total = sum(n for r, n in counts.items() if "/auth/" not in r)
    # 3 a person, the lookups, and a constant: the names checked, a read and a batch for
    # each team and connection, the account types, the walks
    assert total <= 3 * len(everyone) + looked_up + 4 * len(team_names) + 3 * 2 + pages + 10


def test_team_memberships_and_connection_grants_go_out_one_request_per_batch(
    sigma: Sigma,
    emulator: EmulatorServer,
    team_names: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 1,000 a request in the product; 50 here, so that 200 people need several batches
    monkeypatch.setattr(onboard_module, "MAX_BATCH", 50)
    everyone = people(PEOPLE, team_names[:1], tag="batch")
    clear_stats(emulator)
    assert onboard(sigma, OnboardOptions(people=everyone)).ok
    counts = route_counts(emulator)
    assert counts["PATCH /v2/teams/{teamId}/members"] == PEOPLE // 50
    # half the people on each of the two connections: two batches of 50 each
    assert counts["POST /v2/connections/{connectionId}/grants"] == 2 * (PEOPLE // 2 // 50)
    team = sigma.teams.resolve(team_names[0])
    in_team = {m.user_id for m in sigma.teams.members(team.team_id)}
    assert {
        m.member_id for m in sigma.members.list() if m.email.endswith("batch@scale.example")
    } <= in_team


class InFlight(httpx.BaseTransport):
    """The real network, counting how many requests are in flight at once."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            response = self.inner.handle_request(request)
            response.read()
            return response
        finally:
            with self.lock:
                self.now -= 1

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def counted(emulator: EmulatorServer) -> Iterator[tuple[Sigma, InFlight]]:
    transport = InFlight()
    client = Sigma(settings=client_settings(emulator), transport=transport)
    yield client, transport
    client.close()


def test_at_most_concurrency_requests_are_in_flight_and_threads_share_one_token_refresh(
    emulator: EmulatorServer, counted: tuple[Sigma, InFlight], team_names: list[str]
) -> None:
    sigma, transport = counted
    expiries = 0

    def expire_the_token_now_and_then() -> None:
        # the emulator's clock jumps past the token's life: the requests in flight all get
        # a 401 at once, and the threads must share one new token, not fetch one each
        nonlocal expiries
        if expiries < 3 and transport.now >= 2 and sigma._core.tokens.minted == 1 + expiries:
            expiries += 1
            advance_clock(emulator, 4000)

    everyone = people(120, team_names, tag="threads")
    report = onboard(
        sigma,
        OnboardOptions(people=everyone, concurrency=4, progress=expire_the_token_now_and_then),
    )
    assert report.ok, report.by_status(Status.FAILED)[:3]
    assert {i.status for i in report.items} == {Status.CREATED}
    assert 2 <= transport.most <= 4
    assert expiries >= 1
    assert sigma._core.tokens.minted == 1 + expiries
    assert sum(1 for m in sigma.members.list() if m.email.endswith("threads@scale.example")) == 120


def test_a_member_the_team_refuses_does_not_keep_the_others_out(
    sigma: Sigma, emulator: EmulatorServer, team_names: list[str]
) -> None:
    everyone = people(40, team_names[:1], tag="refused")
    first = everyone[0]
    seen = 0

    def deactivate_the_first_after_their_steps() -> None:
        nonlocal seen
        seen += 1
        if seen == 1:  # concurrency 1: the first person's own steps are done
            member = sigma.members.find_by_email(first.email)
            assert member is not None
            sigma.members.update(member.member_id, is_archived=True)

    report = onboard(
        sigma,
        OnboardOptions(
            people=everyone, concurrency=1, progress=deactivate_the_first_after_their_steps
        ),
    )
    team_items = [i for i in report.items if i.step.startswith("team ")]
    assert [i.subject for i in team_items if i.status is Status.FAILED] == [first.email]
    assert {i.status for i in team_items if i.subject != first.email} == {Status.CREATED}
    team = sigma.teams.resolve(team_names[0])
    in_team = {m.user_id for m in sigma.teams.members(team.team_id)}
    ids = {m.email: m.member_id for m in sigma.members.list(include_archived=True)}
    assert ids[first.email] not in in_team
    assert {ids[p.email] for p in everyone[1:]} <= in_team


def test_a_grant_the_connection_refuses_does_not_keep_the_others_out(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    # a connection takes a list of grants all or none: one grantee it refuses (a member id
    # it does not know) fails the whole POST; the batch is then sent in halves
    connection = sigma.connections.resolve(CONNECTIONS[0])
    cid = connection.connection_id
    held = {g.member_id for g in sigma.connections.grants(cid)}
    members = [m for m in sigma.members.list() if m.member_id not in held][:7]
    assert len(members) == 7
    wanted = {m.member_id: "usage" for m in members[:3]}
    wanted["NoSuchMember0000000000000000"] = "usage"
    wanted.update({m.member_id: "annotate" for m in members[3:]})
    clear_stats(emulator)
    undone = onboard_module._give_grants(sigma, cid, wanted)
    assert list(undone) == ["NoSuchMember0000000000000000"]
    assert "NoSuchMember" in str(undone["NoSuchMember0000000000000000"])
    now = {g.member_id: g.permission for g in sigma.connections.grants(cid)}
    assert {m.member_id: now.get(m.member_id) for m in members} == {
        i: p for i, p in wanted.items() if not i.startswith("NoSuch")
    }
    # the whole batch, then halves down to the one refused: far fewer than one per grant
    # tried, and fewer than one POST each
    posts = route_counts(emulator)["POST /v2/connections/{connectionId}/grants"]
    assert 3 <= posts < 2 * len(wanted)


class DiesAfter(httpx.BaseTransport):
    """The real network until ``after`` requests have gone through, then a dead server."""

    def __init__(self, after: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.after = after
        self.sent = 0
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.sent += 1
            dead = self.sent > self.after
        if dead:
            raise httpx.ConnectError("connection refused")
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_server_that_stops_answering_stops_the_run_and_a_rerun_finishes(
    sigma: Sigma, emulator: EmulatorServer, team_names: list[str]
) -> None:
    everyone = people(60, team_names, tag="dies")
    settings = dataclasses.replace(client_settings(emulator), fail_fast=0.2, retry_delay=0.05)
    transport = DiesAfter(after=60)
    with Sigma(settings=settings, transport=transport) as dying:
        report = onboard(dying, OnboardOptions(people=everyone, concurrency=2))
    assert report.stopped is not None and "no answer from" in report.stopped
    statuses = {i.status for i in report.items}
    assert Status.CREATED in statuses and Status.NOT_DONE in statuses
    assert Status.FAILED not in statuses  # nothing is called failed that may have been done
    sent = transport.sent
    assert sent < 60 + 60  # the people after the stop were not tried one by one
    again = onboard(sigma, OnboardOptions(people=everyone))
    assert again.ok, again.by_status(Status.FAILED)[:3]
    emails = {m.email for m in sigma.members.list()}
    assert {p.email for p in everyone} <= emails


def test_a_few_people_are_looked_up_one_by_one_and_a_rerun_writes_nothing(
    sigma: Sigma, emulator: EmulatorServer, team_names: list[str]
) -> None:
    few = people(LOOKUP_EACH_UP_TO, team_names, tag="few")
    clear_stats(emulator)
    assert onboard(sigma, OnboardOptions(people=few)).ok
    counts = route_counts(emulator)
    # one lookup each instead of the organization's whole member list, then the writes
    assert counts["GET /v2/members"] == len(few)
    assert counts["POST /v2/members"] == len(few)
    clear_stats(emulator)
    again = onboard(sigma, OnboardOptions(people=few))
    assert {i.status for i in again.items} == {Status.ALREADY}
    assert writes(route_counts(emulator)) == {}
