"""The ``inodes`` table and the ``/v2/files`` operations on it: inserting, finding, rendering,
changing and archiving files (the reads other stores ask for are :mod:`.reads`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from ...clock import Clock
from ...db import Database
from ...errors import BadRequest, Forbidden, NotFound
from ...ids import IdFactory
from ..file_types import CATALOG_FILE_TYPES, CONTAINERS, DOCUMENT_TYPES, render_file
from ..file_types import DEFAULT_FILE_TYPES as DEFAULT_FILE_TYPES
from ..file_types import FILE_TYPES as FILE_TYPES
from ..org import OrgStore
from ..paging import Page, offset_page
from ..permissions import RANKS, PermissionStore, permission_of
from ..text import name_of
from .reads import FileReads

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
-- the few archived files, which every permission walk starts its "trashed" set from
CREATE INDEX IF NOT EXISTS inodes_archived ON inodes(id) WHERE is_archived = 1;
-- a workspace by name, any case (noDuplicates, exactName): without it every workspace
-- created scanned every file (each member's home folder is one)
CREATE INDEX IF NOT EXISTS inodes_workspace_name ON inodes(lower(name)) WHERE type = 'workspace';
-- when a member last opened or edited a file (for /v2/members/{id}/files/recents)
CREATE TABLE IF NOT EXISTS interactions (
    member_id TEXT NOT NULL,
    inode_id TEXT NOT NULL,
    last_interaction_at TEXT NOT NULL,
    PRIMARY KEY (member_id, inode_id)
);
"""


def _no_members(conn: sqlite3.Connection, member_id: str) -> sqlite3.Row:
    raise NotFound.of("Member", member_id)


class FileStore(FileReads):
    """The ``inodes`` table: inserting files, and the ``/v2/files`` operations on them.

    A file's ``permission`` is the effective permission of the member asking (see
    :mod:`.permissions`). Top-level files (workspaces, My Documents folders) answer the
    organization id as their ``parentId``.
    """

    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        permissions: PermissionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.permissions = permissions
        #: ``(conn, member id) -> member row``, checking the member is active: set by the
        #: members' store, which owns them
        self.check_member: Callable[[sqlite3.Connection, str], sqlite3.Row] = _no_members

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

    @staticmethod
    def touch(conn: sqlite3.Connection, member_id: str, inode_id: str, at: str) -> None:
        """Record that a member opened or edited a file (for their recents)."""
        conn.execute(
            "INSERT INTO interactions (member_id, inode_id, last_interaction_at) VALUES (?,?,?) "
            "ON CONFLICT (member_id, inode_id) DO UPDATE SET "
            "last_interaction_at = excluded.last_interaction_at",
            (member_id, inode_id, at),
        )

    def name(self, inode_id: str) -> str | None:
        """A file's name, archived or not (None if there is no such file)."""
        return self.db.scalar("SELECT name FROM inodes WHERE id = ?", (inode_id,))  # type: ignore[no-any-return]

    def row(self, inode_id: str) -> sqlite3.Row:
        """A file; a connection's or a database's or schema's inode is not one (a 404)."""
        row = self.db.one("SELECT * FROM inodes WHERE id = ?", (inode_id,))
        if row is None or row["type"] not in FILE_TYPES:
            raise NotFound.of("File", inode_id)
        return row

    @staticmethod
    def _changeable(row: sqlite3.Row) -> None:
        if row["type"] in CATALOG_FILE_TYPES:
            raise BadRequest("A table belongs to its connection; it cannot be changed here")

    def chain(self, inode_id: str | None) -> list[sqlite3.Row]:
        """The file and the folders above it (id, url id, name, parent, owner), nearest first."""
        if inode_id is None:
            return []
        return self.db.all(
            "WITH RECURSIVE up(id, url_id, name, parent_id, owner_id, depth) AS ("
            "  SELECT id, url_id, name, parent_id, owner_id, 0 FROM inodes WHERE id = ?"
            "  UNION ALL SELECT i.id, i.url_id, i.name, i.parent_id, i.owner_id, up.depth + 1"
            "  FROM inodes i JOIN up ON i.id = up.parent_id"
            ") SELECT * FROM up ORDER BY depth",
            (inode_id,),
        )

    def render(
        self,
        row: sqlite3.Row | dict[str, Any],
        permission: str,
        *,
        cache: dict[str | None, Any] | None = None,
    ) -> dict[str, Any]:
        """A file as Sigma lists it. A list renders its rows with one ``cache`` (a new
        dict), so the folders above its files and the organization are read once a list,
        not once a row (a member's files walked every folder chain again per file)."""
        return render_file(row, permission, self.chain, lambda: self.org.get().id, cache)

    def access(self, caller: str, inode_id: str, need: str = "view") -> str:
        """The caller's permission on the file; admins may act on any file (as ``edit``).

        Sigma's 404 if the caller cannot see the file, 403 if their permission is below ``need``.
        """
        self.row(inode_id)
        permission = self.permissions.effective_permission(caller, inode_id)
        if permission is None and self.permissions.is_admin(caller):
            return "edit"
        if permission is None:
            raise NotFound.of("File", inode_id)
        if RANKS[permission] < RANKS[need]:
            raise Forbidden(f"Your permission on this file is {permission}")
        return permission

    def get(self, inode_id: str, caller: str) -> dict[str, Any]:
        permission = self.access(caller, inode_id)
        return self.render(self.row(inode_id), permission)

    def container(self, conn: sqlite3.Connection | None, parent_id: str) -> sqlite3.Row:
        """A live folder or workspace (read in the caller's transaction, if given), or
        Sigma's 404 (400 for another kind of file)."""
        sql, args = "SELECT * FROM inodes WHERE id = ?", (parent_id,)
        parent = self.db.one(sql, args) if conn is None else conn.execute(sql, args).fetchone()
        if parent is None or parent["is_archived"]:
            raise NotFound.of("Folder", parent_id)
        if parent["type"] not in CONTAINERS:
            raise BadRequest(f"Not a folder or workspace: {parent_id}")
        return parent

    def _live_member(self, conn: sqlite3.Connection, member_id: str) -> sqlite3.Row:
        """Sigma's 404 for no such member, a 400 for one archived or deactivated: the members'
        store answers (it is built after this one and hands its check over)."""
        return self.check_member(conn, member_id)

    @staticmethod
    def hand_over(conn: sqlite3.Connection, old: str, new: str, *, keep: str, at: str) -> None:
        """Every file ``old`` owns but ``keep`` (their home folder) goes to ``new``."""
        conn.execute(
            "UPDATE inodes SET owner_id = ?, updated_by = ?, updated_at = ? "
            "WHERE owner_id = ? AND id != ?",
            (new, new, at, old, keep),
        )

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/files`` for a workspace or a folder (in My Documents unless ``parentId``)."""
        kind = body.get("type")
        name = name_of(body.get("name"), "file")
        if kind not in CONTAINERS:
            raise BadRequest(f"The emulator creates workspaces and folders here, not {kind}")
        with self.db.tx() as conn:
            if kind == "workspace":
                inode_id = self.insert(conn, name=name, type="workspace", owner_id=caller)
            else:
                owner = self._live_member(conn, str(body.get("ownerId") or caller))
                parent_id = str(body.get("parentId") or owner["home_folder_id"])
                self.container(conn, parent_id)
                if body.get("parentId") is not None:
                    self.access(caller, parent_id, need="organize")
                inode_id = self.insert(
                    conn,
                    name=name,
                    type="folder",
                    owner_id=owner["member_id"],
                    parent_id=parent_id,
                    description=body.get("description"),
                )
        return self.get(inode_id, caller)

    def update(self, inode_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """Rename (``name``), describe, move (``parentId``), give away (``ownerId``), restore."""
        current = self.row(inode_id)
        self._changeable(current)
        self.access(caller, inode_id, need="organize")
        sets: dict[str, Any] = {}
        if body.get("name") is not None:
            sets["name"] = name_of(body["name"], "file")
        if "description" in body:
            sets["description"] = body["description"]
        if body.get("restore"):
            sets["is_archived"] = 0
        with self.db.tx() as conn:
            if body.get("ownerId") is not None:
                sets["owner_id"] = self._live_member(conn, str(body["ownerId"]))["member_id"]
            if body.get("parentId") is not None and body["parentId"] != current["parent_id"]:
                sets["parent_id"] = self._move_target(conn, current, str(body["parentId"]), caller)
            if sets:
                sets.update(updated_by=caller, updated_at=self.clock.iso())
                assignments = ", ".join(f"{col} = ?" for col in sets)
                conn.execute(
                    f"UPDATE inodes SET {assignments} WHERE id = ?", (*sets.values(), inode_id)
                )
        return self.get(inode_id, caller)

    def _move_target(
        self, conn: sqlite3.Connection, current: sqlite3.Row, parent_id: str, caller: str
    ) -> str:
        if current["type"] == "workspace" or current["parent_id"] is None:
            raise BadRequest("Workspaces and My Documents folders cannot be moved")
        self.container(conn, parent_id)
        self.access(caller, parent_id, need="organize")
        if any(r["id"] == current["id"] for r in self.chain(parent_id)):
            raise BadRequest("A folder cannot be moved into itself")
        return parent_id

    def archive(self, inode_id: str, caller: str) -> None:
        """``DELETE /v2/files/{id}``: to the trash (``PATCH`` with ``restore`` brings it back)."""
        current = self.row(inode_id)
        self._changeable(current)
        self.access(caller, inode_id, need="edit")
        if current["type"] == "folder" and current["parent_id"] is None:
            raise BadRequest("A My Documents folder cannot be deleted")
        with self.db.tx() as conn:
            self.change(
                conn, [inode_id], is_archived=1, updated_by=caller, updated_at=self.clock.iso()
            )

    def list_for(
        self,
        member_id: str,
        *,
        types: Sequence[str],
        parent_id: str | None = None,
        direct_children: bool = False,
        permission: str | None = None,
        name: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page:
        """The live files a member can reach, with their permission on each, in creation order.

        ``parent_id`` keeps what lies below that folder (only its direct children with
        ``direct_children``); ``permission`` keeps files where the member has exactly that
        permission; ``name`` is a case-insensitive part of the name.
        """
        cte, args = self.permissions.reachable_cte(member_id)
        where = ["1"]
        params: list[Any] = []
        types = types or DOCUMENT_TYPES
        where.append(f"i.type IN ({', '.join('?' * len(types))})")
        params += list(types)
        if name:
            where.append("instr(lower(i.name), ?) > 0")
            params.append(name.lower())
        if permission is not None:
            where.append("r.rank = ?")
            params.append(RANKS[permission])
        if parent_id is not None and direct_children:
            where.append("i.parent_id = ?")
            params.append(parent_id)
        elif parent_id is not None:
            cte += (
                ", below(id) AS (SELECT id FROM inodes WHERE parent_id = ?"
                " UNION ALL SELECT c.id FROM inodes c JOIN below b ON c.parent_id = b.id)"
            )
            args = [*args, parent_id]
            where.append("i.id IN (SELECT id FROM below)")
        got = offset_page(
            self.db,
            f"WITH RECURSIVE {cte} SELECT i.*, r.rank FROM reachable r "
            f"JOIN inodes i ON i.id = r.id WHERE {' AND '.join(where)} ORDER BY i.seq",
            (*args, *params),
            offset=offset,
            limit=limit,
        )
        cache: dict[str | None, Any] = {}
        return got.render(lambda r: self.render(r, permission_of(r["rank"]) or "view", cache=cache))

    def recents(self, member_id: str, *, offset: int, limit: int) -> Page:
        """Files the member opened or edited and can still reach, newest interaction first.

        Unlike the other lists this order changes as the member works: an offset into it is
        only as stable as the member's activity between two pages.
        """
        cte, args = self.permissions.reachable_cte(member_id)
        got = offset_page(
            self.db,
            f"WITH RECURSIVE {cte} SELECT i.*, r.rank, x.last_interaction_at "
            "FROM interactions x JOIN reachable r ON r.id = x.inode_id "
            "JOIN inodes i ON i.id = x.inode_id WHERE x.member_id = ? "
            "ORDER BY x.last_interaction_at DESC, i.seq DESC",
            (*args, member_id),
            offset=offset,
            limit=limit,
        )
        return got.render(
            lambda r: {
                **self.render(r, permission_of(r["rank"]) or "view"),
                "lastInteractionAt": r["last_interaction_at"],
            }
        )
