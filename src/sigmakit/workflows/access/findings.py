"""What an auditor asks about, from what the review read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .collect import Org, tier_of
from .model import AccessRow, Finding, rank
from .resolve import MemberAccess

__all__ = ["ALL_MEMBERS", "everyone_teams", "findings", "need_of"]

#: the name of Sigma's built-in team of every member (the API does not list it; a team of
#: this name, or one that holds every active member, is taken as it)
ALL_MEMBERS = "all members"
_TIER_NAMES = {1: "view", 2: "explore", 3: "create (edit or organize)"}


def everyone_teams(org: Org) -> set[str]:
    """Teams that share with everyone: named All Members, or holding every active member
    (of an organization of two or more)."""
    active = {p.member_id for p in org.people.values() if p.active}
    return {
        team_id
        for team_id, name in org.teams.items()
        if name.strip().lower() == ALL_MEMBERS
        or (len(active) > 1 and active <= org.team_members.get(team_id, frozenset()))
    }


def need_of(rows: Iterable[AccessRow]) -> int:
    """The tier a member's grants need: 3 to edit or organize, 2 to explore, 1 to view."""
    need = 0
    for row in rows:
        if row.kind in ("connection", "connection path"):
            need = max(need, 1)
        else:
            need = max(need, min(3, rank("", row.granted)))
    return need


def findings(
    org: Org,
    members: Sequence[MemberAccess],
    *,
    whole_org: bool,
    expected_paths: int,
    names: dict[str, str],
) -> list[Finding]:
    """``names``: thing id -> path, for the things the review's rows name."""
    found: list[Finding] = []
    # grants held by deactivated members, and their teams
    for access in members:
        person = access.person
        if person.active:
            continue
        direct = len(access.own_grants) + sum(
            1 for g in org.connection_grants if g.member_id == person.member_id
        )
        teams = sorted(org.teams[t] for t in org.member_teams.get(person.member_id, []))
        if direct or teams:
            found.append(
                Finding(
                    "deactivated-member",
                    person.email,
                    f"deactivated, still holds {direct} direct grant(s)"
                    + (f" and is in team(s) {', '.join(teams)}" if teams else ""),
                )
            )
    # shared with everyone
    for team_id in sorted(everyone_teams(org), key=lambda t: org.teams[t]):
        for inode_id, permission in sorted(org.team_file_grants.get(team_id, {}).items()):
            name = names.get(inode_id) or org.workspaces.get(inode_id, inode_id)
            found.append(
                Finding(
                    "shared-with-everyone",
                    name,
                    f"team {org.teams[team_id]} holds {permission} on {inode_id}",
                )
            )
    # license true-up
    for access in members:
        person = access.person
        tier = tier_of(org.type_permissions.get(person.account_type.lower()))
        if not person.active or tier in (0, 4):
            continue
        need = access.need
        if max(need, 1) < tier:
            found.append(
                Finding(
                    "license-true-up",
                    person.email,
                    f"account type {person.account_type}, but their grants need at most "
                    + (_TIER_NAMES[need] if need else "nothing (no access)"),
                )
            )
    # connections reached through more grants than expected
    over: dict[str, list[int]] = {}
    for access in members:
        for connection_id, routes in access.connection_routes.items():
            if routes > expected_paths:
                over.setdefault(connection_id, []).append(routes)
    for connection_id, counts in sorted(over.items()):
        found.append(
            Finding(
                "connection-paths",
                org.connections.get(connection_id, connection_id),
                f"{len(counts)} member(s) reach it through more than {expected_paths} "
                f"grant(s) (up to {max(counts)})",
            )
        )
    if whole_org:
        found += _workspaces_without_admin(org, members)
    return found


def _workspaces_without_admin(org: Org, members: Sequence[MemberAccess]) -> list[Finding]:
    """Workspaces where no active member holds ``edit`` through a grant (theirs or a
    team's with an active member); owning it does not count (the owner is often the
    account that made it through the API)."""
    active = {p.member_id for p in org.people.values() if p.active}
    admins: set[str] = set()
    for access in members:
        if access.person.active:
            admins |= {i for i, p in access.own_grants.items() if p == "edit"}
    for team_id, grants in org.team_file_grants.items():
        if org.team_members.get(team_id, frozenset()) & active:
            admins |= {i for i, p in grants.items() if p == "edit"}
    return [
        Finding("workspace-without-admin", name, f"no active member holds edit on {ws_id}")
        for ws_id, name in sorted(org.workspaces.items(), key=lambda w: w[1])
        if ws_id not in admins
    ]
