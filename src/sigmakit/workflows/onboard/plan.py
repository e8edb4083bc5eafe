"""Onboarding's plan: everything checked and looked up before the first write, the reads
side by side."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ..._errors import InputError, NotFoundError, SigmaError
from ..._suggest import listing, suggestion
from ..teams import (
    LOOKUP_EACH_UP_TO,
    member_directory,
    team_member_ids,
)
from .options import (
    ANNOTATORS,
    WORKSPACE_PERMISSIONS,
    OnboardOptions,
    Person,
    _check,
)

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.connections import Connection
    from ...resources.members import Member
    from ...resources.teams import Team
    from ...resources.workspaces import Workspace


@dataclass
class _Plan:
    """Everything checked and looked up before the first write."""

    people: list[Person]
    send_invite: bool | None = None
    #: by email (lowercased): the account type as the organization spells it
    account_type: dict[str, str] = field(default_factory=dict)
    workspace_permission: dict[str, str] = field(default_factory=dict)
    connection_permission: dict[str, str] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    connections: dict[str, Connection] = field(default_factory=dict)
    #: the permissions the options name for everyone (else each follows the account type)
    workspace_permission_given: str | None = None
    connection_permission_given: str | None = None


T = TypeVar("T")


def _ready(read: Future[T] | None) -> T | None:
    """What a read found, once it is in; None while it runs, or if the API failed it (then
    each person is looked up for themselves)."""
    if read is None or not read.done() or read.cancelled():
        return None
    if isinstance(read.exception(), SigmaError):
        return None
    return read.result()  # anything else it raised is raised here


def _awaited(read: Future[T] | None) -> T | None:
    """What a read found, waiting for it; None if it failed (then it is read again)."""
    if read is None:
        return None
    try:
        return read.result()
    except SigmaError:
        return None


@dataclass
class _Known:
    """What the organization holds, each read once, side by side with the first writes.

    The member walk is a page per 1,000 members, one after another: in a large
    organization the longest read by far. The people's steps do not wait for it: a person
    started while it is still running is looked up by email (as when there are only a
    few people), and everyone after it uses what it found."""

    #: every member by lowercased email; None when each person is looked up by email instead
    members: Future[dict[str, Member]] | None
    #: team id -> the ids of its members (read again when its members are added, if it failed)
    team_members: dict[str, Future[set[str]]]
    #: connection id -> member id -> the permission the member holds (read again when the
    #: grants are given, if it failed)
    connection_grants: dict[str, Future[dict[str, str]]]
    #: every workspace by lowercased name (the oldest of a name); None when each person's
    #: workspace is looked up by name instead
    workspaces: Future[dict[str, Workspace]] | None = None
    #: set once every person has started (or the run stopped): the walks, if still going,
    #: ask for no further page (nobody is left to use them)
    walks_done: threading.Event = field(default_factory=threading.Event)


def _workspace_directory(sigma: Sigma, stop: threading.Event) -> dict[str, Workspace]:
    """Every workspace by lowercased name (no page is asked for once ``stop`` is set)."""
    found: dict[str, Workspace] = {}
    for workspace in sigma.workspaces.list():  # oldest first, as find_by_name takes it
        if stop.is_set():
            break
        found.setdefault(workspace.name.lower(), workspace)
    return found


def _member_grants(sigma: Sigma, connection_id: str) -> dict[str, str]:
    held: dict[str, str] = {}
    for grant in sigma.connections.grants(connection_id):
        if grant.member_id is not None:
            held.setdefault(grant.member_id, grant.permission)
    return held


def _resolving(
    refs: Iterable[str],
    resolve: Callable[[str], Any],
    what: str,
    names: Callable[[], Iterable[str]],
    pool: ThreadPoolExecutor,
) -> Callable[[], dict[str, Any]]:
    """Each ref resolved, side by side, from now on; the call returned waits for them
    (so that teams and connections are looked up at the same time): ref -> thing, or one
    ``InputError`` naming every unknown one."""

    def attempt(ref: str) -> Any:
        try:
            return resolve(ref)
        except NotFoundError:
            return None

    pending = {ref: pool.submit(attempt, ref) for ref in dict.fromkeys(refs)}

    def found() -> dict[str, Any]:
        things = {ref: future.result() for ref, future in pending.items()}
        unknown = [ref for ref, thing in things.items() if thing is None]
        if unknown:
            valid = list(names())  # read only on a miss, to say what was meant and what exists
            raise InputError(
                f"unknown {what}{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}"
                f"{suggestion(unknown[0], valid)} (valid {what}s: {listing(valid) or 'none'})"
            )
        return things

    return found


def _plan(sigma: Sigma, options: OnboardOptions, pool: ThreadPoolExecutor) -> tuple[_Plan, _Known]:
    """Everything checked before the first write, reads side by side: the account types,
    teams and connections named (bad input is an ``InputError``, nothing written). The
    reads of what the organization holds are started here and go on while the people's
    steps begin (:class:`_Known`): its members and workspaces (one page per 1,000, or one
    lookup per person for a few people), each team's members, each connection's grants."""
    people = _check(options)
    wp, cp = options.workspace_permission, options.connection_permission
    emails = [p.email.strip() for p in people]
    # the organization's own account types (one shared check, as members create/update)
    spelled_read = pool.submit(sigma.account_types.check_all, [p.account_type for p in people])
    many = len(emails) > LOOKUP_EACH_UP_TO
    walks_done = threading.Event()
    directory = pool.submit(member_directory, sigma, emails, stop=walks_done) if many else None
    workspaces = pool.submit(_workspace_directory, sigma, walks_done) if many else None
    plan = _Plan(
        people,
        send_invite=options.send_invite,
        workspace_permission_given=options.workspace_permission,
        connection_permission_given=options.connection_permission,
    )
    try:
        teams_found = _resolving(
            (t for p in people for t in p.teams),
            sigma.teams.resolve,
            "team",
            lambda: (t.name for t in sigma.teams.list()),
            pool,
        )
        connections_found = _resolving(
            (c for p in people for c in p.connections),
            sigma.connections.resolve,
            "connection",
            lambda: (c.name for c in sigma.connections.list()),
            pool,
        )
        plan.teams = teams_found()
        teams = {
            t.team_id: pool.submit(team_member_ids, sigma, t.team_id) for t in plan.teams.values()
        }
        plan.connections = connections_found()
        connections = {
            c.connection_id: pool.submit(_member_grants, sigma, c.connection_id)
            for c in plan.connections.values()
        }
        spelled = spelled_read.result()
    except BaseException:
        walks_done.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    for person in people:
        key = person.email.strip().lower()
        plan.account_type[key] = spelled[person.account_type]
        kind = spelled[person.account_type].lower()
        plan.workspace_permission[key] = wp or WORKSPACE_PERMISSIONS.get(kind, "view")
        plan.connection_permission[key] = cp or ("annotate" if kind in ANNOTATORS else "usage")
    return plan, _Known(directory, teams, connections, workspaces, walks_done)
