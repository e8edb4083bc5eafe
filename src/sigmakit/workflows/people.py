"""A member's life after onboarding: a new email, recent documents, deactivation and
reactivation, and deactivating many at once after showing the plan."""

from __future__ import annotations

import fnmatch
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._errors import (
    APIConnectionError,
    ConflictError,
    InputError,
    RateLimitError,
    ServerError,
    ServerUnreachableError,
    SigmaError,
)
from .ensure import converge, failure_status, look_again
from .inputs import unique_emails
from .report import Item, Report, Status
from .teams import member_directory

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.files import RecentFile
    from ..resources.members import Member

__all__ = [
    "BulkDeactivateOptions",
    "bulk_deactivate",
    "change_email",
    "deactivate",
    "deactivate_member",
    "reactivate",
    "recent_documents",
]

#: what ``recent_documents`` shows by default
DOCUMENT_TYPES = ("workbook", "folder")


def change_email(sigma: Sigma, member: str, new_email: str) -> Member:
    """Give a member (id or email) a new email. An address another member holds, archived
    or not, is a ``ConflictError`` and nothing changes."""
    new_email = new_email.strip()
    target = sigma.members.resolve(member)
    holder = sigma.members.find_by_email(new_email)
    if holder is not None and holder.member_id != target.member_id:
        raise ConflictError(
            409,
            message=f"{new_email} is already the email of member {holder.member_id}; "
            f"{target.email} was not changed",
        )
    if target.email == new_email:
        return target
    return sigma.members.update(target.member_id, email=new_email)


def recent_documents(
    sigma: Sigma, member: str, *, types: Sequence[str] = DOCUMENT_TYPES, limit: int | None = None
) -> list[RecentFile]:
    """The workbooks and folders (``types``) a member opened or edited lately, newest first."""
    target = sigma.members.resolve(member)
    wanted = set(types)
    found = [f for f in sigma.files.recents(target.member_id) if not wanted or f.type in wanted]
    found.sort(key=lambda f: f.last_interaction_at or f.updated_at, reverse=True)
    return found[:limit] if limit is not None else found


def _owner(sigma: Sigma, ref: str | None) -> Member | None:
    if ref is None:
        return None
    owner = sigma.members.resolve(ref)
    if owner.is_archived or owner.is_inactive:
        raise InputError(f"the new owner {owner.email} is not an active member")
    return owner


def deactivate_member(sigma: Sigma, member: Member, new_owner: Member | None) -> Item:
    """Deactivate a member already looked up, their documents going to ``new_owner`` (or
    the credentials' owner); one report item, its outcome checked again if unclear."""

    def done() -> bool:
        return sigma.members.get(member.member_id).is_archived

    try:
        status = converge(
            done,
            lambda: sigma.members.update(
                member.member_id,
                is_archived=True,
                new_owner_id=new_owner.member_id if new_owner else None,
            ),
            already=member.is_archived,
        )
    except (ServerError, RateLimitError, APIConnectionError) as exc:
        # unclear: look once more before saying anything
        try:
            if not isinstance(exc, ServerUnreachableError) and look_again(done):
                status = Status.CHANGED
            else:
                return Item(member.email, failure_status(exc), str(exc), id=member.member_id)
        except SigmaError as look_exc:
            return Item(member.email, failure_status(look_exc), str(exc), id=member.member_id)
    except SigmaError as exc:
        return Item(member.email, failure_status(exc), str(exc), id=member.member_id)
    if status is Status.ALREADY:
        return Item(member.email, status, "already deactivated", id=member.member_id)
    to = new_owner.email if new_owner else "the owner of the API credentials"
    return Item(member.email, status, f"deactivated; documents went to {to}", id=member.member_id)


def deactivate(sigma: Sigma, member: str, *, new_owner: str | None = None) -> Item:
    """Deactivate a member (id or email); their documents go to ``new_owner`` (id or email),
    or to the owner of the API credentials."""
    target = sigma.members.resolve(member)
    owner = _owner(sigma, new_owner)
    if owner is not None and owner.member_id == target.member_id:
        raise InputError("a member cannot be their own new owner")
    return deactivate_member(sigma, target, owner)


def reactivate(sigma: Sigma, member: str) -> Item:
    """Make a deactivated (or inactive) member active again."""
    target = sigma.members.resolve(member)

    def active(m: Member) -> bool:
        return not m.is_archived and not m.is_inactive

    status = converge(
        lambda: active(sigma.members.get(target.member_id)),
        lambda: sigma.members.update(target.member_id, is_archived=False, is_inactive=False),
        already=active(target),
    )
    message = "already active" if status is Status.ALREADY else "reactivated"
    return Item(target.email, status, message, id=target.member_id)


@dataclass(frozen=True)
class BulkDeactivateOptions:
    #: a shell-style pattern on emails (``*@contractor.example``), case-insensitive
    pattern: str | None = None
    #: a regular expression searched in "First Last", case-insensitive (the QuickStart's
    #: ``USER_NAME_PATTERN``)
    name_pattern: str | None = None
    #: or exact emails (case-insensitive)
    emails: Sequence[str] = ()
    #: who gets their documents (id or email); default the credentials' owner
    new_owner: str | None = None
    #: False: only plan
    apply: bool = False
    concurrency: int = 8
    #: called once per member deactivated or failed (a progress bar)
    progress: Callable[[], object] | None = None


#: what picks the members to deactivate, as a message names them (the CLI: its flags)
SELECTORS = ("an email pattern", "a name pattern", "a list of emails")


def require_one_selector(labels: Sequence[str], *given: bool) -> None:
    """The rule of a bulk deactivation: exactly one way of picking members is given."""
    if sum(given) != 1:
        raise InputError(f"give exactly one of {', '.join(labels[:-1])} and {labels[-1]}")


def _check_deactivate_options(options: BulkDeactivateOptions) -> re.Pattern[str] | None:
    """Refuse options that pick no one clearly; the compiled name pattern, if given."""
    require_one_selector(
        SELECTORS,
        options.pattern is not None,
        options.name_pattern is not None,
        bool(options.emails),
    )
    if options.pattern is not None and not options.pattern.strip():
        raise InputError("the pattern is empty")
    name_re: re.Pattern[str] | None = None
    if options.name_pattern is not None:
        if not options.name_pattern.strip():
            raise InputError("the name pattern is empty")
        try:
            name_re = re.compile(options.name_pattern, re.IGNORECASE)
        except re.error as exc:
            raise InputError(f"the name pattern is not a regular expression: {exc}") from None
    if options.concurrency < 1:
        raise InputError("concurrency must be at least 1")
    return name_re


def _choose_members(
    directory: Mapping[str, Member],
    options: BulkDeactivateOptions,
    name_re: re.Pattern[str] | None,
) -> tuple[list[Item], list[Member]]:
    """The members the pattern, name pattern or email list picks; an ``unknown`` item per
    listed email no member has."""
    items: list[Item] = []
    if options.pattern is not None:
        pattern = options.pattern.strip().lower()
        return items, [m for e, m in directory.items() if fnmatch.fnmatchcase(e, pattern)]
    if name_re is not None:
        return items, [
            m for m in directory.values() if name_re.search(f"{m.first_name} {m.last_name}")
        ]
    chosen: list[Member] = []
    for email in unique_emails(options.emails):
        member = directory.get(email.lower())
        if member is None:
            items.append(Item(email, Status.UNKNOWN, "no member has this email"))
        else:
            chosen.append(member)
    return items, chosen


def _keep_active(member: Member, me: str, owner: Member | None) -> Item | None:
    """Why a chosen member is not deactivated (an item), or None to deactivate them."""
    if member.member_id == me:
        return Item(member.email, Status.SKIPPED, "owns the API credentials", id=member.member_id)
    if owner is not None and member.member_id == owner.member_id:
        return Item(member.email, Status.SKIPPED, "is the new owner", id=member.member_id)
    if member.is_archived:
        return Item(member.email, Status.ALREADY, "already deactivated", id=member.member_id)
    return None


def bulk_deactivate(sigma: Sigma, options: BulkDeactivateOptions) -> Report:
    """Plan (``applied=False``: ``planned`` items) or carry out the deactivation of every
    member matched by a pattern or a list of emails. The credentials' owner and the new
    owner are never deactivated; unknown emails are ``unknown``."""
    name_re = _check_deactivate_options(options)
    owner = _owner(sigma, options.new_owner)
    me = sigma.whoami(member=False).user_id
    items, chosen = _choose_members(member_directory(sigma), options, name_re)
    targets: list[Member] = []
    for member in chosen:
        skip = _keep_active(member, me, owner)
        if skip is None:
            targets.append(member)
        else:
            items.append(skip)

    if not options.apply:
        items += [
            Item(m.email, Status.PLANNED, "would be deactivated", id=m.member_id) for m in targets
        ]
        return Report(items, applied=False)

    stop = threading.Event()
    why: list[str] = []

    def one(member: Member) -> Item:
        if stop.is_set():  # the server stopped answering: leave the rest for a rerun
            return Item(
                member.email, Status.NOT_DONE, "not sent: the run stopped", id=member.member_id
            )
        item = deactivate_member(sigma, member, owner)
        if item.status is Status.NOT_DONE and sigma.unreachable:
            why.append(item.message)
            stop.set()
        if options.progress is not None:
            options.progress()
        return item

    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        items += pool.map(one, targets)
    return Report(items, stopped=why[0] if why else None)
