"""A member's life at the SDK level: new email, recent documents, deactivation with a new
owner, reactivation, and planned bulk deactivation."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers import clear_stats, route_count

from sigmakit import ConflictError, InputError, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.people import (
    BulkDeactivateOptions,
    bulk_deactivate,
    change_email,
    deactivate,
    reactivate,
    recent_documents,
)
from sigmakit.workflows.report import Status


def row(emulator: EmulatorServer, member_id: str) -> Any:
    return emulator.state.store.db.one("SELECT * FROM members WHERE member_id = ?", (member_id,))


def active(emulator: EmulatorServer, limit: int) -> list[Any]:
    return emulator.state.store.db.all(
        "SELECT * FROM members WHERE is_archived = 0 AND is_inactive = 0 "
        "AND email != 'admin@northwind.example' ORDER BY seq LIMIT ?",
        (limit,),
    )


def owned_documents(emulator: EmulatorServer, member_id: str) -> set[str]:
    rows = emulator.state.store.db.all(
        "SELECT i.id FROM inodes i JOIN members m ON m.member_id = i.owner_id "
        "WHERE i.owner_id = ? AND i.id != m.home_folder_id",
        (member_id,),
    )
    return {r["id"] for r in rows}


def test_change_email(sigma: Sigma, emulator: EmulatorServer) -> None:
    person = active(emulator, 1)[0]
    updated = change_email(sigma, person["email"], "Renamed.Person@northwind.example")
    assert updated.email == "Renamed.Person@northwind.example"
    assert row(emulator, person["member_id"])["email"] == "Renamed.Person@northwind.example"
    # a change of case only is the same address: allowed
    assert change_email(sigma, updated.member_id, "renamed.person@northwind.example").email == (
        "renamed.person@northwind.example"
    )


def test_change_to_a_taken_email_is_a_conflict_and_changes_nothing(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    first, second = active(emulator, 2)
    clear_stats(emulator)
    with pytest.raises(ConflictError, match=second["member_id"]):
        change_email(sigma, first["email"], second["email"].upper())
    assert row(emulator, first["member_id"])["email"] == first["email"]
    assert route_count(emulator, "PATCH /v2/members/{memberId}") == 0


def test_recent_documents_are_workbooks_and_folders_newest_first(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    db = emulator.state.store.db
    busiest = db.one(
        "SELECT x.member_id, count(*) AS n FROM interactions x JOIN inodes i ON i.id = x.inode_id "
        "WHERE i.type IN ('workbook', 'folder') GROUP BY x.member_id ORDER BY n DESC LIMIT 1"
    )
    member = sigma.members.get(busiest["member_id"])
    recent = recent_documents(sigma, member.email)
    assert recent, "the seed gives the busiest member some recent documents"
    assert {f.type for f in recent} <= {"workbook", "folder"}
    times = [f.last_interaction_at for f in recent]
    assert all(t is not None for t in times)
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]
    assert all(f.permission for f in recent)
    assert len(recent_documents(sigma, member.member_id, limit=1)) == 1


def test_deactivate_hands_documents_to_the_new_owner_then_reactivate(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    db = emulator.state.store.db
    leaver = db.one(
        "SELECT m.* FROM members m JOIN inodes i ON i.owner_id = m.member_id "
        "WHERE m.is_archived = 0 AND m.is_inactive = 0 AND i.id != m.home_folder_id "
        "AND m.email != 'admin@northwind.example' LIMIT 1"
    )
    heir = next(p for p in active(emulator, 5) if p["member_id"] != leaver["member_id"])
    documents = owned_documents(emulator, leaver["member_id"])
    assert documents

    item = deactivate(sigma, leaver["email"], new_owner=heir["email"])
    assert item.status is Status.CHANGED and heir["email"] in item.message
    assert row(emulator, leaver["member_id"])["is_archived"] == 1
    assert owned_documents(emulator, leaver["member_id"]) == set()
    assert documents <= owned_documents(emulator, heir["member_id"])
    assert deactivate(sigma, leaver["member_id"]).status is Status.ALREADY

    assert reactivate(sigma, leaver["email"]).status is Status.CHANGED
    assert row(emulator, leaver["member_id"])["is_archived"] == 0
    assert reactivate(sigma, leaver["email"]).status is Status.ALREADY


def test_the_new_owner_must_be_someone_else_and_active(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    person = active(emulator, 1)[0]
    with pytest.raises(InputError, match="own new owner"):
        deactivate(sigma, person["email"], new_owner=person["member_id"])
    archived = emulator.state.store.db.one("SELECT email FROM members WHERE is_archived = 1")
    with pytest.raises(InputError, match="not an active member"):
        deactivate(sigma, person["email"], new_owner=archived["email"])
    assert row(emulator, person["member_id"])["is_archived"] == 0


def test_bulk_deactivation_plans_then_applies(sigma: Sigma, emulator: EmulatorServer) -> None:
    db = emulator.state.store.db
    for n in range(3):
        sigma.members.create(
            email=f"temp{n}@contractor.example", first_name="Temp", last_name=str(n),
            member_type="Lite",
        )  # fmt: skip
    options = BulkDeactivateOptions(pattern="*@CONTRACTOR.example")
    plan = bulk_deactivate(sigma, options)
    assert not plan.applied
    assert sorted(i.subject for i in plan.by_status(Status.PLANNED)) == [
        f"temp{n}@contractor.example" for n in range(3)
    ]
    assert (
        db.scalar(
            "SELECT count(*) FROM members WHERE email LIKE '%contractor%' AND is_archived = 1"
        )
        == 0
    )

    done = bulk_deactivate(sigma, BulkDeactivateOptions(pattern=options.pattern, apply=True))
    assert done.applied and done.ok and done.counts() == {"changed": 3}
    assert (
        db.scalar(
            "SELECT count(*) FROM members WHERE email LIKE '%contractor%' AND is_archived = 1"
        )
        == 3
    )
    again = bulk_deactivate(sigma, BulkDeactivateOptions(pattern=options.pattern, apply=True))
    assert again.counts() == {"already there": 3}


def test_bulk_deactivation_by_emails_spares_the_credentials_owner(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    person = active(emulator, 1)[0]
    report = bulk_deactivate(
        sigma,
        BulkDeactivateOptions(
            emails=[person["email"], "admin@northwind.example", "ghost@northwind.example"],
            apply=True,
        ),
    )
    by_email = {i.subject: i for i in report.items}
    assert by_email[person["email"]].status is Status.CHANGED
    assert by_email["admin@northwind.example"].status is Status.SKIPPED
    assert by_email["ghost@northwind.example"].status is Status.UNKNOWN
    assert not report.ok
    admin = emulator.state.store.db.one(
        "SELECT is_archived FROM members WHERE email = 'admin@northwind.example'"
    )
    assert admin["is_archived"] == 0
