"""Workbooks: an ``inodes`` row of type ``workbook`` (its ``id`` is the ``workbookId``, its
``url_id`` the ``workbookUrlId``) plus its version and tags, pages, elements (whose kinds
are defined in :mod:`.catalog`), input-table rows. Embeds are in :mod:`.embeds`, materializations in :mod:`.materializations`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .catalog import CONTROLS, DATA_TYPES, ELEMENT_KINDS, ElementKind, column_id, query
from .files import FileStore
from .org import APP_URL, OrgStore
from .paging import Page, RowPage, offset_page, slice_page
from .parameters import Predicate
from .permissions import PermissionStore
from .text import name_of

__all__ = ["SCHEMA", "PageSpec", "WorkbookStore"]

SCHEMA = """
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
CREATE TABLE IF NOT EXISTS workbook_pages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id TEXT UNIQUE NOT NULL,
    workbook_id TEXT NOT NULL,
    name TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS workbook_pages_wb ON workbook_pages(workbook_id);
-- kind: a key of catalog.ELEMENT_KINDS; control_id set on control elements
CREATE TABLE IF NOT EXISTS workbook_elements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    element_id TEXT UNIQUE NOT NULL,
    workbook_id TEXT NOT NULL,
    page_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    viz_type TEXT,
    control_id TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS workbook_elements_wb ON workbook_elements(workbook_id);
CREATE INDEX IF NOT EXISTS workbook_elements_page ON workbook_elements(page_id);
CREATE TABLE IF NOT EXISTS input_table_rows (
    element_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    cells TEXT NOT NULL,
    PRIMARY KEY (element_id, position)
);
"""


@dataclass(frozen=True)
class PageSpec:
    """A page to lay down: its name, whether it is hidden, and its elements' kinds."""

    name: str
    kinds: Sequence[str]
    hidden: bool = False


class WorkbookStore:
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
        #: row counts of element queries over the retail data (see :meth:`count`)
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
        page_rows, element_rows, input_rows = [], [], []
        for page in pages:
            page_id = self.ids.short_id()
            page_rows.append((page_id, workbook_id, page.name, int(page.hidden)))
            for key in page.kinds:
                kind = ELEMENT_KINDS[key]
                element_id = self.ids.short_id()
                element_rows.append(
                    (
                        element_id,
                        workbook_id,
                        page_id,
                        kind.key,
                        kind.name,
                        kind.type,
                        kind.viz,
                        kind.control_id,
                    )
                )
                input_rows += [(element_id, n, json.dumps(r)) for n, r in enumerate(kind.rows)]
        conn.executemany(
            "INSERT INTO workbook_pages (page_id, workbook_id, name, hidden) VALUES (?,?,?,?)",
            page_rows,
        )
        conn.executemany(
            "INSERT INTO workbook_elements (element_id, workbook_id, page_id, kind, name, type, "
            "viz_type, control_id) VALUES (?,?,?,?,?,?,?,?)",
            element_rows,
        )
        conn.executemany("INSERT INTO input_table_rows VALUES (?,?,?)", input_rows)
        return workbook_id

    def copy(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/workbooks/{id}/copy``: a new workbook owned by the caller in
        ``destinationFolderId``, with the same pages, elements and input-table rows."""
        source = self.row(workbook_id, caller, need="explore")
        name = str(body.get("name") or "").strip()
        if not name:
            raise BadRequest("A workbook needs a name")
        dest = str(body.get("destinationFolderId") or "")
        folder = self.db.one("SELECT type, is_archived FROM inodes WHERE id = ?", (dest,))
        if folder is None or folder["is_archived"]:
            raise NotFound.of("Folder", dest)
        if folder["type"] not in ("folder", "workspace"):
            raise BadRequest(f"Not a folder or workspace: {dest}")
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

    def page_specs(self, workbook_id: str) -> list[PageSpec]:
        """A workbook's pages and their elements' kinds, to lay a copy down (a copy, a
        template, a workbook saved from a template)."""
        return [
            PageSpec(
                p["name"],
                [
                    e["kind"]
                    for e in self.db.all(
                        "SELECT kind FROM workbook_elements WHERE page_id = ? ORDER BY seq",
                        (p["page_id"],),
                    )
                ],
                bool(p["hidden"]),
            )
            for p in self.db.all(
                "SELECT * FROM workbook_pages WHERE workbook_id = ? ORDER BY seq", (workbook_id,)
            )
        ]

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/workbooks``: an empty workbook (one blank page) in ``folderId``,
        owned by ``ownerId`` (an active member; the caller by default)."""
        name = name_of(body.get("name"), "workbook")
        folder_id = str(body.get("folderId") or "")
        folder = self.db.one("SELECT type, is_archived FROM inodes WHERE id = ?", (folder_id,))
        if folder is None or folder["is_archived"]:
            raise NotFound.of("Folder", folder_id)
        if folder["type"] not in ("folder", "workspace"):
            raise BadRequest(f"Not a folder or workspace: {folder_id}")
        self.files.access(caller, folder_id, need="organize")
        owner = str(body.get("ownerId") or caller)
        member = self.db.one(
            "SELECT is_archived, is_inactive FROM members WHERE member_id = ?", (owner,)
        )
        if member is None:
            raise NotFound.of("Member", owner)
        if member["is_archived"] or member["is_inactive"]:
            raise BadRequest(f"Member is not active: {owner}")
        with self.db.tx() as conn:
            workbook_id = self.insert(
                conn, name=name, owner_id=owner, parent_id=folder_id, pages=[PageSpec("Page 1", [])]
            )
        return self.get(workbook_id, caller)

    @staticmethod
    def _copy_input_rows(conn: sqlite3.Connection, source_id: str, copy_id: str) -> None:
        """Input tables keep the rows they hold, not the rows they started with."""

        def input_tables(workbook_id: str) -> list[str]:
            return [
                r[0]
                for r in conn.execute(
                    "SELECT element_id FROM workbook_elements WHERE workbook_id = ? "
                    "AND type = 'input-table' ORDER BY seq",
                    (workbook_id,),
                )
            ]

        pairs = zip(input_tables(source_id), input_tables(copy_id), strict=True)
        for old, new in pairs:
            conn.execute("DELETE FROM input_table_rows WHERE element_id = ?", (new,))
            conn.execute(
                "INSERT INTO input_table_rows SELECT ?, position, cells FROM input_table_rows "
                "WHERE element_id = ?",
                (new, old),
            )

    # ----- pages, elements, columns, controls -----

    def _child_page(self, sql: str, args: Sequence[Any], offset: int, limit: int) -> RowPage:
        return offset_page(self.db, f"{sql} ORDER BY seq", args, offset=offset, limit=limit)

    def pages(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.row(workbook_id, caller)
        got = self._child_page(
            "SELECT * FROM workbook_pages WHERE workbook_id = ?", (workbook_id,), offset, limit
        )
        return got.render(
            lambda r: {"pageId": r["page_id"], "name": r["name"], "hidden": bool(r["hidden"])}
        )

    def page_row(self, workbook_id: str, page_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM workbook_pages WHERE workbook_id = ? AND page_id = ?",
            (workbook_id, page_id),
        )
        if row is None:
            raise NotFound.of("Page", page_id)
        return row

    @staticmethod
    def render_element(row: sqlite3.Row) -> dict[str, Any]:
        kind = ELEMENT_KINDS[row["kind"]]
        entry: dict[str, Any] = {
            "elementId": row["element_id"],
            "name": row["name"],
            "type": row["type"],
            "columns": [c.label for c in kind.columns],
        }
        if row["viz_type"] is not None:
            entry["vizualizationType"] = row["viz_type"]
        if row["error"] is not None:
            entry["error"] = row["error"]
        return entry

    def elements(
        self, workbook_id: str, page_id: str, caller: str, *, offset: int, limit: int
    ) -> Page:
        self.row(workbook_id, caller)
        self.page_row(workbook_id, page_id)
        got = self._child_page(
            "SELECT * FROM workbook_elements WHERE page_id = ?", (page_id,), offset, limit
        )
        return got.render(self.render_element)

    def all_elements(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Every element of the workbook, page after page (a workbook's elements are laid
        down in page order, so their ``seq`` is that order)."""
        self.row(workbook_id, caller)
        got = self._child_page(
            "SELECT * FROM workbook_elements WHERE workbook_id = ?", (workbook_id,), offset, limit
        )
        return got.render(self.render_element)

    def element_row(self, workbook_id: str, element_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM workbook_elements WHERE workbook_id = ? AND element_id = ?",
            (workbook_id, element_id),
        )
        if row is None:
            raise NotFound.of("Element", element_id)
        return row

    def element_rows(self, workbook_id: str, page_id: str | None = None) -> list[sqlite3.Row]:
        """The workbook's (or one page's) elements in page order."""
        if page_id is not None:
            return self.db.all(
                "SELECT * FROM workbook_elements WHERE page_id = ? ORDER BY seq", (page_id,)
            )
        return self.db.all(
            "SELECT e.* FROM workbook_elements e JOIN workbook_pages p ON p.page_id = e.page_id "
            "WHERE e.workbook_id = ? ORDER BY p.seq, e.seq",
            (workbook_id,),
        )

    def columns(
        self, workbook_id: str, element_id: str, caller: str, *, offset: int, limit: int
    ) -> Page:
        self.row(workbook_id, caller)
        kind = ELEMENT_KINDS[self.element_row(workbook_id, element_id)["kind"]]
        cols = [
            {
                "columnId": column_id(c.label),
                "label": c.label,
                "formula": c.formula,
                "type": {"type": c.value_type},
            }
            for c in kind.columns
        ]
        return slice_page(cols, offset=offset, limit=limit)

    def controls(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.row(workbook_id, caller)
        got = self._child_page(
            "SELECT * FROM workbook_elements WHERE workbook_id = ? AND type = 'control'",
            (workbook_id,),
            offset,
            limit,
        )
        out = []
        for r in got.rows:
            spec = CONTROLS[r["control_id"]]
            out.append(
                {
                    "controlId": spec.control_id,
                    "name": r["name"],
                    "valueType": spec.value_type,
                    "elementId": r["element_id"],
                    "pageId": r["page_id"],
                }
            )
        return Page(out, got.next_page, got.total)

    def control_ids(self, workbook_id: str) -> set[str]:
        return {
            r[0]
            for r in self.db.all(
                "SELECT control_id FROM workbook_elements WHERE workbook_id = ? "
                "AND control_id IS NOT NULL",
                (workbook_id,),
            )
        }

    def data(
        self,
        element: sqlite3.Row,
        filters: Sequence[Predicate],
        *,
        row_limit: int | None = None,
        offset: int = 0,
    ) -> tuple[ElementKind, list[tuple[Any, ...]]]:
        """The element's rows, with the controls' ``filters`` applied (not to input tables)."""
        kind, batches = self.data_batches(element, filters, row_limit=row_limit, offset=offset)
        return kind, [row for batch in batches for row in batch]

    def data_batches(
        self,
        element: sqlite3.Row,
        filters: Sequence[Predicate],
        *,
        row_limit: int | None = None,
        offset: int = 0,
    ) -> tuple[ElementKind, Iterator[list[tuple[Any, ...]]]]:
        """:meth:`data` read as it is used, a batch of rows at a time (an export streams a
        million rows in flat memory). Input tables, small and editable, are read at once."""
        kind = ELEMENT_KINDS[element["kind"]]
        if kind.type not in DATA_TYPES:
            raise BadRequest(f"Element {element['element_id']} ({kind.type}) holds no data")
        limit = -1 if row_limit is None else row_limit
        if kind.type == "input-table":
            rows = self.db.all(
                "SELECT cells FROM input_table_rows WHERE element_id = ? ORDER BY position "
                "LIMIT ? OFFSET ?",
                (element["element_id"], limit, offset),
            )
            return kind, iter([[tuple(json.loads(r["cells"])) for r in rows]])
        sql, args = query(kind, filters)
        return kind, self.db.batches(f"{sql} LIMIT ? OFFSET ?", (*args, limit, offset))

    def count(
        self,
        element: sqlite3.Row,
        filters: Sequence[Predicate],
        *,
        row_limit: int | None = None,
        offset: int = 0,
    ) -> int:
        """How many rows :meth:`data` would give, without reading or sorting them."""
        kind = ELEMENT_KINDS[element["kind"]]
        if kind.type == "input-table":
            sql = "SELECT count(*) FROM input_table_rows WHERE element_id = ?"
            total = int(self.db.scalar(sql, (element["element_id"],)))
        else:
            sql, args = query(replace(kind, order_by=""), filters)
            # the retail data never changes once seeded (a re-seed makes a new store), so
            # a count is worked out once per query: exports are started in bursts
            key = (sql, json.dumps(args, default=str))
            if key not in self._counts:
                self._counts[key] = int(self.db.scalar(f"SELECT count(*) FROM ({sql})", args))
            total = self._counts[key]
        left = max(0, total - offset)
        return left if row_limit is None else min(left, row_limit)
