"""Hand workbooks to another member: one workbook, or every workbook a member owns (the
QuickStart's ``transfer-all-workbooks``), through ``PATCH /v2/files/{id}`` ``ownerId``.

A plan comes first; nothing changes unless ``apply`` is set. Each workbook is one report
item, and a change whose answer was lost is checked again rather than assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._errors import InputError, SigmaError
from .ensure import converge
from .report import Item, Report, Status

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.members import Member

__all__ = ["TransferOptions", "TransferPlan", "give_file", "plan_transfer", "transfer"]


@dataclass(frozen=True)
class TransferOptions:
    #: the new owner, by id or email
    to: str
    #: one workbook (id, urlId or name)...
    workbook: str | None = None
    #: ...or every workbook this member (id or email) owns
    from_member: str | None = None
    apply: bool = False


@dataclass(frozen=True)
class Owned:
    workbook_id: str
    name: str
    owner_id: str | None


@dataclass(frozen=True)
class TransferPlan:
    to: Member
    workbooks: list[Owned]
    #: member id -> email, for the owners named in the plan
    owners: dict[str, str]


def plan_transfer(sigma: Sigma, options: TransferOptions) -> TransferPlan:
    """Resolve the members and workbooks; reads only."""
    if (options.workbook is None) == (options.from_member is None):
        raise InputError("give one workbook or --from MEMBER, not both and not neither")
    to = sigma.members.resolve(options.to)
    if to.is_archived:
        raise InputError(f"{to.email} is deactivated and cannot own workbooks")
    owners = {to.member_id: to.email}
    if options.workbook is not None:
        wb = sigma.workbooks.resolve(options.workbook)
        workbooks = [Owned(wb.workbook_id, wb.name, wb.owner_id)]
        if wb.owner_id not in owners:
            try:
                owners[wb.owner_id] = sigma.members.get(wb.owner_id).email
            except SigmaError:
                owners[wb.owner_id] = wb.owner_id
    else:
        assert options.from_member is not None
        source = sigma.members.resolve(options.from_member)
        if source.member_id == to.member_id:
            raise InputError(f"{to.email} is both the old and the new owner")
        owners[source.member_id] = source.email
        workbooks = [
            Owned(f.id, f.name, f.owner_id)
            for f in sigma.files.of_member(source.member_id, type_filters="workbook")
            if f.owner_id == source.member_id
        ]
    return TransferPlan(to, workbooks, owners)


def transfer(sigma: Sigma, options: TransferOptions) -> Report:
    """Plan, then (with ``apply``) give each workbook to the new owner."""
    plan = plan_transfer(sigma, options)
    report = Report(applied=options.apply)
    new_owner = plan.to.member_id
    for wb in plan.workbooks:
        before = plan.owners.get(wb.owner_id or "", wb.owner_id or "nobody")
        message = f"{before} -> {plan.to.email}"
        if wb.owner_id == new_owner:
            report.items.append(Item(wb.name, Status.ALREADY, message, id=wb.workbook_id))
            continue
        if not options.apply:
            report.items.append(Item(wb.name, Status.PLANNED, message, id=wb.workbook_id))
            continue
        try:
            status = give_file(sigma, wb.workbook_id, new_owner)
        except SigmaError as exc:
            report.items.append(Item(wb.name, Status.FAILED, str(exc), id=wb.workbook_id))
            continue
        report.items.append(Item(wb.name, status, message, id=wb.workbook_id))
    return report


def give_file(sigma: Sigma, file_id: str, owner_id: str) -> Status:
    """Make ``owner_id`` the owner of a file (a workbook, a folder...); ``CHANGED``, or
    ``ALREADY`` only if a lost answer hid that the change had landed. A failure that
    leaves it unclear is checked by reading the file again (see :func:`.ensure.converge`)."""
    return converge(
        lambda: sigma.files.get(file_id).owner_id == owner_id,
        lambda: sigma.files.update(file_id, owner_id=owner_id),
        already=False,
    )
