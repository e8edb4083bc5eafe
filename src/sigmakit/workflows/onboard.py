"""Onboarding: a member, their own workspace and its grant, their teams and their
connections, for one person or many.

Idempotent: every step first looks at what is there (see :mod:`.ensure`), so a run after a
failure at any step finishes the rest without making anything twice. Each person's
workspace is named after their email address, lowercased (``ada@example.com``): that is
how a later run finds it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from .._errors import ConflictError, InputError, NotFoundError, SigmaError
from .._suggest import listing, suggestion
from ..resources._grants import GrantPermission, NewGrant
from .ensure import conflict_id, converge, ensure, ensure_grant, failure_status
from .inputs import is_email, read_people_rows
from .report import Item, Report, Status

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


def _resolve_all(
    refs: Iterable[str],
    resolve: Callable[[str], Any],
    what: str,
    names: Callable[[], Iterable[str]],
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    unknown: list[str] = []
    for ref in dict.fromkeys(refs):
        try:
            found[ref] = resolve(ref)
        except NotFoundError:
            unknown.append(ref)
    if unknown:
        valid = list(names())  # read only on a miss, to say what was meant and what exists
        raise InputError(
            f"unknown {what}{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}"
            f"{suggestion(unknown[0], valid)} (valid {what}s: {listing(valid) or 'none'})"
        )
    return found


def _plan(sigma: Sigma, options: OnboardOptions) -> _Plan:
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
    plan = _Plan(people, send_invite=options.send_invite)
    seen: set[str] = set()
    for person in people:
        key = person.email.strip().lower()
        if not is_email(person.email.strip()):
            raise InputError(f"{person.email!r} is not an email address")
        if key in seen:
            raise InputError(f"{person.email} is listed twice")
        seen.add(key)
    # the organization's own account types (one shared check, as members create/update)
    spelled = sigma.account_types.check_all(p.account_type for p in people)
    for person in people:
        key = person.email.strip().lower()
        plan.account_type[key] = spelled[person.account_type]
        kind = spelled[person.account_type].lower()
        plan.workspace_permission[key] = wp or WORKSPACE_PERMISSIONS.get(kind, "view")
        plan.connection_permission[key] = cp or ("annotate" if kind in ANNOTATORS else "usage")
    plan.teams = _resolve_all(
        (t for p in people for t in p.teams),
        sigma.teams.resolve,
        "team",
        lambda: (t.name for t in sigma.teams.list()),
    )
    plan.connections = _resolve_all(
        (c for p in people for c in p.connections),
        sigma.connections.resolve,
        "connection",
        lambda: (c.name for c in sigma.connections.list()),
    )
    return plan


def onboard(sigma: Sigma, options: OnboardOptions) -> Report:
    """Onboard every person; one report item per person and step. Bad input (unknown
    account type, team or connection, an email twice) is an ``InputError`` before any
    change."""
    plan = _plan(sigma, options)

    def one(person: Person) -> list[Item]:
        items = _Onboarding(sigma, plan, person).run()
        if options.progress is not None:
            options.progress()
        return items

    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        results = list(pool.map(one, plan.people))
    return Report([item for items in results for item in items])


class _Onboarding:
    """The steps for one person, in order; a failed step is reported, later independent
    steps still run."""

    def __init__(self, sigma: Sigma, plan: _Plan, person: Person) -> None:
        self.sigma = sigma
        self.plan = plan
        self.person = person
        key = person.email.strip().lower()
        self.email = person.email.strip()
        self.workspace_permission = plan.workspace_permission[key]
        self.connection_permission = plan.connection_permission[key]
        self.items: list[Item] = []
        self.member_created = False

    def _add(self, step: str, status: Status, message: str = "", id: str | None = None) -> None:
        self.items.append(Item(self.email, status, message, step=step, id=id))

    def _steps_after_member(self) -> list[str]:
        workspace = f"workspace {workspace_name(self.person)}"
        return [
            workspace,
            f"{workspace}: {self.workspace_permission}",
            *(f"team {self.plan.teams[t].name}" for t in self.person.teams),
            *(
                f"connection {self.plan.connections[c].name}: {self.connection_permission}"
                for c in self.person.connections
            ),
        ]

    def run(self) -> list[Item]:
        member = self._member()
        if member is None:
            for step in self._steps_after_member():
                self._add(step, Status.SKIPPED, "no active member")
            return self.items
        self._workspace(member)
        if self.person.teams:
            teams_now = self._teams_of(member)
            for ref in self.person.teams:
                self._team(member, self.plan.teams[ref], teams_now)
        for ref in self.person.connections:
            self._connection(member, self.plan.connections[ref])
        return self.items

    def _teams_of(self, member: Member) -> set[str] | None:
        """The member's team ids: none for a member just made; None if they cannot be read
        (each team step then checks for itself)."""
        if self.member_created:
            return set()
        try:
            return {t.team_id for t in self.sigma.teams.of_member(member.member_id)}
        except SigmaError:
            return None

    def _member(self) -> Member | None:
        sigma, person = self.sigma, self.person

        def from_conflict(exc: ConflictError) -> Member | None:
            member_id = conflict_id(exc, "member-id")
            return sigma.members.get(member_id) if member_id else None

        try:
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
                look_first=False,  # Sigma refuses a taken email with a 409 naming the member
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
            message = f"account type is {member.member_type}, not changed"
        self._add("member", status, message, member.member_id)
        self.member_created = status is Status.CREATED
        return member

    def _workspace(self, member: Member) -> None:
        sigma, name = self.sigma, workspace_name(self.person)
        step = f"workspace {name}"

        def from_conflict(exc: ConflictError) -> Workspace | None:
            workspace_id = conflict_id(exc, "workspace-id")
            return sigma.workspaces.get(workspace_id) if workspace_id else None

        try:
            workspace, status = ensure(
                lambda: sigma.workspaces.find_by_name(name),
                lambda: sigma.workspaces.create(name=name, no_duplicates=True),
                on_conflict=from_conflict,
                look_first=False,  # noDuplicates: a taken name is a 409
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

    def _connection(self, member: Member, connection: Connection) -> None:
        sigma, cid, permission = self.sigma, connection.connection_id, self.connection_permission
        self._grant(
            f"connection {connection.name}: {permission}",
            lambda: sigma.connections.grants(cid),
            lambda: sigma.connections.create_grants(
                cid, [NewGrant.member(member.member_id, cast(GrantPermission, permission))]
            ),
            member,
            permission,
            cid,
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
        message = f"was {before}" if status is Status.CHANGED else ""
        self._add(step, status, message, target_id)

    def _team(self, member: Member, team: Team, teams_now: set[str] | None) -> None:
        """``teams_now``: the member's team ids as read once for this person (None if that
        read failed)."""
        sigma, step = self.sigma, f"team {team.name}"

        def in_team() -> bool:
            return any(t.team_id == team.team_id for t in sigma.teams.of_member(member.member_id))

        try:
            status = converge(
                in_team,
                lambda: sigma.teams.update_members(team.team_id, add=[member.member_id]),
                already=None if teams_now is None else team.team_id in teams_now,
            )
        except SigmaError as exc:
            self._add(step, failure_status(exc), str(exc), team.team_id)
            return
        self._add(step, Status.CREATED if status is Status.CHANGED else status, id=team.team_id)
