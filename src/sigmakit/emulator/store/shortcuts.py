"""Shortcuts (Sigma's 2026-10 description, beta): an item surfaced in another folder or
workspace without being copied. Only their creation is published, so the emulator keeps
them apart from the files they point at; ``GET /v2/files`` does not list them (a guess,
see tests/parity/GUESSES.md)."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest
from ..ids import IdFactory
from .files import FileStore
from .text import name_of

__all__ = ["SCHEMA", "ShortcutStore"]

SCHEMA = """
-- target_type: Sigma's name for what the shortcut points at (workbook, data-model, ...)
CREATE TABLE IF NOT EXISTS shortcuts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    url_id TEXT NOT NULL,
    name TEXT NOT NULL,
    parent_id TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""

#: a file's type -> what Sigma calls it as a shortcut's target
_TARGET_TYPES = {
    "workbook": "workbook",
    "data-model": "data-model",
    "dataset": "dataset",
    "report": "report",
    "folder": "folder",
    "workspace": "folder",
    "table": "table",
}


def _id_of(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"{what} must be a non-empty string")
    return value.strip()


class ShortcutStore:
    def __init__(self, db: Database, ids: IdFactory, clock: Clock, files: FileStore) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.files = files

    def create(self, body: Any, caller: str) -> dict[str, Any]:
        """``POST /v2/shortcuts``: the caller needs to see the target and to organize the
        folder or workspace it goes in."""
        if not isinstance(body, dict):
            raise BadRequest("The body must be an object {parentId, target: {id}, name?}")
        parent_id = _id_of(body.get("parentId"), "parentId")
        target = body.get("target")
        if not isinstance(target, dict):
            raise BadRequest("target must be an object {id}")
        target_id = _id_of(target.get("id"), "target.id")
        parent = self.files.container(None, parent_id)
        parent_permission = self.files.access(caller, parent_id, need="organize")
        item = self.files.row(target_id)
        kind = _TARGET_TYPES.get(item["type"])
        if kind is None:
            raise BadRequest(f"A {item['type']} cannot be the target of a shortcut")
        self.files.access(caller, target_id, need="view")
        given = body.get("name")
        name = item["name"] if given is None else name_of(given, "shortcut")
        shortcut_id, at = self.ids.uuid(), self.clock.iso()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO shortcuts (id, url_id, name, parent_id, target_type, target_id, "
                "owner_id, created_at) VALUES (?,?,?,?,?,?,?,?)",
                (shortcut_id, self.ids.url_id(), name, parent_id, kind, target_id, caller, at),
            )
            row = conn.execute("SELECT * FROM shortcuts WHERE id = ?", (shortcut_id,)).fetchone()
        return self._render(row, parent, self.files.render(parent, parent_permission)["path"])

    @staticmethod
    def _render(row: sqlite3.Row, parent: sqlite3.Row, parent_path: str) -> dict[str, Any]:
        return {
            "id": row["id"],
            "urlId": row["url_id"],
            "name": row["name"],
            "parentId": row["parent_id"],
            "parentUrlId": parent["url_id"],
            # where the shortcut is: the folder's path, as a file's path names its folders
            "path": parent_path,
            "target": {"type": row["target_type"], "id": row["target_id"]},
            "ownerId": row["owner_id"],
            "createdBy": row["owner_id"],
            "updatedBy": row["owner_id"],
            "createdAt": row["created_at"],
            "updatedAt": row["created_at"],
        }
