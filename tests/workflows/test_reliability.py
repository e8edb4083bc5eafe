"""Bulk team assignment and onboarding under a hostile network: 10% 5xx, 5% 429 (half
without Retry-After), 2% dropped connections, 5-second tokens. Each of 20 seeded runs must
end in exactly the expected state, read from the emulator's store: nobody missing, nobody
and nothing duplicated.

The client's waits are not slept: each one moves the emulator's clock forward instead, so
backoff ages the tokens as it would in real time and the 5-second lifetime bites.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.conftest import CLIENT_ID, CLIENT_SECRET
from tests.helpers import advance_clock, reseed, set_faults

from sigmakit import RetryPolicy, Sigma, load_settings
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.onboard import OnboardOptions, Person, onboard
from sigmakit.workflows.teams import TeamMembershipOptions, change_team_members

SEEDS = range(20)
MEMBERS = 1200
ACCOUNT_TYPES = ("Admin", "Pro", "Essential", "Lite")
WORKSPACE_PERMISSION = {"Admin": "edit", "Pro": "organize", "Essential": "explore", "Lite": "view"}


class ClockSleeps(list[float]):
    """The client's ``sleep``: records each wait and moves the emulator's clock by it."""

    def __init__(self, emulator: EmulatorServer) -> None:
        super().__init__()
        self.emulator = emulator

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        advance_clock(self.emulator, seconds)


@pytest.fixture
def big_org(emulator: EmulatorServer) -> Iterator[EmulatorServer]:
    """The demo organization with 1,200 people; the seed sizes are put back afterwards."""
    sizes = emulator.state.config.sizes
    reseed(emulator, members=MEMBERS)
    yield emulator
    emulator.state.config.sizes = sizes


def flaky_client(emulator: EmulatorServer, seed: int) -> tuple[Sigma, ClockSleeps]:
    """A client, then the faults turned on (after the client exists, so setup stays clean)."""
    settings = load_settings(
        base_url=emulator.base_url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        env={},
        use_dotenv=False,
    )
    sleeps = ClockSleeps(emulator)
    # a generous budget: 17% of requests fail; the workflows, not the budget, are under test
    client = Sigma(settings=settings, sleep=sleeps, retry=RetryPolicy(max_retries=8))
    return client, sleeps


def turn_on_trouble(emulator: EmulatorServer, seed: int) -> None:
    set_faults(
        emulator,
        error_rate=0.10,
        rate_limit_rate=0.05,
        retry_after_share=0.5,
        drop_rate=0.02,
        seed=seed,
    )
    with emulator.control() as control:
        control.put("/settings", json={"tokenTtl": 5}).raise_for_status()


def injected(emulator: EmulatorServer) -> int:
    return sum(emulator.state.faults.injected.values())


@pytest.mark.parametrize("seed", SEEDS)
def test_bulk_assign_of_1000_emails_ends_exactly_right(big_org: EmulatorServer, seed: int) -> None:
    db = big_org.state.store.db
    rows = db.all(
        "SELECT member_id, email FROM members WHERE is_archived = 0 AND is_inactive = 0 "
        "ORDER BY seq LIMIT 1000"
    )
    assert len(rows) == 1000
    # some addresses in another case: matching is case-insensitive
    emails = [r["email"].upper() if i % 7 == 0 else r["email"] for i, r in enumerate(rows)]
    sigma, _ = flaky_client(big_org, seed)
    with sigma:
        team = sigma.teams.create(name=f"Reliability {seed}")
        turn_on_trouble(big_org, seed)
        report = change_team_members(
            sigma, TeamMembershipOptions(team=team.name, emails=emails, action="add")
        )
    assert report.ok, report.summary()
    assert len(report.items) == 1000
    in_team = [
        r["member_id"]
        for r in db.all("SELECT member_id FROM team_members WHERE team_id = ?", (team.team_id,))
    ]
    assert len(in_team) == len(set(in_team))
    assert set(in_team) == {r["member_id"] for r in rows}


def _people(seed: int, team_names: list[str]) -> list[Person]:
    return [
        Person(
            email=f"new.person{i}.run{seed}@onboard.example",
            first_name="New",
            last_name=f"Person {i}",
            account_type=ACCOUNT_TYPES[i % 4],
            teams=(team_names[i % len(team_names)],) if i % 5 else tuple(team_names[:2]),
            connections=("Northwind Snowflake",),
        )
        for i in range(20)
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_onboarding_20_people_ends_exactly_right(emulator: EmulatorServer, seed: int) -> None:
    store = emulator.state.store
    db = store.db
    sigma, sleeps = flaky_client(emulator, seed)
    with sigma:
        teams = {t.name: t for t in sigma.teams.list()}
        connection = sigma.connections.resolve("Northwind Snowflake")
        people = _people(seed, sorted(teams)[:3])
        turn_on_trouble(emulator, seed)
        report = onboard(sigma, OnboardOptions(people=people))
    assert injected(emulator) > 0
    assert report.ok, [i for i in report.items if i.status in ("failed", "unknown")]

    for person in people:
        key = person.email.lower()
        members = db.all("SELECT member_id FROM members WHERE email_lower = ?", (key,))
        assert len(members) == 1, person.email
        member_id = members[0]["member_id"]
        workspaces = db.all(
            "SELECT id FROM inodes WHERE type = 'workspace' AND is_archived = 0 "
            "AND lower(name) = ?",
            (key,),
        )
        assert len(workspaces) == 1, person.email
        grants = db.all(
            "SELECT permission FROM grants WHERE inode_id = ? AND member_id = ?",
            (workspaces[0]["id"], member_id),
        )
        assert [g["permission"] for g in grants] == [WORKSPACE_PERMISSION[person.account_type]]
        for name in person.teams:
            joined = db.scalar(
                "SELECT count(*) FROM team_members WHERE team_id = ? AND member_id = ?",
                (teams[name].team_id, member_id),
            )
            assert joined == 1, (person.email, name)
        conn_grants = db.all(
            "SELECT permission FROM grants WHERE inode_id = ? AND member_id = ?",
            (connection.connection_id, member_id),
        )
        expected = "annotate" if person.account_type in ("Admin", "Pro") else "usage"
        assert [g["permission"] for g in conn_grants] == [expected]
    # the run saw trouble and waited through it on the emulator's clock, not for real
    assert sum(sleeps) > 0
