"""Reading the organization for an access review: each list once, the per-team and
per-connection lists at most ``concurrency`` at a time.

The organization-wide lists: members, teams, account types, workspaces, connections and
connection paths. Then per team its members and its file grants (``GET /v2/grants?teamId=``);
per account type its permissions; per connection its grants; per connection path (table)
its grants. Per member (in :mod:`.resolve`): their file grants (``GET /v2/grants?userId=``)
and the files they reach (``GET /v2/members/{memberId}/files``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...types.grants import Grant

__all__ = ["ConnectionGrant", "Org", "Person", "ceiling_of", "collect_org", "tier_of"]


@dataclass(frozen=True)
class Person:
    member_id: str
    email: str
    account_type: str
    active: bool
    home_folder_id: str | None


@dataclass(frozen=True)
class ConnectionGrant:
    """A grant on a connection (``path`` empty) or on one of its tables (``path`` set)."""

    connection_id: str
    thing_id: str
    path: tuple[str, ...]
    member_id: str | None
    team_id: str | None
    permission: str


@dataclass
class Org:
    people: dict[str, Person]
    #: team id -> name
    teams: dict[str, str]
    team_members: dict[str, frozenset[str]]
    member_teams: dict[str, list[str]]
    #: account type name (lowercased) -> its feature permissions
    type_permissions: dict[str, frozenset[str]]
    #: team id -> inode id -> permission
    team_file_grants: dict[str, dict[str, str]]
    #: workspace id -> name
    workspaces: dict[str, str]
    #: connection id -> name
    connections: dict[str, str]
    connection_grants: list[ConnectionGrant] = field(default_factory=list)


def ceiling_of(permissions: frozenset[str] | None) -> str | None:
    """The most an account type lets a member do with a document, whatever they are granted
    (a guess to check against a real organization: Sigma does not document it): ``edit`` for
    a type that may create workbooks (Admin, Pro, Creator), ``explore`` for one that may
    explore (Essential, Explorer), ``view`` for the rest (Lite, Viewer); None if the type
    is not known."""
    if permissions is None:
        return None
    if "create-workbook" in permissions or "manage-members" in permissions:
        return "edit"
    if "explore-workbook" in permissions:
        return "explore"
    return "view"


def tier_of(permissions: frozenset[str] | None) -> int:
    """An account type's tier for the license true-up: 4 administers (never flagged), 3
    creates, 2 explores, 1 views; 0 unknown."""
    if permissions is None:
        return 0
    if "manage-members" in permissions:
        return 4
    return {"edit": 3, "explore": 2, "view": 1}[ceiling_of(permissions) or "view"]


def _people(sigma: Sigma) -> dict[str, Person]:
    """Every member, deactivated ones too, kept as the little the review needs (each
    page's models are dropped as the walk goes on)."""
    return {
        m.member_id: Person(
            m.member_id,
            m.email,
            m.member_type,
            not (m.is_archived or m.is_inactive),
            m.home_folder_id,
        )
        for m in sigma.members.list(include_archived=True, include_inactive=True)
    }


def _team_members(sigma: Sigma, team_id: str) -> frozenset[str]:
    return frozenset(m.user_id for m in sigma.teams.members(team_id))


def file_grants(sigma: Sigma, **selector: str) -> dict[str, str]:
    """``GET /v2/grants`` for one member (``userId``) or team (``teamId``): inode -> permission."""
    return {
        str(g["inodeId"]): str(g["permission"])
        for g in sigma.paginate("/v2/grants", params={**selector, "limit": 1000})
    }


def _type_permissions(sigma: Sigma, account_type_id: str) -> list[str]:
    """What ``sigma.account_types.permissions`` answers, without its lookup of the type
    (a read of the whole list each time)."""
    got = sigma.request(
        "GET",
        "/v2/accountTypes/{accountTypeId}/permissions",
        path_params={"accountTypeId": account_type_id},
    )
    return [str(p["permission"]) for p in got] if isinstance(got, list) else []


def _connection_grants(sigma: Sigma, connection_id: str) -> list[Grant]:
    return sigma.connections.grants(connection_id).to_list()


def _path_grants(sigma: Sigma, url_id: str) -> list[dict[str, Any]]:
    return list(
        sigma.paginate(
            "/v2/connections/paths/{connectionPathId}/grants",
            path_params={"connectionPathId": url_id},
            params={"limit": 1000},
        )
    )


def collect_org(
    sigma: Sigma,
    pool: ThreadPoolExecutor,
    on_people: Callable[[dict[str, Person]], None] | None = None,
) -> Org:
    """Everything but the per-member reads, the independent lists side by side.
    ``on_people`` is called with the members as soon as they are read (while the rest
    is still being read), so the per-member reads can be queued behind them."""
    members_f = pool.submit(_people, sigma)
    teams_f = pool.submit(lambda: sigma.teams.list().to_list())
    types_f = pool.submit(lambda: sigma.account_types.list().to_list())
    workspaces_f = pool.submit(lambda: sigma.workspaces.list().to_list())
    connections_f = pool.submit(lambda: sigma.connections.list().to_list())
    paths_f = pool.submit(lambda: sigma.connections.paths().to_list())

    teams = {t.team_id: t.name for t in teams_f.result()}
    members_of = {t: pool.submit(_team_members, sigma, t) for t in teams}
    grants_of = {t: pool.submit(file_grants, sigma, teamId=t) for t in teams}
    types = types_f.result()
    permissions_of = {
        t.account_type_name.lower(): pool.submit(_type_permissions, sigma, t.account_type_id)
        for t in types
    }
    connections = {c.connection_id: c.name for c in connections_f.result()}
    connection_grants_f = {c: pool.submit(_connection_grants, sigma, c) for c in connections}
    paths = [p for p in paths_f.result() if p.connection_id in connections]
    path_grants_f: list[tuple[Any, Future[list[dict[str, Any]]]]] = [
        (p, pool.submit(_path_grants, sigma, p.url_id)) for p in paths
    ]

    people = members_f.result()
    if on_people is not None:
        on_people(people)
    team_members = {t: f.result() for t, f in members_of.items()}
    member_teams: dict[str, list[str]] = defaultdict(list)
    for team_id, ids in team_members.items():
        for member_id in ids:
            member_teams[member_id].append(team_id)
    grants: list[ConnectionGrant] = []
    for connection_id, got in connection_grants_f.items():
        grants += [
            ConnectionGrant(connection_id, connection_id, (), g.member_id, g.team_id, g.permission)
            for g in got.result()
        ]
    for p, got_path in path_grants_f:
        grants += [
            ConnectionGrant(
                p.connection_id,
                p.url_id,
                tuple(p.path),
                g.get("memberId"),
                g.get("teamId"),
                str(g["permission"]),
            )
            for g in got_path.result()
        ]
    return Org(
        people=people,
        teams=teams,
        team_members=team_members,
        member_teams=dict(member_teams),
        type_permissions={name: frozenset(f.result()) for name, f in permissions_of.items()},
        team_file_grants={t: f.result() for t, f in grants_of.items()},
        workspaces={w.workspace_id: w.name for w in workspaces_f.result()},
        connections=connections,
        connection_grants=grants,
    )
