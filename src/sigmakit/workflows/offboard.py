"""Offboarding: everything a leaving member holds goes to someone else, then they are
deactivated.

The steps, in order: (1) every file they own (all of My Documents, and anything they own
elsewhere) gets the new owner; (2) their scheduled exports go to the new owner with the
deactivation, or are suspended first (``stop_schedules``); (3) they leave every team;
(4) their own user-attribute values are cleared; (5) they are deactivated with the new
owner named (``PATCH /v2/members/{id}`` ``isArchived`` + ``newOwnerId``), which also hands
over anything that appeared since the plan was read.

A plan comes first and reads only. Each change goes through :mod:`.ensure` (checked first,
read again after an unclear failure), so a second run finds everything done and sends no
write, and a run stopped at any point finishes on the next one. The first step that fails
stops the run: what comes after it is reported ``not done`` and is not sent (the member is
never deactivated while something of theirs is left behind by a failure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._errors import InputError, NotFoundError, SigmaError
from .._suggest import close_matches, suggestion
from ..resources.files import FILE_TYPES
from .ensure import converge, failure_status, look_again
from .people import deactivate_member
from .report import BAD, Item, Report, Status
from .teams import member_directory
from .transfer import give_file

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.files import File
    from ..resources.members import Member
    from ..resources.schedules import Schedule
    from ..resources.teams import Team
    from ..resources.user_attributes import MemberAttributeValue

__all__ = [
    "OffboardOptions",
    "OffboardPlan",
    "apply_offboard",
    "offboard",
    "plan_offboard",
    "plan_report",
]

#: the file types listed in one call (Sigma lists workspaces only when asked for alone;
#: tables belong to their connection)
DOCUMENT_TYPES = tuple(t for t in FILE_TYPES if t not in ("workspace", "table"))


@dataclass(frozen=True)
class OffboardOptions:
    #: who leaves, by id or email
    member: str
    #: who gets their documents and schedules, by id or email
    new_owner: str
    #: suspend their scheduled exports instead of handing them over running
    stop_schedules: bool = False
    #: False: only plan
    apply: bool = False


@dataclass
class OffboardPlan:
    """What offboarding finds before the first write (reads only)."""

    member: Member
    new_owner: Member
    stop_schedules: bool = False
    #: the files the member owns, but not their My Documents folder itself
    documents: list[File] = field(default_factory=list)
    #: the scheduled exports they own
    schedules: list[Schedule] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    #: the user-attribute values set on the member themselves (not a team's or a default)
    attributes: list[MemberAttributeValue] = field(default_factory=list)

    @property
    def is_done(self) -> bool:
        """Nothing is left to send."""
        return all(kind in ("done", "cannot") for kind, *_ in _steps(self))

    def lines(self) -> list[str]:
        """The plan in a few lines, for a person to read before confirming."""
        m, to = self.member, self.new_owner
        kinds: dict[str, int] = {}
        for f in self.documents:
            kinds[f.type] = kinds.get(f.type, 0) + 1
        detail = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in sorted(kinds.items()))
        out = [f"offboard {m.name} <{m.email}>; new owner {to.name} <{to.email}>"]
        out.append(
            f"  documents: {len(self.documents)} to hand over" + (f" ({detail})" if detail else "")
        )
        verb = "to suspend, then hand over" if self.stop_schedules else "to hand over"
        out.append(f"  schedules: {len(self.schedules)} {verb}")
        names = ", ".join(t.name for t in self.teams)
        if self.teams and (m.is_archived or m.is_inactive):
            out.append(f"  teams: {len(self.teams)} ({names}), left as they are: not active")
        else:
            out.append(f"  teams: {len(self.teams)} to leave" + (f" ({names})" if names else ""))
        names = ", ".join(a.name for a in self.attributes)
        out.append(
            f"  user attributes: {len(self.attributes)} values to clear"
            + (f" ({names})" if names else "")
        )
        out.append(
            "  then: already deactivated" if m.is_archived else "  then: deactivate the member"
        )
        return out


# -- reading what there is --------------------------------------------------------------


def _nearest_email(ref: str, emails: Iterable[str]) -> str:
    """``"; did you mean 'ada@x.example'?"`` for an unknown email: in the organization's
    own domain the part before the ``@`` decides (the shared domain would make every
    address look alike)."""
    local, _, domain = ref.lower().partition("@")
    emails = list(emails)
    same = {e.partition("@")[0]: e for e in emails if e.partition("@")[2] == domain}
    found = [same[f] for f in close_matches(local, same)] if same else []
    if found:
        return "; did you mean " + " or ".join(repr(f) for f in found) + "?"
    return suggestion(ref, emails)


def _resolve(sigma: Sigma, ref: str, role: str) -> Member:
    """A member by id or email; an unknown one is an ``InputError`` naming the nearest
    email."""
    try:
        return sigma.members.resolve(ref)
    except NotFoundError:
        pass
    ref = ref.strip()
    if "@" not in ref:
        raise InputError(f"unknown {role}: no member has the id {ref}")
    # everyone is read only on a miss, to say who was meant
    hint = _nearest_email(ref, member_directory(sigma))
    raise InputError(f"unknown {role}: no member has the email {ref}{hint}")


def _owned_files(sigma: Sigma, member: Member) -> list[File]:
    """Every file the member owns (their My Documents folder aside), workspaces too."""
    found: dict[str, File] = {}
    for types in (DOCUMENT_TYPES, "workspace"):
        for f in sigma.files.of_member(member.member_id, type_filters=types):
            if f.owner_id == member.member_id and f.id != member.home_folder_id:
                found.setdefault(f.id, f)
    return list(found.values())


def _schedules_of(sigma: Sigma, member_id: str) -> list[Schedule]:
    """The scheduled exports the member owns."""
    return [s for s in sigma.schedules.for_member(member_id) if s.owner_id == member_id]


def _own_values(sigma: Sigma, member_id: str) -> list[MemberAttributeValue]:
    """The user-attribute values set on the member themselves: a team's value goes when
    they leave the team, a default is not theirs."""
    return [v for v in sigma.user_attributes.member_values(member_id) if v.source == "member"]


def plan_offboard(sigma: Sigma, options: OffboardOptions) -> OffboardPlan:
    """Check the members and read what the member holds. Refused, with nothing changed:
    an unknown member, the owner of the API credentials, a new owner who is the member
    themselves or not active."""
    member = _resolve(sigma, options.member, "member")
    new_owner = _resolve(sigma, options.new_owner, "new owner")
    if member.member_id == new_owner.member_id:
        raise InputError(f"{member.email} cannot be their own new owner")
    if new_owner.is_archived or new_owner.is_inactive:
        state = "deactivated" if new_owner.is_archived else "inactive"
        raise InputError(f"the new owner {new_owner.email} is {state}; name an active member")
    if member.member_id == sigma.whoami(member=False).user_id:
        raise InputError(f"{member.email} owns the API credentials in use and cannot be offboarded")
    return OffboardPlan(
        member=member,
        new_owner=new_owner,
        stop_schedules=options.stop_schedules,
        documents=_owned_files(sigma, member),
        schedules=_schedules_of(sigma, member.member_id),
        teams=list(sigma.teams.of_member(member.member_id)),
        attributes=_own_values(sigma, member.member_id),
    )


# -- the report -------------------------------------------------------------------------


def _document_step(f: File) -> str:
    return f"{f.type} {f.path or f.name}"


def _schedule_step(s: Schedule) -> str:
    return f"schedule {s.title!r}" if s.title else f"schedule {s.schedule_id}"


def _steps(plan: OffboardPlan) -> list[tuple[str, str, str | None, str]]:
    """Each thing to do as ``(kind, step, id, planned message)``, in order; a kind with
    nothing to do is one line (``done``) saying so."""
    to = plan.new_owner.email
    rows: list[tuple[str, str, str | None, str]] = []
    if plan.documents:
        rows += [("document", _document_step(f), f.id, f"to {to}") for f in plan.documents]
    else:
        rows.append(("done", "documents", None, "owns no documents"))
    if plan.schedules:
        for s in plan.schedules:
            if plan.stop_schedules and not s.is_suspended and s.workbook_id:
                rows.append(("suspend", _schedule_step(s), s.schedule_id, f"suspend, then to {to}"))
            else:
                note = " (suspended)" if s.is_suspended else ""
                if plan.stop_schedules and not s.is_suspended:
                    note = " (a report's schedule: not suspended)"
                rows.append(("move", _schedule_step(s), s.schedule_id, f"to {to}{note}"))
    else:
        rows.append(("done", "schedules", None, "owns no scheduled exports"))
    stuck = plan.member.is_archived or plan.member.is_inactive
    if plan.teams and stuck:
        state = "deactivated" if plan.member.is_archived else "inactive"
        why = f"not sent: Sigma does not take a member who is {state} out of a team"
        rows += [("cannot", f"team {t.name}", t.team_id, why) for t in plan.teams]
    elif plan.teams:
        rows += [("team", f"team {t.name}", t.team_id, "leave") for t in plan.teams]
    else:
        rows.append(("done", "teams", None, "in no team"))
    if plan.attributes:
        rows += [
            ("attribute", f"user attribute {a.name}", a.user_attribute_id, "clear")
            for a in plan.attributes
        ]
    else:
        rows.append(("done", "user attributes", None, "no values of their own"))
    if plan.member.is_archived:
        rows.append(("done", "deactivate", plan.member.member_id, "already deactivated"))
    else:
        rows.append(
            ("deactivate", "deactivate", plan.member.member_id, f"documents left go to {to}")
        )
    return rows


def plan_report(plan: OffboardPlan) -> Report:
    """The plan as a report (``applied=False``): ``planned`` lines, ``already there`` for
    what is done, ``skipped`` for the teams of a member who is not active."""
    email = plan.member.email
    items = []
    for kind, step, id_, message in _steps(plan):
        if kind == "done":
            status = Status.ALREADY
        elif kind == "cannot":
            status = Status.SKIPPED
        else:
            status = Status.PLANNED
        items.append(Item(email, status, message, step=step, id=id_))
    return Report(items, applied=False)


# -- carrying it out --------------------------------------------------------------------


class _Offboarding:
    def __init__(self, sigma: Sigma, plan: OffboardPlan) -> None:
        self.sigma = sigma
        self.plan = plan
        self.member_id = plan.member.member_id
        self.to = plan.new_owner
        self.schedules = {s.schedule_id: s for s in plan.schedules}
        self.attributes = {a.user_attribute_id: a for a in plan.attributes}

    def run(self) -> Report:
        email = self.plan.member.email
        items: list[Item] = []
        stopped: str | None = None
        #: schedules the deactivation hands over (report line, step, id, what was done
        #: first): checked once it is done
        moving: list[tuple[int, str, str | None, str]] = []
        failed_at: str | None = None
        for kind, step, id_, planned in _steps(self.plan):
            if kind == "done":
                items.append(Item(email, Status.ALREADY, planned, step=step, id=id_))
                continue
            if kind == "cannot":
                items.append(Item(email, Status.SKIPPED, planned, step=step, id=id_))
                continue
            if failed_at is not None:
                items.append(
                    Item(email, Status.NOT_DONE, f"not sent: {failed_at} failed", step=step, id=id_)
                )
                continue
            if kind == "move":
                moving.append((len(items), step, id_, ""))
                items.append(Item(email, Status.NOT_DONE, "goes with the deactivation", step, id_))
                continue
            try:
                status, message = self._act(kind, id_)
            except SigmaError as exc:
                status, message = failure_status(exc), str(exc)
            if kind == "deactivate" and status not in BAD:
                message = self._deactivated_message(status)
            if kind == "suspend" and status not in BAD:
                moving.append((len(items), step, id_, "suspended; "))
            items.append(Item(email, status, message, step=step, id=id_))
            if status in BAD:
                failed_at = step
                if self.sigma.unreachable:
                    stopped = message
        if moving:
            for index, step, id_, done in moving:
                items[index] = self._moved(email, step, id_, done, failed_at)
        return Report(items, stopped=stopped)

    def _deactivated_message(self, status: Status) -> str:
        if status is Status.ALREADY:
            return "already deactivated"
        return f"deactivated; anything left went to {self.to.email}"

    def _act(self, kind: str, id_: str | None) -> tuple[Status, str]:
        sigma, to = self.sigma, self.to
        assert id_ is not None
        if kind == "document":
            status = give_file(sigma, id_, to.member_id)
            return status, f"now owned by {to.email}"
        if kind == "suspend":
            workbook_id = self.schedules[id_].workbook_id
            assert workbook_id is not None  # a report's schedule is only handed over
            status = converge(
                lambda: self._schedule_suspended(id_),
                lambda: sigma.schedules.suspend(workbook_id, id_),
                already=False,
            )
            return status, "suspended"
        if kind == "team":
            status = converge(
                lambda: all(t.team_id != id_ for t in sigma.teams.of_member(self.member_id)),
                lambda: sigma.teams.update_members(id_, remove=[self.member_id]),
                already=False,
            )
            return status, "left the team"
        if kind == "attribute":
            status = converge(
                lambda: (
                    id_ not in {v.user_attribute_id for v in _own_values(sigma, self.member_id)}
                ),
                lambda: sigma.user_attributes.clear_members(id_, [self.member_id]),
                already=False,
            )
            return status, f"cleared (was {self.attributes[id_].value})"
        if kind == "deactivate":
            item = deactivate_member(sigma, self.plan.member, to)
            return item.status, item.message
        raise AssertionError(kind)

    def _schedule_suspended(self, schedule_id: str) -> bool:
        for s in _schedules_of(self.sigma, self.member_id):
            if s.schedule_id == schedule_id:
                return bool(s.is_suspended)
        return False

    def _moved(
        self, email: str, step: str, id_: str | None, done: str, failed_at: str | None
    ) -> Item:
        """A schedule the deactivation was to hand over (``done``: what was done to it
        before), checked by reading the member's schedules again."""
        if failed_at is not None:
            message = f"{done}not handed over: {failed_at} failed"
            return Item(email, Status.NOT_DONE, message, step=step, id=id_)
        try:
            left = {
                s.schedule_id for s in look_again(lambda: _schedules_of(self.sigma, self.member_id))
            }
        except SigmaError as exc:
            return Item(email, failure_status(exc), f"{done}{exc}", step=step, id=id_)
        if id_ in left:
            message = f"{done}still theirs after the deactivation"
            return Item(email, Status.FAILED, message, step=step, id=id_)
        message = f"{done}now owned by {self.to.email}"
        return Item(email, Status.CHANGED, message, step=step, id=id_)


def apply_offboard(sigma: Sigma, plan: OffboardPlan) -> Report:
    """Carry out a plan, step by step; the first failure stops it (see the module)."""
    return _Offboarding(sigma, plan).run()


def offboard(sigma: Sigma, options: OffboardOptions) -> Report:
    """Plan, then (with ``apply``) offboard. Without ``apply`` the report holds the plan:
    ``planned`` lines, and ``already there`` for what is done."""
    plan = plan_offboard(sigma, options)
    if not options.apply:
        return plan_report(plan)
    return apply_offboard(sigma, plan)
