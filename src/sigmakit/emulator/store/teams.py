"""Teams and their members. A team can hold grants; its members inherit them."""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Conflict, NotFound
from ..ids import IdFactory
from .grants import GrantStore
from .members import MemberStore
from .paging import Page, offset_page, select_page
from .text import name_of

SCHEMA = """
CREATE TABLE IF NOT EXISTS teams (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    name_lower TEXT UNIQUE NOT NULL,
    description TEXT,
    visibility TEXT NOT NULL DEFAULT 'private',
    workspace_id TEXT,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS team_members (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    is_team_admin INTEGER NOT NULL DEFAULT 0,
    added_by TEXT NOT NULL,
    UNIQUE (team_id, member_id)
);
CREATE INDEX IF NOT EXISTS team_members_member ON team_members(member_id);
"""

VISIBILITIES = ("public", "private")

_INACTIVE = "Inactive members cannot be added or removed"

#: ``(conn, team id, team name, caller) -> workspace id``: makes a team folder
TeamFolderMaker = Callable[[sqlite3.Connection, str, str, str], str]


def render_team(row: sqlite3.Row | dict[str, Any]) -> dict[str, Any]:
    return {
        "teamId": row["team_id"],
        "name": row["name"],
        "description": row["description"],
        "visibility": row["visibility"],
        "createdBy": row["created_by"],
        "updatedBy": row["updated_by"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "isArchived": False,
    }


class TeamStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        team_folder: TeamFolderMaker,
        members: MemberStore,
        grants: GrantStore,
    ) -> None:
        # what the team store asks of the members' and grants' stores (their tables)
        self.check_member = members.check_active
        self.created_by = members.created_by
        self.drop_grants = grants.drop
        grants.team_row = self.row
        self.db = db
        self.ids = ids
        self.clock = clock
        self.team_folder = team_folder

    def row(self, team_id: str, conn: sqlite3.Connection | None = None) -> sqlite3.Row:
        sql, args = "SELECT * FROM teams WHERE team_id = ?", (team_id,)
        row = conn.execute(sql, args).fetchone() if conn is not None else self.db.one(sql, args)
        if row is None:
            raise NotFound.of("Team", team_id)
        return row

    def member_ids(self, team_id: str) -> list[str]:
        rows = self.db.all(
            "SELECT member_id FROM team_members WHERE team_id = ? ORDER BY seq", (team_id,)
        )
        return [r["member_id"] for r in rows]

    def get(self, team_id: str) -> dict[str, Any]:
        return {**render_team(self.row(team_id)), "members": self.member_ids(team_id)}

    def list(
        self,
        *,
        name: str | None,
        description: str | None,
        visibility: str | None,
        offset: int,
        limit: int,
    ) -> Page:
        where: list[str] = []
        args: list[Any] = []
        if name is not None:
            where.append("name_lower = ?")
            args.append(name.strip().lower())
        if description is not None:
            where.append("lower(description) LIKE ?")
            args.append(f"%{description.lower()}%")
        if visibility is not None:
            where.append("visibility = ?")
            args.append(visibility)
        return select_page(self.db, "teams", where, args, offset=offset, limit=limit).render(
            render_team
        )

    def _check_name(self, conn: sqlite3.Connection, name: str, exclude: str | None = None) -> str:
        name = name_of(name, "team")
        row = conn.execute(
            "SELECT team_id FROM teams WHERE name_lower = ?", (name.lower(),)
        ).fetchone()
        if row is not None and row["team_id"] != exclude:
            raise Conflict.duplicate("team-id", row["team_id"])
        return name

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        created_by: str,
        description: str | None = None,
        visibility: str = "private",
        at: str | None = None,
    ) -> str:
        """Add a team inside the caller's transaction; returns its id."""
        team_id = self.ids.uuid()
        when = at or self.clock.iso()
        conn.execute(
            "INSERT INTO teams (team_id, name, name_lower, description, visibility, created_by, "
            "updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                team_id,
                name,
                name.lower(),
                description,
                visibility,
                created_by,
                created_by,
                when,
                when,
            ),
        )
        return team_id

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        visibility = body.get("visibility") or "private"
        if visibility not in VISIBILITIES:
            raise BadRequest(f"Invalid visibility: {visibility}")
        with self.db.tx() as conn:
            name = self._check_name(conn, str(body.get("name", "")))
            team_id = self.insert(
                conn,
                name=name,
                created_by=caller,
                description=body.get("description"),
                visibility=visibility,
            )
            self.change_members(conn, team_id, add=body.get("members") or [], remove=[], by=caller)
            workspace_id = None
            if body.get("createTeamFolder"):
                workspace_id = self.team_folder(conn, team_id, name, caller)
                conn.execute(
                    "UPDATE teams SET workspace_id = ? WHERE team_id = ?", (workspace_id, team_id)
                )
        return {**self.get(team_id), "workspaceId": workspace_id}

    def update(self, team_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.row(team_id)
        sets: dict[str, Any] = {}
        with self.db.tx() as conn:
            if body.get("name") is not None:
                name = self._check_name(conn, str(body["name"]), exclude=team_id)
                sets.update(name=name, name_lower=name.lower())
            if "description" in body:
                sets["description"] = body["description"]
            if body.get("visibility") is not None:
                if body["visibility"] not in VISIBILITIES:
                    raise BadRequest(f"Invalid visibility: {body['visibility']}")
                sets["visibility"] = body["visibility"]
            if sets:
                sets.update(updated_by=caller, updated_at=self.clock.iso())
                assignments = ", ".join(f"{col} = ?" for col in sets)
                conn.execute(
                    f"UPDATE teams SET {assignments} WHERE team_id = ?", (*sets.values(), team_id)
                )
        return render_team(self.row(team_id))

    def delete(self, team_id: str) -> None:
        """The team, its memberships and every grant it held."""
        self.row(team_id)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM team_members WHERE team_id = ?", (team_id,))
            self.drop_grants(conn, team_id=team_id)
            conn.execute("DELETE FROM teams WHERE team_id = ?", (team_id,))

    def members(self, team_id: str, *, offset: int, limit: int) -> Page:
        self.row(team_id)
        got = select_page(
            self.db, "team_members", ["team_id = ?"], [team_id], offset=offset, limit=limit
        )
        return got.render(
            lambda r: {
                "userId": r["member_id"],
                "isTeamAdmin": bool(r["is_team_admin"]),
                "addedBy": r["added_by"],
            }
        )

    def update_members(self, team_id: str, body: dict[str, Any], caller: str) -> None:
        self.row(team_id)
        for key in ("add", "remove"):
            value = body.get(key)
            if value is not None and not isinstance(value, list):
                raise BadRequest(f"{key} must be a list of member ids")
            for item in value or []:
                if isinstance(item, str) or (
                    key == "add"
                    and isinstance(item, dict)
                    and isinstance(item.get("memberId"), str)
                ):
                    continue
                raise BadRequest(f"{key} must be a list of member ids")
        with self.db.tx() as conn:
            self.change_members(
                conn, team_id, add=body.get("add") or [], remove=body.get("remove") or [], by=caller
            )

    def change_members(
        self,
        conn: sqlite3.Connection,
        team_id: str,
        *,
        add: Iterable[str | dict[str, Any]],
        remove: Iterable[str],
        by: str,
    ) -> None:
        """Add (member ids, or ``{memberId, isTeamAdmin}``) and remove members.

        Adding someone already in, or removing someone not in, changes nothing. Unknown
        members are a 404; inactive or archived ones a 400, as in Sigma.
        """
        for item in add:
            member_id, admin = (
                (item, False)
                if isinstance(item, str)
                else (str(item["memberId"]), bool(item.get("isTeamAdmin")))
            )
            self.check_member(conn, member_id, _INACTIVE)
            self.join(conn, team_id, member_id, admin=admin, by=by)
        for member_id in remove:
            self.check_member(conn, member_id, _INACTIVE)
            conn.execute(
                "DELETE FROM team_members WHERE team_id = ? AND member_id = ?",
                (team_id, member_id),
            )

    def of_member(self, member_id: str, *, offset: int, limit: int) -> Page:
        got = offset_page(
            self.db,
            "SELECT t.* FROM teams t JOIN team_members m ON m.team_id = t.team_id "
            "WHERE m.member_id = ? ORDER BY t.seq",
            (member_id,),
            offset=offset,
            limit=limit,
        )
        return got.render(render_team)

    def add_from_member_create(
        self, conn: sqlite3.Connection, member_id: str, body: dict[str, Any]
    ) -> None:
        """``POST /v2/members`` hook: ``addToTeams: [{teamId, isTeamAdmin}]``."""
        by = self.created_by(conn, member_id)
        for ref in body.get("addToTeams") or []:
            team_id = str(ref["teamId"])
            self.row(team_id, conn)
            self.join(conn, team_id, member_id, admin=bool(ref.get("isTeamAdmin")), by=by)

    @staticmethod
    def join(
        conn: sqlite3.Connection, team_id: str, member_id: str, *, admin: bool, by: str
    ) -> None:
        """Put a member in a team (no checks; a member already in stays as they were)."""
        conn.execute(
            "INSERT INTO team_members (team_id, member_id, is_team_admin, added_by) "
            "VALUES (?,?,?,?) ON CONFLICT (team_id, member_id) DO NOTHING",
            (team_id, member_id, int(admin), by),
        )

    # ----- asked by the people slice's stores (permissions, grants, user attributes) -----

    def team_ids_of(self, member_id: str) -> builtins.list[str]:
        """The teams the member belongs to: one query."""
        rows = self.db.all("SELECT team_id FROM team_members WHERE member_id = ?", (member_id,))
        return [r[0] for r in rows]

    def existing(self, team_ids: Sequence[str]) -> set[str]:
        """Which of these teams exist: one query."""
        rows = self.db.all(
            "SELECT team_id FROM teams WHERE team_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(team_ids)),),
        )
        return {r[0] for r in rows}

    # used by the seeds and the console

    def names(self) -> dict[str, str]:
        """Team id -> name, for every team, first created first."""
        return {r[0]: r[1] for r in self.db.all("SELECT team_id, name FROM teams ORDER BY seq")}

    def with_sizes(self) -> builtins.list[sqlite3.Row]:
        """Every team (id, name, description, visibility, workspace) with how many
        members it has (``members``), by name."""
        return self.db.all(
            "SELECT t.team_id, t.name, t.description, t.visibility, t.workspace_id, "
            "(SELECT count(*) FROM team_members m WHERE m.team_id = t.team_id) AS members "
            "FROM teams t ORDER BY t.name"
        )

    def memberships(self, member_id: str) -> builtins.list[sqlite3.Row]:
        """The teams a member is in (team_id, name, is_team_admin), by name."""
        return self.db.all(
            "SELECT t.team_id, t.name, m.is_team_admin FROM team_members m "
            "JOIN teams t USING (team_id) WHERE m.member_id = ? ORDER BY t.name",
            (member_id,),
        )

    def admins(self, team_id: str) -> dict[str, bool]:
        """Member id -> whether they are a team admin, for each member of the team."""
        rows = self.db.all(
            "SELECT member_id, is_team_admin FROM team_members WHERE team_id = ? ORDER BY seq",
            (team_id,),
        )
        return {r[0]: bool(r[1]) for r in rows}
