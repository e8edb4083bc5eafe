"""Setting or clearing one user attribute's value for many members and teams, after a plan.

Everything named is looked up first (the attribute by name or id, members by email or id,
teams by name or id); one unknown name is an error and nothing is sent. The plan compares
with the values there now: a member or team that already has the value (or, clearing, has
none) is ``skipped``. Applying sends one request per 100 members and per 100 teams.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._errors import BadRequestError, InputError, NotFoundError, SigmaError
from .._suggest import suggestion
from .ensure import failure_status
from .report import Item, Report, Status
from .teams import LOOKUP_EACH_UP_TO, member_directory

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.members import Member
    from ..resources.teams import Team
    from ..resources.user_attributes import UserAttribute

__all__ = ["ValueChange", "change_values", "resolve_members", "resolve_teams"]


@dataclass(frozen=True)
class ValueChange:
    #: the attribute, by name or id
    attribute: str
    #: the value to set; None clears
    value: str | None
    #: members by email or id
    members: Sequence[str] = ()
    #: teams by name or id
    teams: Sequence[str] = ()
    #: False: only plan
    apply: bool = False


def resolve_members(sigma: Sigma, refs: Sequence[str]) -> list[Member]:
    """Members by email (exact, any case) or id: a few are each looked up (one request
    each), more from one walk of the organization; an unknown one is a ``NotFoundError``
    naming it (and, for an email, the closest ones)."""
    if not refs:
        return []
    if len(refs) <= LOOKUP_EACH_UP_TO:
        try:
            looked_up = [sigma.members.resolve(ref) for ref in refs]
        except (NotFoundError, BadRequestError):
            pass  # the walk below names the closest emails
        else:
            return list({m.member_id: m for m in looked_up}.values())
    directory = member_directory(sigma)
    by_id = {m.member_id: m for m in directory.values()}
    found: list[Member] = []
    for ref in refs:
        key = ref.strip()
        member = directory.get(key.lower()) if "@" in key else by_id.get(key)
        if member is None:
            what = "email" if "@" in key else "id"
            hint = suggestion(key, list(directory)) if "@" in key else ""
            raise NotFoundError(404, message=f"no member has the {what} {key!r}{hint}")
        if member not in found:
            found.append(member)
    return found


def resolve_teams(sigma: Sigma, refs: Sequence[str]) -> list[Team]:
    """Teams by exact name (any case) or id, from one list; a miss names the closest."""
    if not refs:
        return []
    teams = list(sigma.teams.list())
    by_key = {t.team_id: t for t in teams} | {t.name.lower(): t for t in teams}
    found: list[Team] = []
    for ref in refs:
        team = by_key.get(ref.strip()) or by_key.get(ref.strip().lower())
        if team is None:
            team = sigma.teams.resolve(ref)  # raises, naming the teams meant
        if team not in found:
            found.append(team)
    return found


def _target_items(
    attribute: UserAttribute,
    value: str | None,
    targets: Sequence[tuple[str, str]],
    now: dict[str, str],
) -> tuple[list[Item], list[tuple[str, str]]]:
    """``(subject, id)`` pairs -> the skipped items and the pairs to change."""
    items: list[Item] = []
    todo: list[tuple[str, str]] = []
    for subject, ident in targets:
        there = now.get(ident)
        if value is not None and there == value:
            items.append(Item(subject, Status.SKIPPED, f"already {value!r}", id=ident))
        elif value is None and there is None:
            items.append(Item(subject, Status.SKIPPED, f"has no {attribute.name} value", id=ident))
        else:
            todo.append((subject, ident))
    return items, todo


def _planned(value: str | None, subject: str, ident: str, there: str | None) -> Item:
    was = f"now {there!r}" if there is not None else "no value now"
    if value is None:
        return Item(subject, Status.PLANNED, f"would be cleared ({was})", id=ident)
    return Item(subject, Status.PLANNED, f"would be set to {value!r} ({was})", id=ident)


def change_values(sigma: Sigma, change: ValueChange) -> Report:
    """Plan (``applied=False``: ``planned`` items) or set/clear the attribute's value for
    each member and team named. Unknown names, an empty or malformed value: an error
    before anything is sent."""
    from ..resources.user_attributes import check_value

    if isinstance(change.members, str) or isinstance(change.teams, str):
        raise InputError("members and teams are lists")
    if not change.members and not change.teams:
        raise InputError("name at least one member or team")
    value = None if change.value is None else check_value(change.value)
    ua = sigma.user_attributes
    attribute = ua.resolve(change.attribute)
    members = resolve_members(sigma, change.members)
    teams = resolve_teams(sigma, change.teams)
    aid = attribute.user_attribute_id
    member_now = {m.user_id: m.value.val for m in ua.members(aid)} if members else {}
    team_now = {t.team_id: t.value.val for t in ua.teams(aid)} if teams else {}

    member_targets = [(m.email, m.member_id) for m in members]
    team_targets = [(f"team {t.name}", t.team_id) for t in teams]
    items, member_todo = _target_items(attribute, value, member_targets, member_now)
    team_items, team_todo = _target_items(attribute, value, team_targets, team_now)
    items += team_items

    if not change.apply:
        items += [_planned(value, s, i, member_now.get(i)) for s, i in member_todo]
        items += [_planned(value, s, i, team_now.get(i)) for s, i in team_todo]
        return Report(items, applied=False)

    done = f"set to {value!r}" if value is not None else "cleared"
    for todo, kind in ((member_todo, "members"), (team_todo, "teams")):
        if not todo:
            continue
        ids = [i for _, i in todo]
        try:
            if kind == "members":
                if value is None:
                    ua.clear_members(aid, ids)
                else:
                    ua.set_members(aid, dict.fromkeys(ids, value))
            elif value is None:
                ua.clear_teams(aid, ids)
            else:
                ua.set_teams(aid, dict.fromkeys(ids, value))
        except SigmaError as exc:
            items += [Item(s, failure_status(exc), str(exc), id=i) for s, i in todo]
            continue
        items += [Item(s, Status.CHANGED, done, id=i) for s, i in todo]
    return Report(items)
