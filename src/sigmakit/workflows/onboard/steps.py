"""Onboarding's steps for each person (member, workspace, grants, teams, connections), and
the team changes made together after everyone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, cast

from ..._errors import ConflictError, SigmaError
from ...types.grants import GrantPermission, NewGrant
from ..ensure import (
    conflict_id,
    converge_batch,
    ensure,
    ensure_grant,
    failure_status,
    in_halves,
)
from ..report import Item, Status
from ..teams import (
    MAX_BATCH,
    apply_batch,
    team_member_ids,
)
from .options import (
    ANNOTATORS,
    WORKSPACE_PERMISSIONS,
    Person,
    workspace_name,
)
from .plan import _awaited, _Known, _member_grants, _Plan, _ready

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.members import Member
    from ...resources.workspaces import Workspace


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
