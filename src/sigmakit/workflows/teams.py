"""Adding many people to a team, or taking them out, by email.

Sigma's QuickStart searches each email and sends one PATCH per member. Here the whole
organization is read once (1,000 members a page) and the team's members once; the change
goes out as one ``PATCH /v2/teams/{id}/members`` per 1,000 members.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Event
from typing import TYPE_CHECKING, Literal, TypeVar

from .._errors import InputError, ServerUnreachableError, SigmaError
from .ensure import converge_batch, failure_status
from .inputs import is_email, unique_emails
from .report import Item, Report, Status

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.members import Member

__all__ = [
    "LOOKUP_EACH_UP_TO",
    "MAX_BATCH",
    "TeamMembershipOptions",
    "apply_batch",
    "change_team_members",
    "member_directory",
]

#: the most member ids one PATCH carries
MAX_BATCH = 1000


@dataclass(frozen=True)
class TeamMembershipOptions:
    #: the team, by id or name
    team: str
    emails: Sequence[str]
    action: Literal["add", "remove"] = "add"
    dry_run: bool = False
    batch_size: int = MAX_BATCH


#: at most this many people are each looked up by email (one request each); for more, the
#: organization's member list is read once instead (one request per 1,000 members)
LOOKUP_EACH_UP_TO = 20


def member_directory(
    sigma: Sigma, only: Iterable[str] | None = None, *, stop: Event | None = None
) -> dict[str, Member]:
    """Every member, archived and inactive ones too, by lowercased email (one list walk).

    With ``only`` (emails), just those members: the walk is the same, but the others are
    not turned into models (a few thousand fewer in a large organization). With ``stop``,
    no page is asked for once it is set (the result is then partial)."""
    from ..resources.members import Member

    members = sigma.members.list(include_archived=True, include_inactive=True)
    if only is None:
        return {m.email.lower(): m for m in members}
    wanted = {e.lower() for e in only}
    found: dict[str, Member] = {}
    for page in members.pages():
        for raw in page:
            if (email := str(raw.get("email", "")).lower()) in wanted:
                found[email] = Member.model_validate(raw)
        if stop is not None and stop.is_set():
            break
    return found


T = TypeVar("T")


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def apply_batch(
    sigma: Sigma, team_id: str, ids: Sequence[str], adding: bool
) -> dict[str, SigmaError]:
    """Send one PATCH for ``ids`` until each member is in (or out of) the team; the ids
    left undone, each with why. After a failure the team is read again: a change that
    landed although its answer was lost counts as made, and only what is still missing is
    sent again (a 4xx is not sent again; see :func:`.ensure.converge_batch`)."""

    def send(remaining: Sequence[str]) -> None:
        if adding:
            sigma.teams.update_members(team_id, add=remaining)
        else:
            sigma.teams.update_members(team_id, remove=remaining)

    def read() -> Callable[[str], bool]:
        now = {m.user_id for m in sigma.teams.members(team_id)}
        return lambda i: (i in now) == adding

    return converge_batch(send, read, ids)


def change_team_members(sigma: Sigma, options: TeamMembershipOptions) -> Report:
    """One item per distinct email: ``changed`` (added or removed), ``skipped`` (already as
    wanted), ``unknown`` (nobody has that email), ``failed`` (deactivated or inactive, or
    the change was refused and the team, read again, shows it not made), ``not done`` (the
    server stopped answering before it was made or confirmed; a rerun finishes it), or
    ``planned`` on a dry run."""
    if options.action not in ("add", "remove"):
        raise InputError(f"unknown action {options.action!r}: add or remove")
    if not 1 <= options.batch_size <= MAX_BATCH:
        raise InputError(f"batch_size must be between 1 and {MAX_BATCH}")
    emails = unique_emails(options.emails)
    bad = [e for e in emails if not is_email(e)]
    if bad:
        raise InputError(f"not an email address: {', '.join(bad[:5])}")
    stop = Event()
    with ThreadPoolExecutor(max_workers=2) as pool:
        # the organization is read (the longest part, a page per 1,000 members) while the
        # team is looked up, which it does not need; a team not found stops the walk
        directory_f = pool.submit(member_directory, sigma, emails, stop=stop)
        try:
            team = sigma.teams.resolve(options.team)
        except BaseException:
            stop.set()
            raise
        in_team_f = pool.submit(lambda: {m.user_id for m in sigma.teams.members(team.team_id)})
        directory, in_team = directory_f.result(), in_team_f.result()

    adding = options.action == "add"
    settled: dict[str, Item] = {}
    to_send: list[tuple[str, Member]] = []
    for email in emails:
        member = directory.get(email.lower())
        if member is None:
            settled[email] = Item(email, Status.UNKNOWN, "no member has this email")
        elif member.is_archived or member.is_inactive:
            state = "deactivated" if member.is_archived else "inactive"
            settled[email] = Item(
                email, Status.FAILED, f"member is {state}; not sent", id=member.member_id
            )
        elif (member.member_id in in_team) == adding:
            settled[email] = Item(
                email,
                Status.SKIPPED,
                f"already in {team.name}" if adding else f"not in {team.name}",
                id=member.member_id,
            )
        else:
            to_send.append((email, member))

    verb = "added to" if adding else "removed from"
    if options.dry_run:
        for email, member in to_send:
            settled[email] = Item(
                email, Status.PLANNED, f"would be {verb} {team.name}", id=member.member_id
            )
    stopped: str | None = None
    if not options.dry_run:
        for batch in _batches(to_send, options.batch_size):
            if stopped:
                for email, member in batch:
                    settled[email] = Item(
                        email, Status.NOT_DONE, "not sent: the run stopped", id=member.member_id
                    )
                continue
            undone = apply_batch(sigma, team.team_id, [m.member_id for _, m in batch], adding)
            for email, member in batch:
                exc = undone.get(member.member_id)
                if exc is None:
                    settled[email] = Item(
                        email, Status.CHANGED, f"{verb} {team.name}", id=member.member_id
                    )
                else:
                    settled[email] = Item(email, failure_status(exc), str(exc), id=member.member_id)
                    if isinstance(exc, ServerUnreachableError):
                        stopped = str(exc)
    return Report([settled[e] for e in emails], applied=not options.dry_run, stopped=stopped)
