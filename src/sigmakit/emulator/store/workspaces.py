"""Workspaces: top-level ``inodes`` rows of type ``workspace``, shared through grants."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import Conflict, NotFound
from .files import FileStore
from .grants import GrantStore
from .paging import Page, select_page
from .text import name_of


def render_workspace(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "workspaceId": row["id"],
        "workspaceUrlId": row["url_id"],
        "name": row["name"],
        "createdBy": row["created_by"],
        "updatedBy": row["updated_by"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


class WorkspaceStore:
    def __init__(self, db: Database, clock: Clock, files: FileStore, grants: GrantStore) -> None:
        self.db = db
        self.clock = clock
        self.files = files
        self.grants = grants

    def row(self, workspace_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM inodes WHERE id = ? AND type = 'workspace' AND is_archived = 0",
            (workspace_id,),
        )
        if row is None:
            raise NotFound.of("Workspace", workspace_id)
        return row

    def get(self, workspace_id: str) -> dict[str, Any]:
        return render_workspace(self.row(workspace_id))

    def list(self, *, name: str | None, exact_name: str | None, offset: int, limit: int) -> Page:
        """``name``: a case-insensitive part of the name; ``exactName``: all of it."""
        where: list[str] = ["type = 'workspace'", "is_archived = 0"]
        args: list[Any] = []
        if exact_name is not None:
            where.append("lower(name) = ?")
            args.append(exact_name.lower())
        elif name is not None:
            where.append("instr(lower(name), ?) > 0")
            args.append(name.lower())
        got = select_page(self.db, "inodes", where, args, offset=offset, limit=limit)
        return got.render(render_workspace)

    @staticmethod
    def _refuse_duplicate(conn: sqlite3.Connection, name: str, exclude: str | None = None) -> None:
        row = conn.execute(
            "SELECT id FROM inodes WHERE type = 'workspace' AND is_archived = 0 "
            "AND lower(name) = ? AND id != ?",
            (name.lower(), exclude or ""),
        ).fetchone()
        if row is not None:
            raise Conflict.duplicate("workspace-id", row["id"])

    @staticmethod
    def _name(value: Any) -> str:
        return name_of(value, "workspace")

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """With ``noDuplicates``, a live workspace of the same name (any case) is a 409."""
        name = self._name(body.get("name"))
        with self.db.tx() as conn:
            if body.get("noDuplicates"):
                self._refuse_duplicate(conn, name)
            workspace_id = self.files.insert(conn, name=name, type="workspace", owner_id=caller)
        return self.get(workspace_id)

    def update(self, workspace_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.row(workspace_id)
        name = self._name(body.get("name"))
        with self.db.tx() as conn:
            if body.get("noDuplicates"):
                self._refuse_duplicate(conn, name, exclude=workspace_id)
            conn.execute(
                "UPDATE inodes SET name = ?, updated_by = ?, updated_at = ? WHERE id = ?",
                (name, caller, self.clock.iso(), workspace_id),
            )
        return self.get(workspace_id)

    def delete(self, workspace_id: str, caller: str) -> None:
        """Gone for good: the workspace and what is in it can no longer be reached, and its
        grants are dropped."""
        self.row(workspace_id)
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE inodes SET is_archived = 1, updated_by = ?, updated_at = ? WHERE id = ?",
                (caller, self.clock.iso(), workspace_id),
            )
            self.grants.drop(conn, inode_id=workspace_id)

    def team_folder(self, conn: sqlite3.Connection, team_id: str, name: str, caller: str) -> str:
        """A workspace named after a new team, which the team may edit."""
        workspace_id = self.files.insert(conn, name=name, type="workspace", owner_id=caller)
        self.grants.put(conn, workspace_id, "edit", caller, team_id=team_id)
        return workspace_id
