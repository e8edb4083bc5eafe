"""Grants: a member or a team holds a permission on an inode (workspace, folder, workbook)
or on a connection. The effective permission a member has on a file is worked out from
ownership, direct grants, team grants and grants on the workspaces and folders above it."""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from ..clock import Clock
from ..db import Database, encode_cursor
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .files import FileStore
from .members import MemberStore
from .org import OrgStore
from .paging import Page, select_page
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

#: What each kind of target is: the inode types it may have, and whether an archived one counts
_TARGETS: dict[str, tuple[tuple[str, ...], bool]] = {
    "workspace": (("workspace",), False),
    "workbook": (("workbook",), False),
    # a database, schema or table of a connection, by its inode id
    "connection path": (("scope", "table"), True),
    "dataset": (("dataset",), False),
    "report": (("report",), False),
}
#: a connection's catalogue is in the inodes too (its tables are files), but a grant on the
#: connection is not a grant on a file
_NOT_FILES = ("connection", "scope", "table")


def _no_team(team_id: str, conn: sqlite3.Connection | None = None) -> sqlite3.Row:
    raise NotFound.of("Team", team_id)


def _no_connection(connection_id: str) -> sqlite3.Row:
    raise NotFound.of("Connection", connection_id)


class GrantStore:
    """Grants on workspaces, workbooks and connections; one grantee holds one grant per target."""

    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        members: MemberStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.files = files
        self.members = members
        #: ``(team id, conn) -> row`` or Sigma's 404, and ``connection id -> row`` or its
        #: 404: handed over by the teams' and the connections' stores (built after this one)
        self.team_row: Callable[[str, sqlite3.Connection | None], sqlite3.Row] = _no_team
        self.connection_row: Callable[[str], sqlite3.Row] = _no_connection

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
        if kind == "connection":
            self.connection_row(target_id)
            return
        types, archived = _TARGETS[kind]
        found = self.files.rows([target_id]).get(target_id)
        if found is None or found["type"] not in types or (found["is_archived"] and not archived):
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

    def _grantee(self, conn: sqlite3.Connection, grantee: Any) -> tuple[str | None, str | None]:
        """``(member id, team id)`` of ``{"memberId"}`` or ``{"teamId"}``, which must exist."""
        grantee = grantee if isinstance(grantee, dict) else {}
        member_id, team_id = grantee.get("memberId"), grantee.get("teamId")
        if (member_id is None) == (team_id is None):
            raise BadRequest("A grantee is either a memberId or a teamId")
        if member_id is not None:
            self.members.row(member_id)
            return member_id, None
        self.team_row(team_id, conn)
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

    def _on_files(self, rows: Sequence[sqlite3.Row]) -> builtins.list[tuple[sqlite3.Row, str]]:
        """The grants that are on files, each with its file's type (one read of the files)."""
        types = {i: r["type"] for i, r in self.files.rows([g["inode_id"] for g in rows]).items()}
        return [
            (g, types[g["inode_id"]])
            for g in rows
            if g["inode_id"] in types and types[g["inode_id"]] not in _NOT_FILES
        ]

    def render_file_grant(self, row: sqlite3.Row, inode_type: str) -> dict[str, Any]:
        # Sigma's list of inode types has no "workspace": a workspace is a top-level folder.
        kind = "folder" if inode_type == "workspace" else inode_type
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
        filters = {"inode_id": inode_id, "team_id": team_id, "member_id": member_id}
        given = {column: value for column, value in filters.items() if value is not None}
        if not given:
            raise BadRequest("Give one of inodeId, teamId or userId")
        where = " AND ".join(f"{column} = ?" for column in given)
        rows = self.db.all(f"SELECT * FROM grants WHERE {where} ORDER BY seq", [*given.values()])
        found = self._on_files(rows)
        shown = [self.render_file_grant(g, kind) for g, kind in found[offset : offset + limit]]
        more = offset + limit < len(found)
        return Page(shown, encode_cursor(offset + limit) if more else None, len(found))

    def _file_grant(self, grant_id: str) -> tuple[sqlite3.Row, str]:
        found = self._on_files(self.db.all("SELECT * FROM grants WHERE grant_id = ?", (grant_id,)))
        if not found:
            raise NotFound.of("Grant", grant_id)
        return found[0]

    def get(self, grant_id: str) -> dict[str, Any]:
        return self.render_file_grant(*self._file_grant(grant_id))

    def escalate(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/grants``: grant on a file, or raise an existing grant; never lowers one."""
        inode_id = str(body.get("inodeId") or "")
        inode = self.files.rows([inode_id]).get(inode_id)
        if inode is None or inode["is_archived"] or inode["type"] in _NOT_FILES:
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

    # ----- asked by the people slice's stores (permissions, connections) -----

    def held(
        self, member_id: str, team_ids: Sequence[str], inode_ids: Sequence[str] | None = None
    ) -> builtins.list[tuple[str, str]]:
        """``(inode id, permission)`` of every grant the member holds or one of ``team_ids``
        holds (on ``inode_ids`` only, if given): one query."""
        if inode_ids is not None and not inode_ids:
            return []
        on = "" if inode_ids is None else " AND inode_id IN (SELECT value FROM json_each(?2))"
        # the member's grants and their teams' apart: an OR of the two scanned every grant
        rows = self.db.all(
            f"SELECT inode_id, permission FROM grants WHERE member_id = ?3{on} UNION ALL "
            "SELECT inode_id, permission FROM grants "
            f"WHERE team_id IN (SELECT value FROM json_each(?1)){on}",
            (json.dumps(list(team_ids)), json.dumps(list(inode_ids or [])), member_id),
        )
        return [(r[0], r[1]) for r in rows]

    @staticmethod
    def drop_on(conn: sqlite3.Connection, inode_ids: Sequence[str]) -> None:
        """Every grant on these inodes (inside the caller's transaction)."""
        conn.execute(
            "DELETE FROM grants WHERE inode_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(inode_ids)),),
        )

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
