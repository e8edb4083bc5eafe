"""Connections to data warehouses, and the catalogue of tables each one can see."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..clock import Clock
from ..errors import ApiError
from ..ids import IdFactory
from .db import Database
from .org import OrgStore
from .paging import Page, offset_page, select_page

SCHEMA = """
CREATE TABLE IF NOT EXISTS connections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    -- the rest of the connection's settings (account, warehouse, user, role...), as JSON
    details TEXT NOT NULL DEFAULT '{}',
    is_sample INTEGER NOT NULL DEFAULT 0,
    is_archived INTEGER NOT NULL DEFAULT 0,
    last_active_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- one row per table the connection can see; path is e.g. ["RETAIL", "PUBLIC", "ORDERS"]
CREATE TABLE IF NOT EXISTS connection_tables (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    url_id TEXT UNIQUE NOT NULL,
    connection_id TEXT NOT NULL,
    path TEXT NOT NULL,
    -- the path's parts joined by a unit separator, for prefix matching
    path_key TEXT NOT NULL,
    last_synced_at TEXT,
    UNIQUE (connection_id, path_key)
);
"""

_SEP = "\x1f"


def _key(path: Sequence[str]) -> str:
    return _SEP.join(path)


class ConnectionStore:
    def __init__(self, db: Database, ids: IdFactory, clock: Clock, org: OrgStore) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org

    def render(self, row: sqlite3.Row) -> dict[str, Any]:
        return {
            "organizationId": self.org.get().id,
            "connectionId": row["connection_id"],
            "isSample": bool(row["is_sample"]),
            "isAuditLog": False,
            "lastActiveAt": row["last_active_at"],
            "name": row["name"],
            "type": row["type"],
            "useOauth": False,
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "isArchived": bool(row["is_archived"]),
            **json.loads(row["details"]),
        }

    def row(self, connection_id: str) -> sqlite3.Row:
        row = self.db.one("SELECT * FROM connections WHERE connection_id = ?", (connection_id,))
        if row is None:
            raise ApiError(404, f"Connection not found: {connection_id}")
        return row

    def get(self, connection_id: str) -> dict[str, Any]:
        return self.render(self.row(connection_id))

    def list(self, *, search: str | None, include_archived: bool, offset: int, limit: int) -> Page:
        where: list[str] = []
        args: list[Any] = []
        if search:
            where.append("instr(lower(name), ?) > 0")
            args.append(search.lower())
        if not include_archived:
            where.append("is_archived = 0")
        got = select_page(self.db, "connections", where, args, offset=offset, limit=limit)
        return got.render(self.render)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        type: str,
        created_by: str,
        details: dict[str, Any],
        at: str,
    ) -> str:
        """Add a connection inside the caller's transaction; returns its id."""
        connection_id = self.ids.uuid()
        conn.execute(
            "INSERT INTO connections (connection_id, name, type, details, last_active_at, "
            "created_by, updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (connection_id, name, type, json.dumps(details), at, created_by, created_by, at, at),
        )
        return connection_id

    def add_tables(
        self, conn: sqlite3.Connection, connection_id: str, paths: Sequence[Sequence[str]]
    ) -> None:
        """Put tables in the connection's catalogue, inside the caller's transaction."""
        conn.executemany(
            "INSERT INTO connection_tables (id, url_id, connection_id, path, path_key) "
            "VALUES (?,?,?,?,?)",
            [
                (self.ids.uuid(), self.ids.url_id(), connection_id, json.dumps(list(p)), _key(p))
                for p in paths
            ],
        )

    def sync(self, connection_id: str, path: Sequence[str]) -> None:
        """Sync one table, or every table under a database or schema; ``[]`` syncs them all.

        A path the connection does not hold is a 404.
        """
        self.row(connection_id)
        if any(not isinstance(part, str) or not part for part in path):
            raise ApiError(400, 'path is a list of names, like ["DATABASE", "SCHEMA", "TABLE"]')
        key = _key(path)
        now = self.clock.iso()
        with self.db.tx() as conn:
            synced = conn.execute(
                "UPDATE connection_tables SET last_synced_at = ? WHERE connection_id = ? "
                "AND (? = '' OR path_key = ? OR substr(path_key, 1, ?) = ?)",
                (now, connection_id, key, key, len(key) + 1, key + _SEP),
            ).rowcount
            if path and not synced:
                raise ApiError(404, f"Path not found in connection: {'.'.join(path)}")
            conn.execute(
                "UPDATE connections SET last_active_at = ? WHERE connection_id = ?",
                (now, connection_id),
            )

    @staticmethod
    def render_path(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "connectionId": row["connection_id"],
            "urlId": row["url_id"],
            "path": json.loads(row["path"]),
            "lastSyncedAt": row["last_synced_at"],
        }

    def paths(self, *, connection_id: str | None, offset: int, limit: int) -> Page:
        """Every table of every connection (or of one), in catalogue order."""
        where: list[str] = ["c.is_archived = 0"]
        args: list[Any] = []
        if connection_id is not None:
            self.row(connection_id)
            where.append("t.connection_id = ?")
            args.append(connection_id)
        got = offset_page(
            self.db,
            "SELECT t.* FROM connection_tables t JOIN connections c USING (connection_id) "
            f"WHERE {' AND '.join(where)} ORDER BY t.seq",
            args,
            offset=offset,
            limit=limit,
        )
        return got.render(self.render_path)

    def path(self, table_id: str) -> dict[str, Any]:
        """A table by its id or its url id."""
        row = self.db.one(
            "SELECT * FROM connection_tables WHERE id = ? OR url_id = ?", (table_id, table_id)
        )
        if row is None:
            raise ApiError(404, f"Table not found: {table_id}")
        return self.render_path(row)
