"""From grants to rows: what each member can finally do with each thing, and why.

The rule (Sigma does not document how grants combine; a guess to check against a real
organization): a member's permission on a document is the highest of their direct
grant, their teams' grants and the grants (theirs or their teams') on each folder and
workspace above it, ``edit`` where they own it or a folder above it; then capped by
their account type's ceiling (:func:`.collect.ceiling_of`). On a connection, the highest
of their own and their teams' grants on it; a grant on one of its tables is a row of
its own (``connection path``), with no ceiling.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .collect import Org, Person, ceiling_of
from .model import AccessRow, rank

if TYPE_CHECKING:
    from ...types.files import File

__all__ = ["MemberAccess", "connection_rows", "document_rows"]


@dataclass
class MemberAccess:
    """One member's rows, their own file grants, and what the findings need of them."""

    person: Person
    #: the tier their grants need (3 edit or organize, 2 explore, 1 view, 0 none)
    need: int
    own_grants: dict[str, str]
    #: connection id -> how many grants (theirs, their teams', on it or its tables) reach it
    connection_routes: dict[str, int]


_NAMES = {1: "view", 2: "explore", 3: "organize", 4: "edit"}


def _reasons(
    person: Person, node: File, own: dict[str, str], org: Org, teams: Sequence[str]
) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    if node.owner_id == person.member_id:
        found.append(("owner", 4))
    if node.id in own:
        found.append(("direct grant", rank("", own[node.id])))
    for team_id in teams:
        permission = org.team_file_grants.get(team_id, {}).get(node.id)
        if permission is not None:
            found.append((f"team grant ({org.teams.get(team_id, team_id)})", rank("", permission)))
    return found


def document_rows(
    person: Person, files: Sequence[File], own: dict[str, str], org: Org
) -> list[AccessRow]:
    """A row per file the member reaches (their own My Documents folder aside)."""
    by_id = {f.id: f for f in files}
    teams = org.member_teams.get(person.member_id, [])
    ceiling = ceiling_of(org.type_permissions.get(person.account_type.lower()))
    rows = []
    for file in files:
        if file.id == person.home_folder_id:
            continue
        best, why = 0, []
        node: File | None = file
        within: list[str] = []
        depth = 0
        while node is not None and node.id not in within:
            for label, got in _reasons(person, node, own, org, teams):
                if depth:
                    label = f"inherited from {node.type} {node.name} ({label})"
                if got > best:
                    best, why = got, [label]
                elif got == best:
                    why.append(label)
            if depth:
                within.append(node.id)
            node = by_id.get(node.parent_id or "")
            depth += 1
        granted = _NAMES.get(best) or file.permission or "view"
        reason = "; ".join(why) or "reported by the API; no grant found"
        permission, lowered = granted, None
        if ceiling is not None and rank("", granted) > rank("", ceiling):
            permission, lowered = ceiling, ceiling
        rows.append(
            AccessRow(
                member_id=person.member_id,
                email=person.email,
                account_type=person.account_type,
                active=person.active,
                kind=file.type,
                thing_id=file.id,
                url_id=file.url_id,
                name=file.name,
                path=file.path or file.name,
                permission=permission,
                granted=granted,
                why=reason,
                ceiling=lowered,
                within=tuple(within),
            )
        )
    return rows


def connection_rows(person: Person, org: Org) -> tuple[list[AccessRow], dict[str, int]]:
    """A row per connection and per connection table the member holds a grant on (theirs
    or a team's), and how many such grants reach each connection."""
    teams = set(org.member_teams.get(person.member_id, []))
    best: dict[tuple[str, str], tuple[int, list[str], tuple[str, ...], str]] = {}
    routes: dict[str, int] = defaultdict(int)
    for g in org.connection_grants:
        if g.member_id == person.member_id:
            by = ""
        elif g.team_id is not None and g.team_id in teams:
            by = f"team {org.teams.get(g.team_id, g.team_id)}"
        else:
            continue
        routes[g.connection_id] += 1
        if g.path:
            label = "connection path grant" + (f" ({by})" if by else " (direct)")
        else:
            label = f"team grant ({by.removeprefix('team ')})" if by else "direct grant"
        got = rank("connection", g.permission)
        key = (g.connection_id, g.thing_id)
        held = best.get(key)
        if held is None or got > held[0]:
            best[key] = (got, [label], g.path, g.permission)
        elif got == held[0]:
            held[1].append(label)
    rows = []
    for (connection_id, thing_id), (_, why, path, permission) in best.items():
        name = org.connections.get(connection_id, connection_id)
        rows.append(
            AccessRow(
                member_id=person.member_id,
                email=person.email,
                account_type=person.account_type,
                active=person.active,
                kind="connection path" if path else "connection",
                thing_id=thing_id,
                name=path[-1] if path else name,
                path="/".join((name, *path)),
                permission=permission,
                granted=permission,
                why="; ".join(why),
                within=(connection_id,),
            )
        )
    return rows, dict(routes)
