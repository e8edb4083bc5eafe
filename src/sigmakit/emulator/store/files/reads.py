"""What the other stores, the seeds and the console ask of the ``inodes`` table: rows by
id, pages of a type, the documents a member reaches, folder paths, and the bulk writes of
the seeds. Part of :class:`.store.FileStore` (its base), kept apart by size; the table is
this package's."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ...db import Database
from ..paging import RowPage, offset_page, select_page
from ..permissions import PermissionStore

__all__ = ["FileReads"]


class FileReads:
    """The reads and bulk writes :class:`.store.FileStore` offers the rest of the emulator."""

    db: Database
    permissions: PermissionStore

    # ----- asked by the people slice's stores (permissions, workspaces, connections,
    # favorites, templates, tags), which name no inodes themselves -----

    def rows(
        self, ids: Sequence[str], conn: sqlite3.Connection | None = None, *, by_url: bool = False
    ) -> dict[str, sqlite3.Row]:
        """The inodes whose id (or url id, ``by_url``) is one of ``ids``, any type, archived
        or not, by id: one query (in the caller's transaction, if given)."""
        key = "id IN (SELECT value FROM json_each(?1))"
        key += " OR url_id IN (SELECT value FROM json_each(?1))" if by_url else ""
        sql, args = f"SELECT * FROM inodes WHERE {key}", (json.dumps(list(ids)),)
        got = self.db.all(sql, args) if conn is None else conn.execute(sql, args).fetchall()
        return {r["id"]: r for r in got}

    def page_of(
        self,
        type: str,
        *,
        name: str | None = None,
        exact_name: str | None = None,
        ids: Sequence[str] | None = None,
        offset: int,
        limit: int,
    ) -> RowPage:
        """A page of the live inodes of a type in creation order: ``name`` a case-insensitive
        part of the name, ``exact_name`` all of it (any case), ``ids`` the ones to keep."""
        if not type.replace("-", "").isalpha():
            raise ValueError(f"not a file type: {type!r}")
        where, args = [f"type = '{type}'", "is_archived = 0"], []
        if exact_name is not None:
            where.append("lower(name) = ?")
            args.append(exact_name.lower())
        elif name is not None:
            where.append("instr(lower(name), ?) > 0")
            args.append(name.lower())
        if ids is not None:
            where.append("id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(ids)))
        return select_page(self.db, "inodes", where, args, offset=offset, limit=limit)

    @staticmethod
    def change(conn: sqlite3.Connection, inode_ids: Sequence[str], **columns: Any) -> None:
        """Set ``name``, ``is_archived``, ``updated_by`` or ``updated_at`` of inodes (in the
        caller's transaction)."""
        if not columns or set(columns) - {"name", "is_archived", "updated_by", "updated_at"}:
            raise ValueError(f"not columns to change: {sorted(columns)}")
        conn.execute(
            f"UPDATE inodes SET {', '.join(f'{col} = ?' for col in columns)} "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (*columns.values(), json.dumps(list(inode_ids))),
        )

    @staticmethod
    def place(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> None:
        """Lay down inodes whose ids are known (ones already there stay as they are): each row
        ``(id, url_id, name, type, parent_id, owner_id, at)``, the owner also their creator."""
        conn.executemany(
            "INSERT OR IGNORE INTO inodes (id, url_id, name, type, parent_id, owner_id, "
            "created_by, updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(i, u, n, t, p, o, o, o, at, at) for i, u, n, t, p, o, at in rows],
        )

    def reach(
        self, owner_id: str, granted: dict[str, int], owner_rank: int, types: Sequence[str] = ()
    ) -> dict[str, int]:
        """Every live inode (of ``types``, if given) under what ``owner_id`` owns (ranked
        ``owner_rank``) or the ``granted`` inodes (id -> rank), with the highest rank reaching
        it; nothing archived, nor below an archived folder. One query."""
        marks = ", ".join("?" * len(types))
        kept = f"JOIN inodes i ON i.id = r.id AND i.type IN ({marks})" if types else ""
        rows = self.db.all(
            "WITH RECURSIVE seeds(id, rank) AS ("
            "  SELECT id, ? FROM inodes WHERE owner_id = ? AND is_archived = 0"
            "  UNION ALL SELECT g.key, g.value FROM json_each(?) g"
            "   JOIN inodes s ON s.id = g.key AND s.is_archived = 0"
            "), down(id, rank) AS ("
            "  SELECT id, rank FROM seeds WHERE rank > 0"
            "  UNION SELECT c.id, d.rank FROM inodes c JOIN down d ON c.parent_id = d.id"
            "   WHERE c.is_archived = 0"
            "), trashed(id) AS ("
            "  SELECT id FROM inodes WHERE is_archived = 1"
            "  UNION SELECT c.id FROM inodes c JOIN trashed t ON c.parent_id = t.id"
            "), reachable(id, rank) AS (SELECT id, max(rank) FROM down "
            " WHERE id NOT IN (SELECT id FROM trashed) GROUP BY id) "
            f"SELECT r.id, r.rank FROM reachable r {kept}",
            (owner_rank, owner_id, json.dumps(granted), *types),
        )
        return {r[0]: r[1] for r in rows}

    # ----- documents (own-docs slice): what the document kinds ask (:mod:`.documents`) -----
    SELECT = "SELECT i.* FROM inodes i"

    def documents(
        self, caller: str, type: str, *, offset: int, limit: int, archived: bool, everyone: bool
    ) -> RowPage:
        """One page of the files of ``type`` the caller can reach (``everyone``: all), in
        creation order; with ``archived``, the archived ones (those the caller owns, unless
        ``everyone``): archived files are not reachable."""
        where, args = "i.type = ? AND i.is_archived = ?", [type, int(archived)]
        if everyone:
            sql = f"{self.SELECT} WHERE {where}"
        elif archived:
            sql = f"{self.SELECT} WHERE {where} AND i.owner_id = ?"
            args.append(caller)
        else:
            cte, cte_args = self.permissions.reachable_cte(caller)
            sql = (
                f"WITH RECURSIVE {cte} {self.SELECT} JOIN reachable r ON r.id = i.id WHERE {where}"
            )
            args = [*cte_args, *args]
        return offset_page(self.db, f"{sql} ORDER BY i.seq", args, offset=offset, limit=limit)

    def folder_paths(self) -> dict[str, str]:
        """Every folder and workspace id -> its path (``Marketing/Reports``)."""
        sql = "SELECT id, name, parent_id FROM inodes WHERE type IN ('folder', 'workspace')"
        parents = {r["id"]: (r["name"], r["parent_id"]) for r in self.db.all(sql)}
        paths: dict[str, str] = {}

        def path(inode_id: str, depth: int = 0) -> str:
            if inode_id not in paths:
                name, parent = parents[inode_id]
                above = path(parent, depth + 1) if parent in parents and depth < 64 else ""
                paths[inode_id] = f"{above}/{name}" if above else name
            return paths[inode_id]

        for inode_id in parents:
            path(inode_id)
        return paths

    # used by the seeds and the console

    def of_type(
        self, type: str, *, archived: bool = False, within: str | None = None
    ) -> list[sqlite3.Row]:
        """Every file of a type not archived (and the archived ones too when ``archived``;
        only those right inside a file of the type ``within`` when given), oldest first."""
        live = "" if archived else " AND f.is_archived = 0"
        inside = "" if within is None else " JOIN inodes w ON w.id = f.parent_id AND w.type = ?"
        return self.db.all(
            f"SELECT f.* FROM inodes f{inside} WHERE f.type = ?{live} ORDER BY f.seq",
            (type,) if within is None else (within, type),
        )

    def count_of(self, type: str) -> int:
        """How many files of a type are not archived."""
        sql = "SELECT count(*) FROM inodes WHERE type = ? AND is_archived = 0"
        return int(self.db.scalar(sql, (type,)))

    def below(self, root_id: str, *, through_archived: bool) -> list[sqlite3.Row]:
        """The file and every file below it, first created first; below an archived file
        only when ``through_archived``."""
        live = "" if through_archived else " WHERE c.is_archived = 0"
        return self.db.all(
            "WITH RECURSIVE below(id) AS (SELECT ? UNION ALL SELECT c.id FROM inodes c "
            f"JOIN below b ON c.parent_id = b.id{live}) "
            "SELECT i.* FROM inodes i JOIN below b ON b.id = i.id ORDER BY i.seq",
            (root_id,),
        )

    @staticmethod
    def stamp(conn: sqlite3.Connection, changes: Sequence[tuple[str, bool, str]]) -> None:
        """``(updated at, archived, file id)``: when each file last changed and whether it
        is archived (inside the caller's transaction, no checks)."""
        sql = "UPDATE inodes SET updated_at = ?, is_archived = ? WHERE id = ?"
        conn.executemany(sql, [(at, int(archived), i) for at, archived, i in changes])

    @staticmethod
    def touch_all(conn: sqlite3.Connection, rows: Sequence[tuple[str, str, str]]) -> None:
        """``(member id, file id, when)``: many :meth:`touch` at once (the last one of a
        member and a file wins)."""
        conn.executemany("INSERT OR REPLACE INTO interactions VALUES (?, ?, ?)", rows)

    def opened(self, type: str) -> list[sqlite3.Row]:
        """``(member_id, inode_id, last_interaction_at)`` of every file of a type, not
        archived, that a member opened or edited: by member, then oldest first."""
        return self.db.all(
            "SELECT x.member_id, x.inode_id, x.last_interaction_at FROM interactions x "
            "JOIN inodes i ON i.id = x.inode_id WHERE i.type = ? AND i.is_archived = 0 "
            "ORDER BY x.member_id, x.last_interaction_at",
            (type,),
        )
