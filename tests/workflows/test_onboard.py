"""Onboarding at the SDK level: every step, the permissions the account type gives,
idempotent re-runs, resuming after a failure at any step, and bad input refused early."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from tests.support.helpers import (
    all_entries,
    clear_stats,
    get_json,
    route_count,
    route_counts,
)
from tests.support.trouble import Trouble

from sigmakit import InputError, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.onboard import OnboardOptions, Person, onboard, read_people
from sigmakit.workflows.report import Status

ADA = Person(
    email="Ada.Lovelace@northwind.example",
    first_name="Ada",
    last_name="Lovelace",
    account_type="Pro",
    teams=("Sales", "data"),
    connections=("Northwind Snowflake",),
)


def state_of(emulator: EmulatorServer, email: str) -> dict[str, object]:
    """What the organization holds for a person, read back over HTTP: member, workspaces,
    direct grants (on files and on connections), teams."""
    found = get_json(
        emulator, "/v2/members", email=email, includeArchived="true", includeInactive="true"
    )["entries"]
    assert len(found) <= 1
    if not found:
        return {"member": None}
    member_id = found[0]["memberId"]
    workspaces = [
        w for w in all_entries(emulator, "/v2/workspaces") if w["name"].lower() == email.lower()
    ]
    grants = [
        (get_json(emulator, f"/v2/files/{g['inodeId']}")["name"], g["permission"])
        for g in all_entries(emulator, "/v2/grants", userId=member_id)
    ]
    for connection in all_entries(emulator, "/v2/connections"):
        url = f"/v2/connections/{connection['connectionId']}/grants"
        grants += [
            (connection["name"], g["permission"])
            for g in all_entries(emulator, url)
            if g["memberId"] == member_id
        ]
    teams = all_entries(emulator, f"/v2/members/{member_id}/teams")
    return {
        "member": found[0]["memberType"],
        "workspaces": len(workspaces),
        "grants": sorted(grants),
        "teams": sorted(t["name"] for t in teams),
    }


ADA_DONE = {
    "member": "Pro",
    "workspaces": 1,
    "grants": [("Northwind Snowflake", "annotate"), ("ada.lovelace@northwind.example", "organize")],
    "teams": ["Data", "Sales"],
}


def test_onboards_every_step_then_a_rerun_finds_it_all_there(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    first = onboard(sigma, OnboardOptions(people=[ADA]))
    assert [(i.step, i.status) for i in first.items] == [
        ("member", Status.CREATED),
        ("workspace ada.lovelace@northwind.example", Status.CREATED),
        ("workspace ada.lovelace@northwind.example: organize", Status.CREATED),
        ("team Sales", Status.CREATED),
        ("team Data", Status.CREATED),
        ("connection Northwind Snowflake: annotate", Status.CREATED),
    ]
    assert state_of(emulator, ADA.email) == ADA_DONE

    again = onboard(sigma, OnboardOptions(people=[ADA]))
    assert {i.status for i in again.items} == {Status.ALREADY}
    assert again.ok
    assert state_of(emulator, ADA.email) == ADA_DONE


@pytest.mark.parametrize(
    ("account_type", "workspace", "connection"),
    [
        ("Admin", "edit", "annotate"),
        ("pro", "organize", "annotate"),
        ("Essential", "explore", "usage"),
        ("Lite", "view", "usage"),
    ],
)
def test_permissions_follow_the_account_type(
    sigma: Sigma, emulator: EmulatorServer, account_type: str, workspace: str, connection: str
) -> None:
    person = Person("kim@northwind.example", "Kim", "Lee", account_type, (), ("Lakehouse",))
    assert onboard(sigma, OnboardOptions(people=[person])).ok
    assert state_of(emulator, person.email)["grants"] == [
        ("Lakehouse", connection),
        ("kim@northwind.example", workspace),
    ]


def test_overrides_and_an_existing_member_keeps_their_account_type(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    existing = sigma.members.list().to_list()[5]
    person = Person(existing.email.upper(), "X", "Y", "Admin", (), ("Lakehouse",))
    report = onboard(
        sigma,
        OnboardOptions(people=[person], workspace_permission="view", connection_permission="usage"),
    )
    member_item = report.items[0]
    assert member_item.status is Status.ALREADY and member_item.id == existing.member_id
    if existing.member_type != "Admin":
        assert f"account type is {existing.member_type}" in member_item.message
    grants = dict(state_of(emulator, existing.email)["grants"])  # type: ignore[arg-type]
    assert grants["Lakehouse"] == "usage"
    assert grants[existing.email.lower()] == "view"


def test_a_second_run_changes_a_grant_to_the_permission_wanted(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    assert onboard(sigma, OnboardOptions(people=[ADA])).ok
    report = onboard(sigma, OnboardOptions(people=[ADA], workspace_permission="edit"))
    grant = next(i for i in report.items if i.step.endswith(": edit"))
    assert grant.status is Status.CHANGED and grant.message == "was organize"


def _is(method: str, suffix: str) -> Callable[[httpx.Request], bool]:
    def matches(request: httpx.Request) -> bool:
        return request.method == method and request.url.path.endswith(suffix)

    return matches


STEPS = {
    "member": _is("POST", "/v2/members"),
    "workspace": _is("POST", "/v2/workspaces"),
    "workspace grant": lambda r: r.method == "POST" and "/v2/workspaces/" in r.url.path,
    "team": _is("PATCH", "/members"),
    "connection grant": lambda r: r.method == "POST" and "/v2/connections/" in r.url.path,
}


@pytest.mark.parametrize("step", STEPS)
def test_a_run_after_a_failure_at_any_step_finishes_the_rest(
    sigma: Sigma,
    emulator: EmulatorServer,
    troubled: Callable[[Trouble], Sigma],
    step: str,
) -> None:
    broken = Trouble(STEPS[step], "refuse")
    first = onboard(troubled(broken), OnboardOptions(people=[ADA]))
    assert broken.hits > 0
    assert not first.ok
    assert any(i.status is Status.FAILED for i in first.items)

    second = onboard(sigma, OnboardOptions(people=[ADA]))
    assert second.ok, second.items
    assert state_of(emulator, ADA.email) == ADA_DONE


@pytest.mark.parametrize("step", ["member", "workspace"])
def test_a_create_whose_answer_was_lost_is_found_not_made_twice(
    emulator: EmulatorServer, troubled: Callable[[Trouble], Sigma], step: str
) -> None:
    lossy = Trouble(STEPS[step], "lose", times=1)
    report = onboard(troubled(lossy), OnboardOptions(people=[ADA]))
    assert lossy.hits == 1
    # sent once: the lookup after the lost answer found it, so no second create
    route = {"member": "POST /v2/members", "workspace": "POST /v2/workspaces"}[step]
    assert route_count(emulator, route) == 1
    assert report.ok, report.items
    assert report.items[0].status is Status.CREATED
    assert state_of(emulator, ADA.email) == ADA_DONE


def test_bad_input_is_refused_before_anything_is_created(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    ok = Person("new.one@northwind.example", "New", "One", "Lite")
    cases = [
        ([ok, Person("x@northwind.example", "X", "Y", "Wizard")], "unknown account type 'Wizard'"),
        ([ok, Person("y@northwind.example", "Y", "Z", "Lite", ("Nope",))], "unknown team: Nope"),
        (
            [ok, Person("z@northwind.example", "Z", "Q", "Lite", (), ("Oracle", "Db2"))],
            "unknown connections: Oracle, Db2",
        ),
        ([ok, Person("NEW.one@northwind.example", "N", "O", "Lite")], "listed twice"),
    ]
    clear_stats(emulator)
    for people, message in cases:
        with pytest.raises(InputError, match=message):
            onboard(sigma, OnboardOptions(people=people))
    with pytest.raises(InputError, match="unknown workspace permission"):
        onboard(sigma, OnboardOptions(people=[ok], workspace_permission="owner"))
    writes = [
        route
        for route, count in route_counts(emulator).items()
        if not route.startswith("GET") and "/auth/" not in route and count
    ]
    assert writes == []
    assert state_of(emulator, ok.email) == {"member": None}


def test_people_files_in_csv_and_yaml(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "email,first_name,last_name,account_type,teams,connections\n"
        "ada@x.example,Ada,Lovelace,Pro,Sales;Data,Lakehouse\n"
        "bob@x.example,Bob,Byte,Lite,,\n"
    )
    yaml_file = tmp_path / "people.yaml"
    yaml_file.write_text(
        "- email: ada@x.example\n  first_name: Ada\n  last_name: Lovelace\n"
        "  account_type: Pro\n  teams: [Sales, Data]\n  connections: Lakehouse\n"
        "- {email: bob@x.example, first_name: Bob, last_name: Byte, account_type: Lite}\n"
    )
    expected = [
        Person("ada@x.example", "Ada", "Lovelace", "Pro", ("Sales", "Data"), ("Lakehouse",)),
        Person("bob@x.example", "Bob", "Byte", "Lite"),
    ]
    assert read_people(csv_file) == expected
    assert read_people(yaml_file) == expected


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("p.csv", "email,first_name,last_name\na@x.example,A,B\n", "account_type is missing"),
        (
            "p.csv",
            "email,first_name,last_name,account_type,shoe\na@x.example,A,B,Lite,9\n",
            "unknown field shoe",
        ),
        (
            "p.csv",
            "email,first_name,last_name,account_type\nnot-an-email,A,B,Lite\n",
            "not an email",
        ),
        (
            "p.csv",
            "email,first_name,last_name,account_type\na@x.example,A,B,Lite\nA@x.example,C,D,Pro\n",
            "listed twice",
        ),
        ("p.yaml", "- email: [\n", "not valid YAML"),
        ("p.yaml", "just text\n", "expected a list of people"),
        ("p.txt", "a@x.example\n", ".csv, .yaml or .yml"),
        ("missing.csv", None, "no such file"),
    ],
)
def test_malformed_people_files(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text)
    with pytest.raises(InputError, match=message):
        read_people(path)
