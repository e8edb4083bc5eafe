"""Workspaces: top-level ``inodes`` rows of type ``workspace``, shared through grants."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import Conflict, NotFound
from .files import FileStore
from .grants import GrantStore
from .paging import Page
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
        row = self.files.rows([workspace_id]).get(workspace_id)
        if row is None or row["type"] != "workspace" or row["is_archived"]:
            raise NotFound.of("Workspace", workspace_id)
        return row

    def get(self, workspace_id: str) -> dict[str, Any]:
        return render_workspace(self.row(workspace_id))

    def list(self, *, name: str | None, exact_name: str | None, offset: int, limit: int) -> Page:
        """``name``: a case-insensitive part of the name; ``exactName``: all of it."""
        got = self.files.page_of(
            "workspace", name=name, exact_name=exact_name, offset=offset, limit=limit
        )
        return got.render(render_workspace)

    def _refuse_duplicate(self, name: str, exclude: str | None = None) -> None:
        """A 409 naming a live workspace of this name (any case), ``exclude`` aside (read in
        the caller's transaction: the database has one connection)."""
        same = self.files.page_of("workspace", exact_name=name, offset=0, limit=2).rows
        for row in same:
            if row["id"] != exclude:
                raise Conflict.duplicate("workspace-id", row["id"])

    @staticmethod
    def _name(value: Any) -> str:
        return name_of(value, "workspace")

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """With ``noDuplicates``, a live workspace of the same name (any case) is a 409."""
        name = self._name(body.get("name"))
        with self.db.tx() as conn:
            if body.get("noDuplicates"):
                self._refuse_duplicate(name)
            workspace_id = self.files.insert(conn, name=name, type="workspace", owner_id=caller)
        return self.get(workspace_id)

    def update(self, workspace_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.row(workspace_id)
        name = self._name(body.get("name"))
        with self.db.tx() as conn:
            if body.get("noDuplicates"):
                self._refuse_duplicate(name, exclude=workspace_id)
            self.files.change(
                conn, [workspace_id], name=name, updated_by=caller, updated_at=self.clock.iso()
            )
        return self.get(workspace_id)

    def delete(self, workspace_id: str, caller: str) -> None:
        """Gone for good: the workspace and what is in it can no longer be reached, and its
        grants are dropped."""
        self.row(workspace_id)
        with self.db.tx() as conn:
            self.files.change(
                conn, [workspace_id], is_archived=1, updated_by=caller, updated_at=self.clock.iso()
            )
            self.grants.drop(conn, inode_id=workspace_id)

    def team_folder(self, conn: sqlite3.Connection, team_id: str, name: str, caller: str) -> str:
        """A workspace named after a new team, which the team may edit."""
        workspace_id = self.files.insert(conn, name=name, type="workspace", owner_id=caller)
        self.grants.put(conn, workspace_id, "edit", caller, team_id=team_id)
        return workspace_id
