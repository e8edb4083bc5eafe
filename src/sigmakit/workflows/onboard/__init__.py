"""Onboarding: a member, their own workspace and its grant, their teams and their
connections, for one person or many.

Idempotent: every step first looks at what is there (see :mod:`.ensure`), so a run after a
failure at any step finishes the rest without making anything twice. Each person's
workspace is named after their email address, lowercased (``ada@example.com``): that is
how a later run finds it again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .._errors import ConflictError, InputError, NotFoundError, SigmaError
from .._suggest import listing, suggestion
from ..types.grants import GrantPermission, NewGrant
from .ensure import (
    conflict_id,
    converge_batch,
    ensure,
    ensure_grant,
    failure_status,
    in_halves,
)
from .inputs import is_email, read_people_rows
from .report import Item, Report, Status
from .teams import (
    LOOKUP_EACH_UP_TO,
    MAX_BATCH,
    apply_batch,
    member_directory,
    team_member_ids,
)

if TYPE_CHECKING:
    from pathlib import Path

    from .._client import Sigma
    from ..resources.connections import Connection
    from ..resources.members import Member
    from ..resources.teams import Team
    from ..resources.workspaces import Workspace

__all__ = [
    "CONNECTION_PERMISSIONS",
    "WORKSPACE_PERMISSIONS",
    "OnboardOptions",
    "Person",
    "onboard",
    "read_people",
    "workspace_name",
]

#: account type (lowercased) → permission on the person's workspace; Sigma's onboarding
#: sample, with today's names and the older ones. Any other account type the organization
#: has (a custom one) gets the least: ``view``, and ``usage`` on connections (give
#: ``workspace_permission`` / ``connection_permission`` for more).
WORKSPACE_PERMISSIONS: Mapping[str, str] = {
    "admin": "edit",
    "pro": "organize",
    "essential": "explore",
    "lite": "view",
    "creator": "organize",
    "explorer": "explore",
    "viewer": "view",
}
#: account types whose connection grants are ``annotate``; every other one gets ``usage``
ANNOTATORS = frozenset({"admin", "pro", "creator"})
CONNECTION_PERMISSIONS = ("usage", "annotate")
WORKSPACE_PERMISSION_NAMES = ("view", "explore", "organize", "edit")


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str
    account_type: str
    #: team ids or names
    teams: tuple[str, ...] = ()
    #: connection ids or names
    connections: tuple[str, ...] = ()


def read_people(path: str | Path) -> list[Person]:
    """People from a CSV or YAML file (see :func:`.inputs.read_people_rows`)."""
    return [Person(**row) for row in read_people_rows(path)]


@dataclass(frozen=True)
class OnboardOptions:
    people: Sequence[Person]
    #: overrides the permission derived from the account type
    workspace_permission: str | None = None
    #: overrides ``usage`` / ``annotate``
    connection_permission: str | None = None
    send_invite: bool | None = None
    concurrency: int = 8
    #: called once per person done (a progress bar)
    progress: Callable[[], object] | None = None


def workspace_name(person: Person) -> str:
    """The name of a person's own workspace: their email, lowercased."""
    return person.email.strip().lower()


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


def _check(options: OnboardOptions) -> list[Person]:
    """The options and people, checked without a request."""
    people = list(options.people)
    if not people:
        raise InputError("nobody to onboard")
    if options.concurrency < 1:
        raise InputError("concurrency must be at least 1")
    wp, cp = options.workspace_permission, options.connection_permission
    if wp is not None and wp not in WORKSPACE_PERMISSION_NAMES:
        raise InputError(
            f"unknown workspace permission {wp!r}: one of {', '.join(WORKSPACE_PERMISSION_NAMES)}"
        )
    if cp is not None and cp not in CONNECTION_PERMISSIONS:
        raise InputError(
            f"unknown connection permission {cp!r}: one of {', '.join(CONNECTION_PERMISSIONS)}"
        )
    seen: set[str] = set()
    for person in people:
        key = person.email.strip().lower()
        if not is_email(person.email.strip()):
            raise InputError(f"{person.email!r} is not an email address")
        if key in seen:
            raise InputError(f"{person.email} is listed twice")
        seen.add(key)
    return people


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


def onboard(sigma: Sigma, options: OnboardOptions) -> Report:
    """Onboard every person; one report item per person and step. Bad input (unknown
    account type, team or connection, an email twice) is an ``InputError`` before any
    change; so is a failure to read the account types, teams or connections named (nothing
    is written then). A failed read of the members or workspaces is not: each person is
    then looked up for themselves.

    At most ``options.concurrency`` requests are in flight at a time. If the server stops
    answering (the client's fail-fast), the people not started yet are reported ``not
    done`` without a request, and the report says why the run stopped."""
    _check(options)
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        plan, known = _plan(sigma, options, pool)
        stop = threading.Event()
        why: list[str] = []

        def one(person: Person) -> _Onboarding:
            onboarding = _Onboarding(sigma, plan, known, person)
            if stop.is_set():  # the server stopped answering: leave the rest for a rerun
                onboarding.not_sent()
            else:
                onboarding.run()
                reason = onboarding.not_done_reason()
                if reason is not None and sigma.unreachable:
                    why.append(reason)
                    stop.set()
            if options.progress is not None:
                options.progress()
            return onboarding

        done = list(pool.map(one, plan.people))
        known.walks_done.set()
        joined = _after_everyone(sigma, plan, known, done, pool, stopped=stop.is_set())
    items: list[Item] = []
    for onboarding in done:
        items += onboarding.report(joined)
    if not why and sigma.unreachable:  # the server stopped answering during the team steps
        why = [i.message for i in joined.values() if i.status is Status.NOT_DONE][:1]
    return Report(items, stopped=why[0] if why else None)


def _add_to_team(sigma: Sigma, team_id: str, ids: Sequence[str]) -> dict[str, SigmaError]:
    """Add ``ids`` to the team in one PATCH (see :func:`.teams.apply_batch`), in halves
    when the team refuses the batch (:func:`.ensure.in_halves`); the ids left out, each
    with why."""
    return in_halves(lambda batch: apply_batch(sigma, team_id, batch, True), ids)


def _give_grants(
    sigma: Sigma, connection_id: str, wanted: Mapping[str, str]
) -> dict[str, SigmaError]:
    """Grant each member (id) their permission on the connection in one POST (the API
    takes a list of grants), in halves when the connection refuses the batch; the member
    ids left undone, each with why. A POST that failed unclearly is checked by reading
    the connection's grants again (:func:`.ensure.converge_batch`)."""

    def send(ids: Sequence[str]) -> None:
        grants = [NewGrant.member(i, cast(GrantPermission, wanted[i])) for i in ids]
        sigma.connections.create_grants(connection_id, grants)

    def read() -> Callable[[str], bool]:
        held = _member_grants(sigma, connection_id)
        return lambda i: held.get(i) == wanted[i]

    return in_halves(lambda ids: converge_batch(send, read, ids), list(wanted))


#: a step done for everyone at once, by (member id, team or connection id)
_Joined = dict[tuple[str, str], Item]


def _after_everyone(
    sigma: Sigma,
    plan: _Plan,
    known: _Known,
    done: Sequence[_Onboarding],
    pool: ThreadPoolExecutor,
    *,
    stopped: bool,
) -> _Joined:
    """Every team and connection step, once each person's own steps are done: one PATCH
    per team and one grants POST per connection for everyone not there yet (per 1,000
    people)."""
    email = {o.member.member_id: o.email for o in done if o.member is not None}
    teams: dict[str, dict[str, str]] = {}
    connections: dict[str, dict[str, str]] = {}
    for onboarding in done:
        if onboarding.member is not None:
            member_id = onboarding.member.member_id
            for ref in onboarding.person.teams:
                teams.setdefault(plan.teams[ref].team_id, {})[member_id] = ""
            for ref in onboarding.person.connections:
                permission = onboarding.connection_permission
                connections.setdefault(plan.connections[ref].connection_id, {})[member_id] = (
                    permission
                )
    team_names = {t.team_id: t.name for t in plan.teams.values()}
    connection_names = {c.connection_id: c.name for c in plan.connections.values()}

    def settle(
        target_id: str,
        wanted: Mapping[str, str],
        step: Callable[[str], str],
        read: Callable[[], Mapping[str, str]],
        apply: Callable[[Sequence[str]], dict[str, SigmaError]],
    ) -> _Joined:
        """The items of one target: ``wanted`` member id -> what they should hold there
        ("" for a team: being in it); ``read()``: what the members hold now."""

        def item(member_id: str, status: Status, message: str = "") -> Item:
            return Item(email[member_id], status, message, step=step(member_id), id=target_id)

        if stopped:
            return {
                (i, target_id): item(i, Status.NOT_DONE, "not sent: the run stopped")
                for i in wanted
            }
        try:
            held = read()
            missing = [i for i in wanted if held.get(i) != wanted[i]]
            undone: dict[str, SigmaError] = {}
            for start in range(0, len(missing), MAX_BATCH):
                undone.update(apply(missing[start : start + MAX_BATCH]))
        except SigmaError as exc:
            return {(i, target_id): item(i, failure_status(exc), str(exc)) for i in wanted}
        outcome: _Joined = {}
        for member_id, want in wanted.items():
            before, why = held.get(member_id), undone.get(member_id)
            if before == want:
                outcome[member_id, target_id] = item(member_id, Status.ALREADY)
            elif why is not None:
                outcome[member_id, target_id] = item(member_id, failure_status(why), str(why))
            elif before is None:
                outcome[member_id, target_id] = item(member_id, Status.CREATED)
            else:
                outcome[member_id, target_id] = item(member_id, Status.CHANGED, f"was {before}")
        return outcome

    def join(team_id: str) -> _Joined:
        def read() -> Mapping[str, str]:
            in_team = _awaited(known.team_members.get(team_id))
            if in_team is None:
                in_team = team_member_ids(sigma, team_id)
            return dict.fromkeys(in_team, "")

        return settle(
            team_id,
            teams[team_id],
            lambda _: f"team {team_names[team_id]}",
            read,
            lambda ids: _add_to_team(sigma, team_id, ids),
        )

    def grant(connection_id: str) -> _Joined:
        wanted = connections[connection_id]

        def read() -> Mapping[str, str]:
            held = _awaited(known.connection_grants.get(connection_id))
            return held if held is not None else _member_grants(sigma, connection_id)

        return settle(
            connection_id,
            wanted,
            lambda i: f"connection {connection_names[connection_id]}: {wanted[i]}",
            read,
            lambda ids: _give_grants(sigma, connection_id, {i: wanted[i] for i in ids}),
        )

    # the teams side by side, then the connections side by side: one round trip more
    # than all at once (a few requests in all), and each kind of batch meets a fault of
    # its own in the fault-injection proof (tests/workflows/test_reliability.py)
    joined: _Joined = {}
    for outcome in pool.map(join, teams):
        joined.update(outcome)
    for outcome in pool.map(grant, connections):
        joined.update(outcome)
    return joined


class _Onboarding:
    """The steps for one person but their teams and connections, in order; a failed step
    is reported, later independent steps still run. The team and connection steps are
    done for everyone at once (:func:`_after_everyone`) and put back in the person's order
    by :meth:`report`."""

    def __init__(self, sigma: Sigma, plan: _Plan, known: _Known, person: Person) -> None:
        self.sigma = sigma
        self.plan = plan
        self.known = known
        self.person = person
        key = person.email.strip().lower()
        self.email = person.email.strip()
        self.workspace_permission = plan.workspace_permission[key]
        self.connection_permission = plan.connection_permission[key]
        self.items: list[Item] = []
        #: the active member, once found or made (None: the later steps were skipped)
        self.member: Member | None = None
        self.member_created = False

    def _add(self, step: str, status: Status, message: str = "", id: str | None = None) -> None:
        self.items.append(Item(self.email, status, message, step=step, id=id))

    def _team_step(self, ref: str) -> str:
        return f"team {self.plan.teams[ref].name}"

    def _steps_after_member(self) -> list[str]:
        workspace = f"workspace {workspace_name(self.person)}"
        return [
            workspace,
            f"{workspace}: {self.workspace_permission}",
            *(self._team_step(t) for t in self.person.teams),
            *(
                f"connection {self.plan.connections[c].name}: {self.connection_permission}"
                for c in self.person.connections
            ),
        ]

    def not_sent(self) -> None:
        """Every step ``not done``, without a request: the run stopped before this person."""
        for step in ("member", *self._steps_after_member()):
            self._add(step, Status.NOT_DONE, "not sent: the run stopped")

    def not_done_reason(self) -> str | None:
        return next((i.message for i in self.items if i.status is Status.NOT_DONE), None)

    def report(self, joined: Mapping[tuple[str, str], Item]) -> list[Item]:
        """This person's items in the order of the steps."""
        if self.member is None:
            return self.items
        member_id = self.member.member_id
        teams = [joined[member_id, self.plan.teams[ref].team_id] for ref in self.person.teams]
        connections = [
            joined[member_id, self.plan.connections[ref].connection_id]
            for ref in self.person.connections
        ]
        return [*self.items, *teams, *connections]

    def run(self) -> None:
        member = self._member()
        if member is None:
            for step in self._steps_after_member():
                self._add(step, Status.SKIPPED, "no active member")
            return
        self.member = member
        self._workspace(member)

    def _member(self) -> Member | None:
        sigma, person = self.sigma, self.person

        def from_conflict(exc: ConflictError) -> Member | None:
            member_id = conflict_id(exc, "member-id")
            return sigma.members.get(member_id) if member_id else None

        directory = _ready(self.known.members)
        try:
            if directory is not None and self.email.lower() in directory:
                member, status = directory[self.email.lower()], Status.ALREADY
            else:
                member, status = ensure(
                    lambda: sigma.members.find_by_email(self.email),
                    lambda: sigma.members.create(
                        email=self.email,
                        first_name=person.first_name,
                        last_name=person.last_name,
                        member_type=self.plan.account_type[self.email.lower()],
                        send_invite=self.plan.send_invite,
                    ),
                    on_conflict=from_conflict,
                    # not in the directory read: create at once (a member made since is a
                    # 409 naming them); without a directory (yet), look first
                    look_first=directory is None,
                )
        except SigmaError as exc:
            self._add("member", failure_status(exc), str(exc))
            return None
        if member.is_archived or member.is_inactive:
            self._add(
                "member",
                Status.FAILED,
                "member is deactivated; reactivate them first (sigmakit members reactivate)",
                member.member_id,
            )
            return None
        message = ""
        if status is Status.ALREADY and member.member_type.lower() != person.account_type.lower():
            # the member keeps their account type, so their grants follow it, not the one
            # asked for (an Essential member is not given a Pro's permissions)
            kind = member.member_type.lower()
            given = []
            if self.plan.workspace_permission_given is None:
                self.workspace_permission = WORKSPACE_PERMISSIONS.get(kind, "view")
            given.append(f"workspace permission {self.workspace_permission}")
            if person.connections:
                if self.plan.connection_permission_given is None:
                    self.connection_permission = "annotate" if kind in ANNOTATORS else "usage"
                given.append(f"connection permission {self.connection_permission}")
            message = f"account type is {member.member_type}, not changed; {', '.join(given)}"
        self._add("member", status, message, member.member_id)
        self.member_created = status is Status.CREATED
        return member

    def _workspace(self, member: Member) -> None:
        sigma, name = self.sigma, workspace_name(self.person)
        step = f"workspace {name}"

        def from_conflict(exc: ConflictError) -> Workspace | None:
            workspace_id = conflict_id(exc, "workspace-id")
            return sigma.workspaces.get(workspace_id) if workspace_id else None

        known = _ready(self.known.workspaces)
        try:
            if known is not None and name in known:
                workspace, status = known[name], Status.ALREADY
            else:
                workspace, status = ensure(
                    lambda: sigma.workspaces.find_by_name(name),
                    lambda: sigma.workspaces.create(name=name, no_duplicates=True),
                    on_conflict=from_conflict,
                    # not among the workspaces just read, or a new member: create at once
                    # (noDuplicates: a taken name is a 409); else look first (a rerun
                    # writes nothing)
                    look_first=known is None and not self.member_created,
                )
        except SigmaError as exc:
            self._add(step, failure_status(exc), str(exc))
            self._add(f"{step}: {self.workspace_permission}", Status.SKIPPED, "no workspace")
            return
        self._add(step, status, id=workspace.workspace_id)
        wid, permission = workspace.workspace_id, self.workspace_permission
        self._grant(
            f"{step}: {permission}",
            lambda: sigma.workspaces.grants(wid),
            lambda: sigma.workspaces.create_grants(
                wid, [NewGrant.member(member.member_id, cast(GrantPermission, permission))]
            ),
            member,
            permission,
            wid,
            new_target=status is Status.CREATED,
        )

    def _grant(
        self,
        step: str,
        grants: Callable[[], Iterable[Any]],
        give: Callable[[], object],
        member: Member,
        permission: str,
        target_id: str,
        *,
        new_target: bool = False,
    ) -> None:
        try:
            status, before = ensure_grant(
                grants,
                give,
                member_id=member.member_id,
                permission=permission,
                new_target=new_target,
            )
        except SigmaError as exc:
            self._add(step, failure_status(exc), str(exc), target_id)
            return
        self._add(step, status, f"was {before}" if status is Status.CHANGED else "", target_id)
