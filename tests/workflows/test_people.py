"""A member's life at the SDK level: new email, recent documents, deactivation with a new
owner, reactivation, and planned bulk deactivation."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.helpers import all_entries, clear_stats, get_json, route_count

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

ADMIN = "admin@northwind.example"
#: every file type Sigma names (SIGMA-API-NOTES.md, "Files")
ALL_TYPES = "workspace,folder,workbook,dataset,sql,worksheet,dashboard,template,table,symlink"


def row(emulator: EmulatorServer, member_id: str) -> dict[str, Any]:
    """The member as ``GET /v2/members/{id}`` answers."""
    member: dict[str, Any] = get_json(emulator, f"/v2/members/{member_id}")
    return member


def active(emulator: EmulatorServer, limit: int) -> list[dict[str, Any]]:
    """The first active members other than the admin, as the API lists them."""
    return [m for m in all_entries(emulator, "/v2/members") if m["email"] != ADMIN][:limit]


def owned_documents(emulator: EmulatorServer, member_id: str) -> set[str]:
    """Files the member owns, apart from their own My Documents folder."""
    home = row(emulator, member_id)["homeFolderId"]
    files = all_entries(emulator, "/v2/files", typeFilters=ALL_TYPES)
    return {f["id"] for f in files if f.get("ownerId") == member_id and f["id"] != home}


def recent_count(emulator: EmulatorServer, member_id: str) -> int:
    recents = all_entries(emulator, f"/v2/members/{member_id}/files/recents")
    return sum(f["type"] in ("workbook", "folder") for f in recents)


def test_change_email(sigma: Sigma, emulator: EmulatorServer) -> None:
    person = active(emulator, 1)[0]
    updated = change_email(sigma, person["email"], "Renamed.Person@northwind.example")
    assert updated.email == "Renamed.Person@northwind.example"
    assert row(emulator, person["memberId"])["email"] == "Renamed.Person@northwind.example"
    # a change of case only is the same address: allowed
    assert change_email(sigma, updated.member_id, "renamed.person@northwind.example").email == (
        "renamed.person@northwind.example"
    )


def test_change_to_a_taken_email_is_a_conflict_and_changes_nothing(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    first, second = active(emulator, 2)
    clear_stats(emulator)
    with pytest.raises(ConflictError, match=second["memberId"]):
        change_email(sigma, first["email"], second["email"].upper())
    assert row(emulator, first["memberId"])["email"] == first["email"]
    assert route_count(emulator, "PATCH /v2/members/{memberId}") == 0


def test_recent_documents_are_workbooks_and_folders_newest_first(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    everyone = all_entries(emulator, "/v2/members")
    busiest = max(everyone, key=lambda m: recent_count(emulator, m["memberId"]))
    member = sigma.members.get(busiest["memberId"])
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
    leaver = next(m for m in active(emulator, 1_000) if owned_documents(emulator, m["memberId"]))
    heir = next(p for p in active(emulator, 5) if p["memberId"] != leaver["memberId"])
    documents = owned_documents(emulator, leaver["memberId"])
    assert documents

    item = deactivate(sigma, leaver["email"], new_owner=heir["email"])
    assert item.status is Status.CHANGED and heir["email"] in item.message
    assert row(emulator, leaver["memberId"])["isArchived"] is True
    assert owned_documents(emulator, leaver["memberId"]) == set()
    assert documents <= owned_documents(emulator, heir["memberId"])
    assert deactivate(sigma, leaver["memberId"]).status is Status.ALREADY

    assert reactivate(sigma, leaver["email"]).status is Status.CHANGED
    assert row(emulator, leaver["memberId"])["isArchived"] is False
    assert reactivate(sigma, leaver["email"]).status is Status.ALREADY


def test_the_new_owner_must_be_someone_else_and_active(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    person = active(emulator, 1)[0]
    with pytest.raises(InputError, match="own new owner"):
        deactivate(sigma, person["email"], new_owner=person["memberId"])
    archived = next(
        m for m in all_entries(emulator, "/v2/members", includeArchived="true") if m["isArchived"]
    )
    with pytest.raises(InputError, match="not an active member"):
        deactivate(sigma, person["email"], new_owner=archived["email"])
    assert row(emulator, person["memberId"])["isArchived"] is False


def test_bulk_deactivation_plans_then_applies(sigma: Sigma, emulator: EmulatorServer) -> None:
    def archived_contractors() -> int:
        everyone = all_entries(emulator, "/v2/members", includeArchived="true")
        return sum("contractor" in m["email"] and m["isArchived"] for m in everyone)

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
    assert archived_contractors() == 0

    done = bulk_deactivate(sigma, BulkDeactivateOptions(pattern=options.pattern, apply=True))
    assert done.applied and done.ok and done.counts() == {"changed": 3}
    assert archived_contractors() == 3
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
    (admin,) = get_json(emulator, "/v2/members", email=ADMIN)["entries"]
    assert admin["isArchived"] is False
