"""Grants: a member or a team holds a permission on an inode (workspace, folder, workbook)
or on a connection. The effective permission a member has on a file is worked out from
ownership, direct grants, team grants and grants on the workspaces and folders above it."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .org import OrgStore
from .paging import Page, offset_page, select_page
from .permissions import rank_of

SCHEMA = """
CREATE TABLE IF NOT EXISTS grants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    grant_id TEXT UNIQUE NOT NULL,
    -- an inode id (workspace, folder, workbook...) or a connection id
    inode_id TEXT NOT NULL,
    member_id TEXT,
    team_id TEXT,
    permission TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((member_id IS NULL) != (team_id IS NULL))
);
CREATE INDEX IF NOT EXISTS grants_inode ON grants(inode_id);
CREATE INDEX IF NOT EXISTS grants_member ON grants(member_id);
CREATE INDEX IF NOT EXISTS grants_team ON grants(team_id);
"""

#: What may be granted on each kind of target.
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "workspace": ("view", "explore", "organize", "edit"),
    "workbook": ("view", "explore", "edit"),
    "connection": ("usage", "annotate"),
    "connection path": ("usage", "annotate"),
    "dataset": ("view", "edit"),
    "report": ("view", "edit"),
}

#: How each kind of target is found: (table, id column, extra condition)
_TARGETS = {
    "workspace": ("inodes", "id", "type = 'workspace' AND is_archived = 0"),
    "workbook": ("inodes", "id", "type = 'workbook' AND is_archived = 0"),
    "connection": ("connections", "connection_id", "1 = 1"),
    # a database, schema or table of a connection, by its inode id
    "connection path": ("inodes", "id", "type IN ('scope', 'table')"),
    "dataset": ("inodes", "id", "type = 'dataset' AND is_archived = 0"),
    "report": ("inodes", "id", "type = 'report' AND is_archived = 0"),
}


class GrantStore:
    """Grants on workspaces, workbooks and connections; one grantee holds one grant per target."""

    def __init__(self, db: Database, ids: IdFactory, clock: Clock, org: OrgStore) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org

    def render(self, row: sqlite3.Row) -> dict[str, Any]:
        return {
            "grantId": row["grant_id"],
            "inodeId": row["inode_id"],
            "organizationId": self.org.get().id,
            "memberId": row["member_id"],
            "teamId": row["team_id"],
            "permission": row["permission"],
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
        }

    def check_target(self, kind: str, target_id: str) -> None:
        """Sigma's 404 unless ``target_id`` is a live ``kind`` (workspace, workbook, connection)."""
        table, column, condition = _TARGETS[kind]
        found = self.db.one(
            f"SELECT 1 FROM {table} WHERE {column} = ? AND {condition}", (target_id,)
        )
        if found is None:
            raise NotFound.of(kind.capitalize(), target_id)

    def list(self, kind: str, target_id: str, *, offset: int, limit: int) -> Page:
        self.check_target(kind, target_id)
        got = select_page(
            self.db, "grants", ["inode_id = ?"], [target_id], offset=offset, limit=limit
        )
        return got.render(self.render)

    def add(self, kind: str, target_id: str, grants: Sequence[dict[str, Any]], caller: str) -> None:
        """``[{"grantee": {"memberId"}|{"teamId"}, "permission"}]``, all or none."""
        self.check_target(kind, target_id)
        with self.db.tx() as conn:
            for grant in grants:
                permission = str(grant.get("permission"))
                self._check_permission(kind, permission)
                member_id, team_id = self._grantee(conn, grant.get("grantee"))
                self.put(conn, target_id, permission, caller, member_id=member_id, team_id=team_id)

    @staticmethod
    def _check_permission(kind: str, permission: str) -> None:
        allowed = PERMISSIONS[kind]
        if permission not in allowed:
            raise BadRequest(
                f"Invalid permission for a {kind}: {permission} (one of {', '.join(allowed)})"
            )

    @staticmethod
    def _grantee(conn: sqlite3.Connection, grantee: Any) -> tuple[str | None, str | None]:
        """``(member id, team id)`` of ``{"memberId"}`` or ``{"teamId"}``, which must exist."""
        grantee = grantee if isinstance(grantee, dict) else {}
        member_id, team_id = grantee.get("memberId"), grantee.get("teamId")
        if (member_id is None) == (team_id is None):
            raise BadRequest("A grantee is either a memberId or a teamId")
        if member_id is not None:
            if conn.execute("SELECT 1 FROM members WHERE member_id = ?", (member_id,)).fetchone():
                return member_id, None
            raise NotFound.of("Member", member_id)
        if conn.execute("SELECT 1 FROM teams WHERE team_id = ?", (team_id,)).fetchone() is None:
            raise NotFound.of("Team", team_id)
        return None, team_id

    def put(
        self,
        conn: sqlite3.Connection,
        target_id: str,
        permission: str,
        by: str,
        *,
        member_id: str | None = None,
        team_id: str | None = None,
        at: str | None = None,
    ) -> str:
        """Grant inside the caller's transaction, replacing the grantee's earlier permission."""
        when = at or self.clock.iso()
        column, grantee = (
            ("member_id", member_id) if member_id is not None else ("team_id", team_id)
        )
        existing = conn.execute(
            f"SELECT grant_id FROM grants WHERE inode_id = ? AND {column} = ?",
            (target_id, grantee),
        ).fetchone()
        if existing is not None:
            conn.execute(
                "UPDATE grants SET permission = ?, updated_by = ?, updated_at = ? "
                "WHERE grant_id = ?",
                (permission, by, when, existing["grant_id"]),
            )
            return str(existing["grant_id"])
        grant_id = self.ids.uuid()
        conn.execute(
            "INSERT INTO grants (grant_id, inode_id, member_id, team_id, permission, created_by, "
            "updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (grant_id, target_id, member_id, team_id, permission, by, by, when, when),
        )
        return grant_id

    @staticmethod
    def drop(
        conn: sqlite3.Connection, *, inode_id: str | None = None, team_id: str | None = None
    ) -> None:
        """Every grant on a file (or connection), or every grant a team holds (inside the
        caller's transaction)."""
        if inode_id is not None:
            conn.execute("DELETE FROM grants WHERE inode_id = ?", (inode_id,))
        if team_id is not None:
            conn.execute("DELETE FROM grants WHERE team_id = ?", (team_id,))

    def delete(self, kind: str, target_id: str, grant_id: str) -> None:
        self.check_target(kind, target_id)
        with self.db.tx() as conn:
            gone = conn.execute(
                "DELETE FROM grants WHERE grant_id = ? AND inode_id = ?", (grant_id, target_id)
            ).rowcount
        if not gone:
            raise NotFound.of("Grant", grant_id)

    # ``/v2/grants``: grants on files (workspaces, folders, workbooks...), not on connections.

    #: a connection's catalogue is in the inodes too (its tables are files), but a grant on
    #: the connection is not a grant on a file
    _ON_FILES = (
        "SELECT g.*, i.type AS inode_type FROM grants g JOIN inodes i ON i.id = g.inode_id "
        "AND i.type NOT IN ('connection', 'scope', 'table')"
    )

    def render_file_grant(self, row: sqlite3.Row) -> dict[str, Any]:
        # Sigma's list of inode types has no "workspace": a workspace is a top-level folder.
        kind = "folder" if row["inode_type"] == "workspace" else row["inode_type"]
        return {**self.render(row), "inodeType": kind}

    def query(
        self,
        *,
        inode_id: str | None,
        team_id: str | None,
        member_id: str | None,
        offset: int,
        limit: int,
    ) -> Page:
        """Grants on one file, or held by one team or one member (directly)."""
        filters = {"g.inode_id": inode_id, "g.team_id": team_id, "g.member_id": member_id}
        given = {column: value for column, value in filters.items() if value is not None}
        if not given:
            raise BadRequest("Give one of inodeId, teamId or userId")
        where = " AND ".join(f"{column} = ?" for column in given)
        got = offset_page(
            self.db,
            f"{self._ON_FILES} WHERE {where} ORDER BY g.seq",
            list(given.values()),
            offset=offset,
            limit=limit,
        )
        return got.render(self.render_file_grant)

    def _file_grant(self, grant_id: str) -> sqlite3.Row:
        row = self.db.one(f"{self._ON_FILES} WHERE g.grant_id = ?", (grant_id,))
        if row is None:
            raise NotFound.of("Grant", grant_id)
        return row

    def get(self, grant_id: str) -> dict[str, Any]:
        return self.render_file_grant(self._file_grant(grant_id))

    def escalate(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/grants``: grant on a file, or raise an existing grant; never lowers one."""
        inode_id = str(body.get("inodeId") or "")
        inode = self.db.one(
            "SELECT type FROM inodes WHERE id = ? AND is_archived = 0 "
            "AND type NOT IN ('connection', 'scope', 'table')",
            (inode_id,),
        )
        if inode is None:
            raise NotFound.of("File", inode_id)
        kind = "workspace" if inode["type"] in ("workspace", "folder") else "workbook"
        permission = str(body.get("permission"))
        self._check_permission(kind, permission)
        with self.db.tx() as conn:
            member_id, team_id = self._grantee(conn, body.get("grantee"))
            column, who = (
                ("member_id", member_id) if member_id is not None else ("team_id", team_id)
            )
            held = conn.execute(
                f"SELECT permission FROM grants WHERE inode_id = ? AND {column} = ?",
                (inode_id, who),
            ).fetchone()
            if held is not None and rank_of(held["permission"]) >= rank_of(permission):
                permission = held["permission"]
            grant_id = self.put(
                conn, inode_id, permission, caller, member_id=member_id, team_id=team_id
            )
        return self.get(grant_id)

    def delete_one(self, grant_id: str) -> None:
        self._file_grant(grant_id)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM grants WHERE grant_id = ?", (grant_id,))

    # used by the console

    def rows(
        self, *, on: str | None = None, member_id: str | None = None, team_ids: Sequence[str] = ()
    ) -> builtins.list[sqlite3.Row]:
        """The grants on one target (a file or a connection), or those held by a member or
        by any of some teams, oldest first."""
        where, args = [], list[str](team_ids)
        if team_ids:
            where.append(f"team_id IN ({', '.join('?' * len(team_ids))})")
        if member_id is not None:
            where.append("member_id = ?")
            args.append(member_id)
        if on is not None:
            where.append("inode_id = ?")
            args.append(on)
        sql = f"SELECT * FROM grants WHERE {' OR '.join(where) or '0'} ORDER BY seq"
        return self.db.all(sql, args)
