"""Adding many people to a team, or taking them out, by email.

Sigma's QuickStart searches each email and sends one PATCH per member. Here the whole
organization is read once (1,000 members a page) and the team's members once; the change
goes out as one ``PATCH /v2/teams/{id}/members`` per 1,000 members.

The bulk change works on the entries as the API sends them (``memberId``, ``isArchived``...):
no SDK model is built, so the command imports neither the resources' models nor pydantic
(a quarter of its CPU time in a 5,000-member organization). The requests and their
rules are the SDK's, in its raw mode (``sigma.raw``): its pagination, retries and errors,
and the team lookup of ``sigma.teams.resolve``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Event
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .._errors import InputError, ServerUnreachableError, SigmaError
from .emails import is_email, unique_emails
from .ensure import converge_batch, failure_status
from .report import Item, Report, Status

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._client import Sigma
    from ..resources.members import Member

    Entry = Mapping[str, Any]

__all__ = [
    "LOOKUP_EACH_UP_TO",
    "MAX_BATCH",
    "TeamMembershipOptions",
    "apply_batch",
    "change_team_members",
    "member_directory",
    "member_entries",
    "team_entry",
    "team_member_ids",
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
    #: asked with the plan (every item, those to change ``planned``) before any change,
    #: when there is one to make or on a dry run: False leaves it a plan, nothing changed
    confirm: Callable[[Report], bool] | None = None


#: at most this many people are each looked up by email (one request each); for more, the
#: organization's member list is read once instead (one request per 1,000 members)
LOOKUP_EACH_UP_TO = 20


def member_entries(
    sigma: Sigma, only: Iterable[str], *, stop: Event | None = None
) -> dict[str, Entry]:
    """The members with the emails ``only`` (archived and inactive ones too), as the API
    gives them, by lowercased email: one walk of the member list, 1,000 a page. With
    ``stop``, no page is asked for once it is set (the result is then partial)."""
    wanted = {e.lower() for e in only}
    found: dict[str, Entry] = {}
    members = sigma.raw.members.list(include_archived=True, include_inactive=True)
    for page in members.pages():
        for raw in page:
            if (email := str(raw.get("email", "")).lower()) in wanted:
                found[email] = raw
        if stop is not None and stop.is_set():
            break
    return found


def member_directory(
    sigma: Sigma, only: Iterable[str] | None = None, *, stop: Event | None = None
) -> dict[str, Member]:
    """Every member, archived and inactive ones too, by lowercased email (one list walk).

    With ``only`` (emails), just those members: the walk is the same, but the others are
    not turned into models (a few thousand fewer in a large organization). With ``stop``,
    no page is asked for once it is set (the result is then partial)."""
    from ..resources.members import Member

    if only is None:
        members = sigma.members.list(include_archived=True, include_inactive=True)
        return {m.email.lower(): m for m in members}
    found = member_entries(sigma, only, stop=stop)
    return {email: Member.model_validate(raw) for email, raw in found.items()}


def team_entry(sigma: Sigma, ref: str) -> Entry:
    """The team ``ref`` names (exact name, case-insensitive, or id) as the API gives it:
    the rule, requests and messages of ``sigma.teams.resolve``, without the model."""
    from .._sync.resources._lookup import by_name_or_id

    teams = sigma.raw.teams
    return by_name_or_id(
        "team",
        ref,
        named=lambda name: teams.list(name=name),
        name_of=lambda team: str(team.get("name", "")),
        get=teams.get,
        names=lambda: (str(team.get("name", "")) for team in teams.list()),
    )


def team_member_ids(sigma: Sigma, team_id: str) -> set[str]:
    """The member ids in the team (a page per 1,000)."""
    entries = sigma.raw.teams.members(team_id)
    return {str(entry["userId"]) for entry in entries}


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
        # sigma.teams.update_members's request, without importing the teams' models
        if adding:
            sigma.raw.teams.update_members(team_id, add=remaining)
        else:
            sigma.raw.teams.update_members(team_id, remove=remaining)

    def read() -> Callable[[str], bool]:
        now = team_member_ids(sigma, team_id)
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
        directory_f = pool.submit(member_entries, sigma, emails, stop=stop)
        try:
            team = team_entry(sigma, options.team)
        except BaseException:
            stop.set()
            raise
        team_id, team_name = str(team["teamId"]), str(team.get("name", ""))
        in_team_f = pool.submit(team_member_ids, sigma, team_id)
        directory, in_team = directory_f.result(), in_team_f.result()

    adding = options.action == "add"
    settled: dict[str, Item] = {}
    to_send: list[tuple[str, str]] = []  # (email, member id)
    for email in emails:
        member = directory.get(email.lower())
        if member is None:
            settled[email] = Item(email, Status.UNKNOWN, "no member has this email")
            continue
        member_id = str(member["memberId"])
        if member.get("isArchived") or member.get("isInactive"):
            state = "deactivated" if member.get("isArchived") else "inactive"
            settled[email] = Item(
                email, Status.FAILED, f"member is {state}; not sent", id=member_id
            )
        elif (member_id in in_team) == adding:
            settled[email] = Item(
                email,
                Status.SKIPPED,
                f"already in {team_name}" if adding else f"not in {team_name}",
                id=member_id,
            )
        else:
            to_send.append((email, member_id))

    verb = "added to" if adding else "removed from"
    if options.dry_run or (options.confirm is not None and to_send):
        planned = dict(settled)
        for email, member_id in to_send:
            planned[email] = Item(
                email, Status.PLANNED, f"would be {verb} {team_name}", id=member_id
            )
        plan = Report([planned[e] for e in emails], applied=False)
        go_on = options.confirm(plan) if options.confirm is not None else True
        if options.dry_run or not go_on:
            return plan  # nothing sent
    stopped: str | None = None
    for batch in _batches(to_send, options.batch_size):
        if stopped:
            for email, member_id in batch:
                settled[email] = Item(
                    email, Status.NOT_DONE, "not sent: the run stopped", id=member_id
                )
            continue
        undone = apply_batch(sigma, team_id, [i for _, i in batch], adding)
        for email, member_id in batch:
            exc = undone.get(member_id)
            if exc is None:
                settled[email] = Item(email, Status.CHANGED, f"{verb} {team_name}", id=member_id)
            else:
                settled[email] = Item(email, failure_status(exc), str(exc), id=member_id)
                if isinstance(exc, ServerUnreachableError):
                    stopped = str(exc)
    return Report([settled[e] for e in emails], applied=not options.dry_run, stopped=stopped)
