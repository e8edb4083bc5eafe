"""The reliability proof: the ``sigmakit`` command itself, with its default retry settings,
under faults both before the request is handled (5xx, 429 without Retry-After, the edge's
HTML 429, dropped connections) and after it took effect (5xx or a cut connection once the
change is made), with 5-second tokens: 1,000 emails into a team, and 200 people onboarded
8 at a time. Each seeded run must end exactly right, checked through the API: nobody
missing, nothing duplicated, every report line true.

Retries sleep for real, shortened by the documented ``SIGMAKIT_RETRY_DELAY`` setting (the
first backoff step; 0.5 s by default). ``SIGMAKIT_CHAOS_RUNS`` sets the seeds per
scenario (``make chaos`` runs more).
"""

from __future__ import annotations

import csv
import json
import os
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.support.helpers import (
    all_entries,
    get_json,
    queue_faults,
    recent_requests,
    reseed,
    set_faults,
    workbook_owners,
)

from sigmakit import Sigma
from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.offboard import OffboardOptions, plan_offboard
from sigmakit.workflows.onboard import Person, workspace_name

#: read at import: the autouse fixture clears SIGMAKIT_* variables before each test
RUNS = int(os.environ.get("SIGMAKIT_CHAOS_RUNS", "3"))
SEEDS = range(RUNS)
MEMBERS = 5000
EMAILS = 1000
ACCOUNT_TYPES = ("Admin", "Pro", "Essential", "Lite")
WORKSPACE_PERMISSION = {"Admin": "edit", "Pro": "organize", "Essential": "explore", "Lite": "view"}
#: faults before the handler (nothing happened) and after it (the change was made)
TROUBLE = {
    "error_rate": 0.05,
    "rate_limit_rate": 0.03,
    "retry_after_share": 0.0,
    "edge_rate_limit_rate": 0.02,
    "drop_rate": 0.02,
    "error_after_rate": 0.05,
    "drop_after_rate": 0.03,
}
#: the documented way to shorten the CLI's retry waits (its other settings stay default)
FAST_RETRIES = "0.01"


def turn_on_trouble(emulator: EmulatorServer, seed: int, *first: str) -> None:
    """Random faults of both kinds, after ``first`` (queued faults, so that every run
    meets at least one of each kind where it hurts most)."""
    set_faults(emulator, **TROUBLE, seed=seed)
    queue_faults(emulator, *first)
    with emulator.control() as control:
        control.put("/settings", json={"tokenTtl": 5}).raise_for_status()


def queue_after(
    emulator: EmulatorServer,
    route: str,
    count: int,
    faults: tuple[str, ...],
    finished: threading.Event,
) -> None:
    """Queue ``faults`` once the emulator has seen ``count`` requests of ``route`` (unless
    the run ``finished`` first: then nothing is left queued for the next test)."""
    with emulator.control() as control:
        while control.get("/stats").json()["routes"].get(route, 0) < count:
            if finished.wait(0.01):
                return
        control.post("/faults/next", json={"faults": list(faults)}).raise_for_status()


def trouble_off(emulator: EmulatorServer) -> dict[str, int]:
    with emulator.control() as control:
        injected: dict[str, int] = control.get("/stats").json()["faultsInjected"]
        control.put("/faults", json={k: 0.0 for k in TROUBLE}).raise_for_status()
    return injected


def sigmakit(*args: str) -> tuple[int, list[dict[str, str]], str]:
    """The CLI, in a pipe: JSONL report lines on stdout, the summary on stderr."""
    result = CliRunner().invoke(cli, [*args, "-o", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


@pytest.fixture
def cli_client(cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SIGMAKIT_RETRY_DELAY", FAST_RETRIES)
    return cli_env


@pytest.fixture
def big_org(emulator: EmulatorServer) -> Iterator[EmulatorServer]:
    """The demo organization with 5,000 people."""
    reseed(emulator, members=MEMBERS)
    yield emulator  # the next test's fixture lays the default organization down again


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_bulk_assign_of_1000_emails_in_5000_members_ends_exactly_right(
    big_org: EmulatorServer, cli_client: dict[str, str], sigma: Sigma, tmp_path: Path, seed: int
) -> None:
    members = [m for m in sigma.members.list() if m.member_type != "Admin"]
    assert len(members) >= EMAILS
    chosen = members[seed * 7 : seed * 7 + EMAILS]
    # some addresses in another case, the QuickStart's comma-separated file
    emails = [m.email.upper() if i % 7 == 0 else m.email for i, m in enumerate(chosen)]
    (tmp_path / ".member-emails").write_text(",".join(emails))
    team = sigma.teams.create(name=f"Reliability {seed}")

    turn_on_trouble(big_org, seed, "rate_limit_html", "drop_after@PATCH", "error_after:502@PATCH")
    code, lines, err = sigmakit(
        "teams", "bulk-assign", team.name, "--emails", str(tmp_path / ".member-emails")
    )
    injected = trouble_off(big_org)

    assert code == 0, err
    assert err.strip().splitlines()[-1] == f"{EMAILS} changed"
    assert injected.get("drop_after", 0) + injected.get("error_after", 0) >= 2
    assert sum(injected.values()) > 2
    in_team = [m.user_id for m in sigma.teams.members(team.team_id)]
    assert len(in_team) == len(set(in_team)), "a member is in the team twice"
    assert set(in_team) == {m.member_id for m in chosen}
    by_email = {m.email.lower(): m.member_id for m in chosen}
    for line in lines:  # every line true: "changed" and in the team
        assert line["status"] == "changed"
        assert by_email[line["email"].lower()] in in_team


#: people onboarded in one chaotic run
PEOPLE = 200
CONNECTIONS = ("Northwind Snowflake", "Lakehouse")


def _people(seed: int, team_names: list[str]) -> list[Person]:
    return [
        Person(
            email=f"new.person{i}.run{seed}@onboard.example",
            first_name="New",
            last_name=f"Person {i}",
            account_type=ACCOUNT_TYPES[i % 4],
            teams=(team_names[i % len(team_names)],) if i % 5 else tuple(team_names[:2]),
            connections=(CONNECTIONS[i % 2],) if i % 7 else CONNECTIONS,
        )
        for i in range(PEOPLE)
    ]


def _write_people(path: Path, people: list[Person]) -> None:
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["email", "first_name", "last_name", "account_type", "teams", "connections"]
        )
        for p in people:
            writer.writerow(
                [
                    p.email,
                    p.first_name,
                    p.last_name,
                    p.account_type,
                    ";".join(p.teams),
                    ";".join(p.connections),
                ]
            )


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_onboarding_200_people_ends_exactly_right(
    emulator: EmulatorServer, cli_client: dict[str, str], sigma: Sigma, tmp_path: Path, seed: int
) -> None:
    teams = {t.name: t for t in sigma.teams.list()}
    connections = {name: sigma.connections.resolve(name) for name in CONNECTIONS}
    people = _people(seed, sorted(teams)[:3])
    _write_people(tmp_path / "people.csv", people)

    turn_on_trouble(emulator, seed, "error:503", "drop_after@POST", "error_after@POST")
    # The team PATCHes come last, after everyone's own steps, then the connections' grant
    # POSTs; a fault queued for a PATCH holds back the random ones until then, so the
    # faults for both batches are queued half-way through (each person's workspace grant).
    finished = threading.Event()
    batches = ("drop_after@PATCH", "error_after:502@PATCH", "drop_after@POST", "error_after@POST")
    watcher = threading.Thread(
        target=queue_after,
        args=(emulator, "POST /v2/workspaces/{workspaceId}/grants", PEOPLE // 2),
        kwargs={"faults": batches, "finished": finished},
    )
    watcher.start()
    try:
        code, lines, err = sigmakit("onboard", "--file", str(tmp_path / "people.csv"))
    finally:
        finished.set()
        watcher.join()
    injected = trouble_off(emulator)
    patches = recent_requests(emulator, route="PATCH /v2/teams/{teamId}/members")
    assert {e["fault"] for e in patches} >= {"drop_after", "error_after"}, "no PATCH met a fault"
    posts = recent_requests(emulator, route="POST /v2/connections/{connectionId}/grants")
    assert {e["fault"] for e in posts} & {"drop_after", "error_after"}, "no grants POST met a fault"

    assert code == 0, err
    assert injected.get("drop_after", 0) + injected.get("error_after", 0) >= 2
    assert injected.get("drop", 0) >= 1
    assert sum(injected.values()) > 2
    assert {line["status"] for line in lines} == {"created"}, err
    steps = sum(3 + len(p.teams) + len(p.connections) for p in people)
    assert len(lines) == steps

    # the end state, read back through the API
    members: dict[str, list[str]] = {}
    for m in sigma.members.list(include_archived=True, include_inactive=True):
        members.setdefault(m.email.lower(), []).append(m.member_type)
    workspaces = Counter(w.name for w in sigma.workspaces.list())
    by_name = {w.name: w for w in sigma.workspaces.list()}
    ids = {m.email.lower(): m.member_id for m in sigma.members.list()}
    in_team = {
        name: Counter(m.user_id for m in sigma.teams.members(team.team_id))
        for name, team in teams.items()
    }
    granted = {
        name: [(g.member_id, g.permission) for g in sigma.connections.grants(c.connection_id)]
        for name, c in connections.items()
    }
    for person in people:
        key = person.email.lower()
        assert [t.lower() for t in members.get(key, [])] == [person.account_type.lower()], key
        member_id = ids[key]
        assert workspaces[workspace_name(person)] == 1, key
        held = [
            g.permission
            for g in sigma.workspaces.grants(by_name[workspace_name(person)].workspace_id)
            if g.member_id == member_id
        ]
        assert held == [WORKSPACE_PERMISSION[person.account_type]], key
        for name in person.teams:
            assert in_team[name][member_id] == 1, (key, name)
        expected = "annotate" if person.account_type in ("Admin", "Pro") else "usage"
        for name in person.connections:
            assert [p for m, p in granted[name] if m == member_id] == [expected], (key, name)

    # and every report line was true: a rerun finds it all there and writes nothing
    with emulator.control() as control:
        control.delete("/stats").raise_for_status()
    code, lines, err = sigmakit("onboard", "--file", str(tmp_path / "people.csv"))
    assert code == 0, err
    assert {line["status"] for line in lines} == {"already there"}
    with emulator.control() as control:
        routes = control.get("/stats").json()["routes"]
    assert [
        r for r, n in routes.items() if n and not r.startswith("GET") and "/auth/" not in r
    ] == []


@dataclass
class OrgState:
    """What offboarding may touch, everywhere in the organization, read over HTTP."""

    #: each workbook's owner, and the owner of the files asked for
    owners: dict[str, str]
    #: every team's members
    teams: dict[str, list[str]]
    #: every member (archived and inactive too): archived or not
    archived: dict[str, bool]
    #: the scheduled exports of the members asked for: id -> (owner, suspended)
    schedules: dict[str, tuple[str, bool]]
    #: each user attribute's values set on members: attribute id -> {member id: value}
    attribute_values: dict[str, dict[str, str]]


def _org_state(
    emulator: EmulatorServer, file_ids: set[str], member_ids: tuple[str, ...]
) -> OrgState:
    owners = workbook_owners(emulator)
    owners.update({f: get_json(emulator, f"/v2/files/{f}")["ownerId"] for f in file_ids})
    teams = {
        t["teamId"]: sorted(
            m["userId"] for m in all_entries(emulator, f"/v2/teams/{t['teamId']}/members")
        )
        for t in all_entries(emulator, "/v2/teams")
    }
    members = all_entries(emulator, "/v2/members", includeArchived="true", includeInactive="true")
    schedules = {
        s["scheduledNotificationId"]: (s["ownerId"], s["isSuspended"])
        for mid in member_ids
        for s in all_entries(emulator, f"/v2/members/{mid}/schedules")
    }
    values = {
        a["userAttributeId"]: {
            v["userId"]: v["value"]["val"]
            for v in all_entries(emulator, f"/v2/user-attributes/{a['userAttributeId']}/users")
        }
        for a in all_entries(emulator, "/v2/user-attributes")
    }
    archived = {m["memberId"]: m["isArchived"] for m in members}
    return OrgState(owners, teams, archived, schedules, values)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_offboarding_under_faults_ends_exactly_as_without(
    emulator: EmulatorServer, cli_client: dict[str, str], sigma: Sigma, seed: int
) -> None:
    leaver = "tomas.jones@northwind.example"
    heir = "ezra.okafor@northwind.example"
    stop = seed % 2 == 1  # every other run suspends the schedules first
    region = sigma.user_attributes.resolve("Region")
    leaver_id = sigma.members.resolve(leaver).member_id
    sigma.user_attributes.set_members(region.user_attribute_id, {leaver_id: "EMEA"})
    plan = plan_offboard(sigma, OffboardOptions(leaver, heir))
    files = {f.id for f in plan.documents}
    assert plan.schedules is not None and plan.attributes is not None
    assert len(files) >= 3 and len(plan.teams) >= 2 and len(plan.schedules) >= 2
    assert len(plan.attributes) >= 1
    # the state a run without faults ends in: the leaver's files and schedules are the
    # heir's (suspended with --stop-schedules), they are in no team, they are archived;
    # nothing else changed
    heir_id = plan.new_owner.member_id
    before = _org_state(emulator, files, (leaver_id, heir_id))
    expected = OrgState(
        owners={f: heir_id if o == leaver_id else o for f, o in before.owners.items()},
        teams={t: [m for m in ids if m != leaver_id] for t, ids in before.teams.items()},
        archived={**before.archived, leaver_id: True},
        schedules={
            s: (heir_id, suspended or stop) if owner == leaver_id else (owner, suspended)
            for s, (owner, suspended) in before.schedules.items()
        },
        attribute_values={
            a: {m: v for m, v in values.items() if m != leaver_id}
            for a, values in before.attribute_values.items()
        },
    )

    turn_on_trouble(emulator, seed, "error:503", "drop_after@PATCH", "error_after:502@PATCH")
    flags = ("--stop-schedules",) if stop else ()
    code, lines, err = sigmakit("members", "offboard", leaver, "--new-owner", heir, "--yes", *flags)
    injected = trouble_off(emulator)

    assert code == 0, err
    assert injected.get("drop_after", 0) + injected.get("error_after", 0) >= 2
    assert {line["status"] for line in lines} <= {"changed", "skipped"}, lines
    changes = len(files) + len(plan.schedules) + len(plan.teams) + len(plan.attributes) + 1
    assert sum(line["status"] == "changed" for line in lines) == changes
    assert _org_state(emulator, files, (leaver_id, heir_id)) == expected
