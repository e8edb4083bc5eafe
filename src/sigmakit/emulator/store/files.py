"""Files (inodes): workspaces, folders, workbooks... Members' "My Documents" folders live here."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..clock import Clock
from ..ids import IdFactory
from .db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS inodes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    url_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    parent_id TEXT,
    owner_id TEXT,
    description TEXT,
    badge TEXT,
    is_archived INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inodes_parent ON inodes(parent_id);
CREATE INDEX IF NOT EXISTS inodes_owner ON inodes(owner_id);
-- when a member last opened or edited a file (for /v2/members/{id}/files/recents)
CREATE TABLE IF NOT EXISTS interactions (
    member_id TEXT NOT NULL,
    inode_id TEXT NOT NULL,
    last_interaction_at TEXT NOT NULL,
    PRIMARY KEY (member_id, inode_id)
);
"""


class FileStore:
    def __init__(self, db: Database, ids: IdFactory, clock: Clock) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        type: str,
        owner_id: str,
        parent_id: str | None = None,
        description: str | None = None,
        at: str | None = None,
    ) -> str:
        """Add an inode inside the caller's transaction; returns its id."""
        inode_id = self.ids.uuid()
        when = at or self.clock.iso()
        conn.execute(
            "INSERT INTO inodes (id, url_id, name, type, parent_id, owner_id, description, "
            "created_by, updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                inode_id,
                self.ids.url_id(),
                name,
                type,
                parent_id,
                owner_id,
                description,
                owner_id,
                owner_id,
                when,
                when,
            ),
        )
        return inode_id

    def get_row(self, inode_id: str) -> dict[str, Any] | None:
        row = self.db.one("SELECT * FROM inodes WHERE id = ?", (inode_id,))
        return dict(row) if row is not None else None
