"""A member's workbooks: reachable, shared with them, recent; and handing workbooks over."""

from __future__ import annotations

import pytest
from tests.support.helpers import all_entries, route_count, workbook_owners

from sigmakit import InputError, Member, NewGrant, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.workflows.member_workbooks import (
    reachable_workbooks,
    recent_workbooks,
    shared_with,
)
from sigmakit.workflows.report import Status
from sigmakit.workflows.transfer import TransferOptions, transfer


def _owner_of(sigma: Sigma, name: str) -> Member:
    return sigma.members.get(sigma.workbooks.resolve(name).owner_id)


def test_reachable_workbooks_are_the_members_files_with_urls(sigma: Sigma) -> None:
    member = _owner_of(sigma, "Demand Planning")
    found = reachable_workbooks(sigma, member.member_id)
    files = list(sigma.files.of_member(member.member_id, type_filters="workbook"))
    assert [w.workbook_id for w in found] == [f.id for f in files]
    urls = {w.workbook_id: w.url for w in sigma.workbooks.list(skip_permission_check=True)}
    assert all(w.url == urls[w.workbook_id] for w in found)
    assert any(w.name == "Demand Planning" for w in found)


def test_shared_with_is_what_they_reach_but_do_not_own(sigma: Sigma) -> None:
    member = _owner_of(sigma, "Demand Planning")
    reachable = reachable_workbooks(sigma, member.member_id)
    shared = shared_with(sigma, member.member_id)
    assert all(w.owner_id != member.member_id for w in shared)
    owned = [w for w in reachable if w.owner_id == member.member_id]
    assert {w.workbook_id for w in shared} | {w.workbook_id for w in owned} == {
        w.workbook_id for w in reachable
    }
    unseen = next(
        w
        for w in sigma.workbooks.list(skip_permission_check=True)
        if w.workbook_id not in {r.workbook_id for r in reachable}
    )
    sigma.workbooks.create_grants(unseen.workbook_id, [NewGrant.member(member.member_id, "view")])
    now_shared = {w.workbook_id: w for w in shared_with(sigma, member.member_id)}
    assert now_shared[unseen.workbook_id].permission == "view"


def test_recent_workbooks_most_recent_first(sigma: Sigma, emulator: EmulatorServer) -> None:
    member = _owner_of(sigma, "Demand Planning")
    recent = recent_workbooks(sigma, member.member_id)
    stamps = [w.last_interaction_at for w in recent]
    assert recent and None not in stamps
    assert stamps == sorted(stamps, reverse=True)  # type: ignore[type-var]
    # what the member opened, as Sigma's raw recents list says
    opened = {
        f["id"] for f in all_entries(emulator, f"/v2/members/{member.member_id}/files/recents")
    }
    assert {w.workbook_id for w in recent} <= opened
    assert [w.workbook_id for w in recent_workbooks(sigma, member.member_id, limit=1)] == [
        recent[0].workbook_id
    ]


def test_transfer_plans_first_and_changes_nothing_without_apply(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    old = _owner_of(sigma, "Demand Planning")
    new = _owner_of(sigma, "Sales Overview")
    before = workbook_owners(emulator)
    report = transfer(sigma, TransferOptions(to=new.email, from_member=old.email))
    assert not report.applied
    owned = [wb for wb, owner in before.items() if owner == old.member_id]
    assert sorted(i.id or "" for i in report.items) == sorted(owned)
    assert {i.status for i in report.items} == {Status.PLANNED}
    assert f"{old.email} -> {new.email}" in report.items[0].message
    assert workbook_owners(emulator) == before
    assert route_count(emulator, "PATCH /v2/files/{inodeId}") == 0


def test_transfer_all_of_a_members_workbooks(sigma: Sigma, emulator: EmulatorServer) -> None:
    old = _owner_of(sigma, "Demand Planning")
    new = _owner_of(sigma, "Sales Overview")
    before = workbook_owners(emulator)
    report = transfer(sigma, TransferOptions(to=new.member_id, from_member=old.email, apply=True))
    assert report.ok and report.applied
    moved = {wb for wb, owner in before.items() if owner == old.member_id}
    assert {i.id for i in report.items if i.status is Status.CHANGED} == moved
    after = workbook_owners(emulator)
    assert all(after[wb] == new.member_id for wb in moved)
    assert all(after[wb] == owner for wb, owner in before.items() if wb not in moved)


def test_one_workbook_already_with_its_owner_is_left_alone(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    owner = _owner_of(sigma, "Sales Overview")
    report = transfer(sigma, TransferOptions(to=owner.email, workbook="Sales Overview", apply=True))
    assert [(i.subject, i.status) for i in report.items] == [("Sales Overview", Status.ALREADY)]
    assert route_count(emulator, "PATCH /v2/files/{inodeId}") == 0


def test_transfer_refuses_unclear_input(sigma: Sigma) -> None:
    owner = _owner_of(sigma, "Sales Overview")
    with pytest.raises(InputError):
        transfer(sigma, TransferOptions(to=owner.email))
    with pytest.raises(InputError, match="both the old and the new owner"):
        transfer(sigma, TransferOptions(to=owner.email, from_member=owner.member_id))
