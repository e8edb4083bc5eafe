"""Connections to data warehouses, and the catalogue of tables each one can see.

The catalogue is also laid down as inodes, so that tables are files
(``GET /v2/files?typeFilters=table``) as in Sigma: the connection (type ``connection``,
its inode id the connection id), each database and schema (type ``scope``) and each table
(type ``table``, its inode id the table's id). Only tables are ever shown as files; a
table's ``path`` is ``CONNECTION/DATABASE/SCHEMA/TABLE`` and its ``parentId`` the schema's
inode id, the same id ``POST /v2/connection/{id}/lookup`` answers for that schema. Members
reach a connection's tables through their grant on the connection; its creator owns them.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .account_types import AccountTypeStore
from .connection_paths import SEP as _SEP
from .connection_paths import key as _key
from .connection_paths import not_found as _path_not_found
from .connection_paths import scope_ids as _scope_ids
from .files import FileStore
from .grants import GrantStore
from .org import APP_URL, OrgStore
from .paging import Page, offset_page, select_page
from .text import name_of
from .warehouses import DEFAULT_COLUMNS, TABLE_COLUMNS, settings

#: Sigma's app host, for the ``url`` of a looked-up path
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


class ConnectionStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        account_types: AccountTypeStore,
        files: FileStore,
        grants: GrantStore,
    ) -> None:
        self.account_types = account_types
        self.files = files
        self.grants = grants
        grants.connection_row = self.row
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
            raise NotFound.of("Connection", connection_id)
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
        _, url_id = _scope_ids(connection_id, [])
        self.files.place(conn, [(connection_id, url_id, name, "connection", None, created_by, at)])
        return connection_id

    def add_tables(
        self, conn: sqlite3.Connection, connection_id: str, paths: Sequence[Sequence[str]]
    ) -> None:
        """Catalogue tables, and file them under their database and schema (in the caller's
        transaction)."""
        rows = [
            (self.ids.uuid(), self.ids.url_id(), connection_id, json.dumps(list(p)), _key(p))
            for p in paths
        ]
        conn.executemany(
            "INSERT INTO connection_tables (id, url_id, connection_id, path, path_key) "
            "VALUES (?,?,?,?,?)",
            rows,
        )
        owner, at = conn.execute(
            "SELECT created_by, created_at FROM connections WHERE connection_id = ?",
            (connection_id,),
        ).fetchone()
        inodes = []
        for (table_id, url_id, *_), path in zip(rows, paths, strict=True):
            parent = connection_id
            for depth in range(1, len(path)):
                scope_id, scope_url = _scope_ids(connection_id, path[:depth])
                inodes.append((scope_id, scope_url, path[depth - 1], "scope", parent, owner, at))
                parent = scope_id
            inodes.append((table_id, url_id, path[-1], "table", parent, owner, at))
        self.files.place(conn, inodes)

    def sync(self, connection_id: str, path: Sequence[str]) -> None:
        """Sync one table, or every table under a database or schema; ``[]`` syncs them all.

        A path the connection does not hold is a 404.
        """
        self.row(connection_id)
        if any(not isinstance(part, str) or not part for part in path):
            raise BadRequest('path is a list of names, like ["DATABASE", "SCHEMA", "TABLE"]')
        key = _key(path)
        now = self.clock.iso()
        with self.db.tx() as conn:
            synced = conn.execute(
                "UPDATE connection_tables SET last_synced_at = ? WHERE connection_id = ? "
                "AND (? = '' OR path_key = ? OR substr(path_key, 1, ?) = ?)",
                (now, connection_id, key, key, len(key) + 1, key + _SEP),
            ).rowcount
            if path and not synced:
                raise _path_not_found(path)
            conn.execute(
                "UPDATE connections SET last_active_at = ? WHERE connection_id = ?",
                (now, connection_id),
            )

    def lookup(self, connection_id: str, path: Any) -> dict[str, Any]:
        """``POST /v2/connection/{id}/lookup``: the inode of a database, schema (``scope``)
        or table (``table``) named by its path; 404 if the connection has no such thing."""
        self.row(connection_id)
        if (
            not isinstance(path, list)
            or not 1 <= len(path) <= 3
            or not all(isinstance(part, str) and part for part in path)
        ):
            raise BadRequest('path is 1 to 3 names, like ["DATABASE", "SCHEMA", "TABLE"]')
        if len(path) == 3:
            row = self.db.one(
                "SELECT id, url_id FROM connection_tables WHERE connection_id = ? AND path_key = ?",
                (connection_id, _key(path)),
            )
            kind = "table"
        else:
            scope_id, _ = _scope_ids(connection_id, path)
            row = self.files.rows([scope_id]).get(scope_id)
            row = row if row is not None and row["type"] == "scope" else None
            kind = "scope"
        if row is None:
            raise _path_not_found(path)
        slug = self.org.get().slug
        return {"kind": kind, "inodeId": row["id"], "url": f"{APP_URL}/{slug}/b/{row['url_id']}"}

    # ----- managing connections (account types with manage-connections: Admin) -----

    def _admin(self, caller: str) -> None:
        if not self.account_types.holds(caller, "manage-connections"):
            raise Forbidden("Your account type may not manage connections")

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/connections``: a new connection with an empty catalogue."""
        self._admin(caller)
        name, kind, shown = settings(body)
        with self.db.tx() as conn:
            connection_id = self.insert(
                conn, name=name, type=kind, created_by=caller, details=shown, at=self.clock.iso()
            )
        return self.get(connection_id)

    def replace(self, connection_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``PUT``: name and settings replaced as a whole; ``restore`` brings a deleted
        connection back (its grants stay gone)."""
        self._admin(caller)
        row = self.row(connection_id)
        name, kind, shown = settings(body)
        if row["is_archived"] and not body.get("restore"):
            raise NotFound.of("Connection", connection_id)
        now = self.clock.iso()
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE connections SET name = ?, type = ?, details = ?, is_archived = 0, "
                "updated_by = ?, updated_at = ? WHERE connection_id = ?",
                (name, kind, json.dumps(shown), caller, now, connection_id),
            )
            self.files.change(
                conn, [connection_id], name=name, is_archived=0, updated_by=caller, updated_at=now
            )
        return self.get(connection_id)

    def live(self, connection_id: str) -> sqlite3.Row:
        """A connection that is not deleted, or Sigma's 404."""
        row = self.row(connection_id)
        if row["is_archived"]:
            raise NotFound.of("Connection", connection_id)
        return row

    def update(self, connection_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``PATCH``: ``name`` and ``useOauth``, nothing else."""
        self._admin(caller)
        row = self.live(connection_id)
        details = json.loads(row["details"])
        name = row["name"]
        if body.get("name") is not None:
            name = name_of(body["name"], "connection")
        if "useOauth" in body:
            if not isinstance(body["useOauth"], bool):
                raise BadRequest("useOauth is true or false")
            details["useOauth"] = body["useOauth"]
        now = self.clock.iso()
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE connections SET name = ?, details = ?, updated_by = ?, updated_at = ? "
                "WHERE connection_id = ?",
                (name, json.dumps(details), caller, now, connection_id),
            )
            self.files.change(conn, [connection_id], name=name)
        return self.get(connection_id)

    def delete(self, connection_id: str, caller: str) -> None:
        """``DELETE``: the connection goes to the deleted ones (``includeArchived`` lists it,
        ``PUT`` with ``restore`` brings it back), its tables stop being reachable as files,
        and every grant on it and on its databases, schemas and tables is removed."""
        self._admin(caller)
        self.live(connection_id)
        now = self.clock.iso()
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE connections SET is_archived = 1, updated_by = ?, updated_at = ? "
                "WHERE connection_id = ?",
                (caller, now, connection_id),
            )
            self.files.change(
                conn, [connection_id], is_archived=1, updated_by=caller, updated_at=now
            )
            self.grants.drop_on(conn, self._catalogue(conn, connection_id))

    def test(self, connection_id: str) -> dict[str, str]:
        """``GET .../test``: reads work (the warehouse is always up); writes are DISABLED
        unless the connection was given write access."""
        row = self.live(connection_id)
        details = json.loads(row["details"])
        write = "SUCCESS" if details.get("writeAccess") else "DISABLED"
        return {"read": "SUCCESS", "write": write}

    def path_inode(self, path_id: str) -> sqlite3.Row:
        """A database, schema or table of a live connection, by its inode id (what
        ``lookup`` answers) or its url id (what ``/v2/connections/paths`` answers)."""
        found = self.files.rows([path_id], by_url=True).values()
        row = next((r for r in found if r["type"] in ("scope", "table")), None)
        if row is None or self._connection_of(row["id"]) is None:
            raise NotFound.of("Connection path", path_id)
        return row

    def _connection_of(self, inode_id: str) -> str | None:
        """The live connection above a catalogue inode."""
        found = self.db.one(
            "SELECT connection_id FROM connections WHERE is_archived = 0 "
            "AND connection_id IN (SELECT value FROM json_each(?))",
            (json.dumps([r["id"] for r in self.files.chain(inode_id)]),),
        )
        return None if found is None else str(found[0])

    def _catalogue(self, conn: sqlite3.Connection, connection_id: str) -> builtins.list[str]:
        """The inode ids of the connection, its databases, schemas and tables (all laid down
        by :meth:`add_tables`, from the catalogue this store keeps)."""
        ids = {connection_id}
        for table_id, path in conn.execute(
            "SELECT id, path FROM connection_tables WHERE connection_id = ?", (connection_id,)
        ):
            parts = json.loads(path)
            ids.add(table_id)
            ids.update(_scope_ids(connection_id, parts[:n])[0] for n in range(1, len(parts)))
        return sorted(ids)

    def table_columns(self, table_id: str) -> builtins.list[dict[str, Any]]:
        """``GET /v2/connections/tables/{tableId}/columns``: the columns of a catalogued
        table, by its id or url id (see :data:`TABLE_COLUMNS`)."""
        row = self.db.one(
            "SELECT t.path FROM connection_tables t JOIN connections c USING (connection_id) "
            "WHERE (t.id = ? OR t.url_id = ?) AND c.is_archived = 0",
            (table_id, table_id),
        )
        if row is None:
            raise NotFound.of("Table", table_id)
        table = json.loads(row["path"])[-1]
        columns = TABLE_COLUMNS.get(table.upper(), DEFAULT_COLUMNS)
        return [
            {
                "name": name if table.isupper() else name.lower(),
                "type": {"type": kind},
                "visibility": "included",
            }
            for name, kind in columns
        ]

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

    def table_row(self, table_id: str) -> sqlite3.Row | None:
        """A table of a live connection by its id (None: unknown, or connection deleted)."""
        return self.db.one(
            "SELECT t.* FROM connection_tables t JOIN connections c USING (connection_id) "
            "WHERE t.id = ? AND c.is_archived = 0",
            (table_id,),
        )

    def table_at(self, connection_id: str, path: Sequence[str]) -> sqlite3.Row | None:
        """The connection's table at ``path`` (None when it has none there)."""
        return self.db.one(
            "SELECT * FROM connection_tables WHERE connection_id = ? AND path_key = ?",
            (connection_id, _key(path)),
        )

    def path(self, table_id: str) -> dict[str, Any]:
        """A table of a live connection, by its id or its url id."""
        row = self.db.one(
            "SELECT t.* FROM connection_tables t JOIN connections c USING (connection_id) "
            "WHERE (t.id = ? OR t.url_id = ?) AND c.is_archived = 0",
            (table_id, table_id),
        )
        if row is None:  # unknown, or its connection is deleted
            raise NotFound.of("Table", table_id)
        return self.render_path(row)

    def first_id(self) -> str | None:
        """The connection created first (archived or not), if any."""
        return self.db.scalar(  # type: ignore[no-any-return]
            "SELECT connection_id FROM connections ORDER BY seq LIMIT 1"
        )

    def tables(self, ids: Sequence[str] = (), *, of: str | None = None) -> dict[str, sqlite3.Row]:
        """Catalogued tables by id, whatever their connection's state (for lineage): those
        of ``ids``, or all the connection ``of``'s, in the order they were catalogued."""
        where = "connection_id = ?" if of is not None else f"id IN ({','.join('?' * len(ids))})"
        sql = f"SELECT * FROM connection_tables WHERE {where} ORDER BY seq"
        return {r["id"]: r for r in self.db.all(sql, [of] if of is not None else list(ids))}

    # used by the console

    def tables_of(self, connection_id: str) -> builtins.list[sqlite3.Row]:
        """Every table the connection catalogues (a deleted connection's too), oldest first."""
        sql = "SELECT * FROM connection_tables WHERE connection_id = ? ORDER BY seq"
        return self.db.all(sql, (connection_id,))
