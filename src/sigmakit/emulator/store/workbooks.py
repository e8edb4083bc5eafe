"""Workbooks: an ``inodes`` row of type ``workbook`` (its ``id`` is the ``workbookId``, its
``url_id`` the ``workbookUrlId``) plus its version and tags. Its pages, elements and
input-table rows are in :mod:`.workbook_pages`, embeds in :mod:`.embeds`, materializations
in :mod:`.materializations`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .files import FileStore
from .org import APP_URL, OrgStore
from .paging import Page, offset_page
from .permissions import PermissionStore
from .text import name_of
from .workbook_layout import LaidElement, LaidPage, WorkbookLayout
from .workbook_pages import SCHEMA as PAGES_SCHEMA
from .workbook_pages import PageSpec, WorkbookPages

__all__ = ["SCHEMA", "LaidElement", "LaidPage", "PageSpec", "WorkbookStore"]

_TABLES = """
CREATE TABLE IF NOT EXISTS workbooks (
    workbook_id TEXT PRIMARY KEY,
    latest_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS workbook_tags (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workbook_id TEXT NOT NULL,
    version_tag_id TEXT NOT NULL,
    name TEXT NOT NULL,
    source_version INTEGER NOT NULL,
    tagged_workbook_id TEXT NOT NULL,
    tagged_at TEXT NOT NULL,
    tagged_by TEXT
);
CREATE INDEX IF NOT EXISTS workbook_tags_wb ON workbook_tags(workbook_id);
"""
#: the workbooks' tables and their pages' (:mod:`.workbook_pages`)
SCHEMA = _TABLES + PAGES_SCHEMA


class WorkbookStore(WorkbookPages, WorkbookLayout):
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        permissions: PermissionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self._counts: dict[tuple[str, str], int] = {}
        self.org = org
        self.files = files
        self.permissions = permissions
        #: told (workbook id, copy id) after a workbook is copied
        self.on_copy: list[Callable[[str, str], None]] = []

    # ----- workbooks -----

    def _folder_paths(self) -> dict[str, str]:
        """Every folder and workspace id -> its path (``Marketing/Reports``)."""
        rows = self.db.all(
            "SELECT id, name, parent_id FROM inodes WHERE type IN ('folder', 'workspace')"
        )
        parents = {r["id"]: (r["name"], r["parent_id"]) for r in rows}
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

    def _render(self, rows: Sequence[sqlite3.Row], *, tags: bool = True) -> list[dict[str, Any]]:
        slug = self.org.get().slug
        paths = self._folder_paths()
        by_workbook: dict[str, list[dict[str, Any]]] = {}
        if tags and rows:
            ids = [r["id"] for r in rows]
            for t in self.db.all(
                "SELECT * FROM workbook_tags WHERE workbook_id IN "
                f"({','.join('?' * len(ids))}) ORDER BY seq",
                ids,
            ):
                by_workbook.setdefault(t["workbook_id"], []).append(
                    {
                        "versionTagId": t["version_tag_id"],
                        "name": t["name"],
                        "sourceWorkbookVersion": t["source_version"],
                        "taggedWorkbookId": t["tagged_workbook_id"],
                        "workbookTaggedAt": t["tagged_at"],
                    }
                )
        out = []
        for r in rows:
            entry: dict[str, Any] = {
                "workbookId": r["id"],
                "workbookUrlId": r["url_id"],
                "name": r["name"],
                "url": f"{APP_URL}/{slug}/workbook/{r['url_id']}",
                "path": paths.get(r["parent_id"] or "", ""),
                "latestVersion": r["latest_version"],
                "ownerId": r["owner_id"],
                "createdBy": r["created_by"],
                "updatedBy": r["updated_by"],
                "createdAt": r["created_at"],
                "updatedAt": r["updated_at"],
                "isArchived": bool(r["is_archived"]),
            }
            if r["description"] is not None:
                entry["description"] = r["description"]
            if tags:
                entry["tags"] = by_workbook.get(r["id"], [])
            out.append(entry)
        return out

    _SELECT = "SELECT i.*, w.latest_version FROM inodes i JOIN workbooks w ON w.workbook_id = i.id"
    #: the workbook rows :meth:`render_rows` takes (for stores that list workbooks their way)
    SELECT = _SELECT

    def render_rows(self, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
        """Workbook rows (read with :attr:`SELECT`) as Sigma answers them, with their tags."""
        return self._render(rows)

    def row(self, workbook_id: str, caller: str, need: str = "view") -> sqlite3.Row:
        """The workbook's row, or Sigma's 404 (403 when the caller's permission is too low)."""
        row = self.db.one(f"{self._SELECT} WHERE i.id = ?", (workbook_id,))
        if row is None:
            raise NotFound.of("Workbook", workbook_id)
        self.files.access(caller, workbook_id, need)
        return row

    def get(self, workbook_id: str, caller: str) -> dict[str, Any]:
        return self._render([self.row(workbook_id, caller)])[0]

    def list_for(
        self,
        caller: str,
        *,
        offset: int,
        limit: int,
        archived: bool = False,
        exclude_tags: bool = False,
        skip_permission_check: bool = False,
    ) -> Page:
        """The workbooks the caller can reach (every one, for an admin who skips the check),
        in creation order; archived ones only with ``archived``."""
        where = "i.is_archived = ?"
        args: list[Any] = [int(archived)]
        if skip_permission_check and self.permissions.is_admin(caller):
            sql = f"{self._SELECT} WHERE {where}"
        elif archived:  # archived files are not "reachable"; their owner still sees them
            sql = f"{self._SELECT} WHERE {where} AND i.owner_id = ?"
            args.append(caller)
        else:
            cte, cte_args = self.permissions.reachable_cte(caller)
            sql = (
                f"WITH RECURSIVE {cte} {self._SELECT} JOIN reachable r ON r.id = i.id WHERE {where}"
            )
            args = [*cte_args, *args]
        got = offset_page(self.db, f"{sql} ORDER BY i.seq", args, offset=offset, limit=limit)
        return Page(self._render(got.rows, tags=not exclude_tags), got.next_page, got.total)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        owner_id: str,
        parent_id: str,
        pages: Iterable[PageSpec],
        at: str | None = None,
        description: str | None = None,
        latest_version: int = 1,
    ) -> str:
        """Add a workbook with its pages and elements inside the caller's transaction."""
        workbook_id = self.files.insert(
            conn,
            name=name,
            type="workbook",
            owner_id=owner_id,
            parent_id=parent_id,
            description=description,
            at=at,
        )
        conn.execute("INSERT INTO workbooks VALUES (?, ?)", (workbook_id, latest_version))
        self.lay_out(conn, workbook_id, pages)
        return workbook_id

    def lay_out(
        self, conn: sqlite3.Connection, workbook_id: str, pages: Iterable[PageSpec]
    ) -> None:
        """Lay down a document's pages and elements inside the caller's transaction (a
        workbook's; a report's, whose pages and elements are kept here too)."""
        self._lay_down(conn, workbook_id, pages)

    def copy(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/workbooks/{id}/copy``: a new workbook owned by the caller in
        ``destinationFolderId``, with the same pages, elements and input-table rows."""
        source = self.row(workbook_id, caller, need="explore")
        name = str(body.get("name") or "").strip()
        if not name:
            raise BadRequest("A workbook needs a name")
        dest = str(body.get("destinationFolderId") or "")
        self.files.container(None, dest)
        self.files.access(caller, dest, need="organize")
        pages = self.page_specs(workbook_id)
        with self.db.tx() as conn:
            new_id = self.insert(
                conn,
                name=name,
                owner_id=caller,
                parent_id=dest,
                pages=pages,
                description=body.get("description", source["description"]),
            )
            self._copy_input_rows(conn, workbook_id, new_id)
        for hook in self.on_copy:
            hook(workbook_id, new_id)
        return self.get(new_id, caller)

    def _checked_create(
        self, conn: sqlite3.Connection, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        name = name_of(body.get("name"), "workbook")
        folder_id = str(body.get("folderId") or "")
        owner = str(body.get("ownerId") or caller)
        self.files.container(conn, folder_id)
        self.files.access(caller, folder_id, need="organize")
        self.files.check_member(conn, owner)
        return {"name": name, "owner_id": owner, "parent_id": folder_id}

    def check_create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """What ``POST /v2/workbooks`` checks (a name, a folder the caller may organize, an
        active owner), as :meth:`insert`'s keyword arguments."""
        with self.db.tx() as conn:
            return self._checked_create(conn, body, caller)

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/workbooks``: an empty workbook (one blank page) in ``folderId``,
        owned by ``ownerId`` (an active member; the caller by default)."""
        with self.db.tx() as conn:
            checked = self._checked_create(conn, body, caller)
            workbook_id = self.insert(conn, pages=[PageSpec("Page 1", [])], **checked)
        return self.get(workbook_id, caller)

    # used by the seeds

    def add_tags(
        self, conn: sqlite3.Connection, tags: Sequence[tuple[str, str, str, int, str, str | None]]
    ) -> None:
        """``(workbook id, version tag id, tag name, version, tagged at, tagged by)``: tag
        workbooks' versions (inside the caller's transaction, no checks); each tagged
        version gets its id."""
        conn.executemany(
            "INSERT INTO workbook_tags (workbook_id, version_tag_id, name, source_version, "
            "tagged_workbook_id, tagged_at, tagged_by) VALUES (?,?,?,?,?,?,?)",
            [(w, t, n, v, self.ids.uuid(), at, by) for w, t, n, v, at, by in tags],
        )
