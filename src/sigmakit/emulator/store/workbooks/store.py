"""Workbooks: an ``inodes`` row of type ``workbook`` (its ``id`` is the ``workbookId``, its
``url_id`` the ``workbookUrlId``) plus its version and tags. Its pages, elements and
input-table rows are in :mod:`.workbook_pages`, embeds in :mod:`.embeds`, materializations
in :mod:`.materializations`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ...clock import Clock
from ...db import Database
from ...errors import BadRequest
from ...ids import IdFactory
from ..documents import Doc, Documents
from ..files import FileStore
from ..org import OrgStore
from ..paging import Page
from ..permissions import PermissionStore
from ..text import name_of
from .layout import LaidElement, LaidPage, WorkbookLayout
from .pages import SCHEMA as PAGES_SCHEMA
from .pages import PageSpec

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


class WorkbookStore(WorkbookLayout):
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
        self.documents = Documents(
            files,
            permissions,
            org,
            type="workbook",
            noun="Workbook",
            kind_rows=self._kind_rows,
            key="workbook",
            word="workbook",
        )
        #: told (workbook id, copy id) after a workbook is copied
        self.on_copy: list[Callable[[str, str], None]] = []

    # ----- workbooks -----

    def _kind_rows(self, ids: Sequence[str]) -> Mapping[str, sqlite3.Row]:
        """The workbooks' own rows (their latest version) by id."""
        sql = f"SELECT * FROM workbooks WHERE workbook_id IN ({','.join('?' * len(ids))})"
        return {r["workbook_id"]: r for r in self.db.all(sql, list(ids))}

    def _tags(self, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The version tags of the workbooks of ``ids``, by workbook."""
        by_workbook: dict[str, list[dict[str, Any]]] = {}
        for t in self.db.all(
            f"SELECT * FROM workbook_tags WHERE workbook_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY seq",
            list(ids),
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
        return by_workbook

    def _render(self, rows: Sequence[Doc], *, tags: bool = True) -> list[dict[str, Any]]:
        paths = self.files.folder_paths()
        return self.documents.answers(
            rows,
            path=lambda r: paths.get(r["parent_id"] or "", ""),
            tags=self._tags if tags else None,
            described=True,
        )

    #: the file rows :meth:`render_rows` takes (for stores that list workbooks their way)
    SELECT = FileStore.SELECT

    def render_rows(self, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
        """Workbooks' file rows (read with :attr:`SELECT`) as Sigma answers them, with
        their tags."""
        return self._render(self.documents.merged(rows))

    def row(self, workbook_id: str, caller: str, need: str = "view") -> Doc:
        """The workbook's row, or Sigma's 404 (403 when the caller's permission is too low)."""
        return self.documents.row(workbook_id, caller, need)

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
        got = self.documents.page(
            caller,
            offset=offset,
            limit=limit,
            archived=archived,
            skip_permission_check=skip_permission_check,
        )
        return Page(self._render(got.docs, tags=not exclude_tags), got.next_page, got.total)

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
        workbook_id = self.documents.create(
            conn,
            name=name,
            owner_id=owner_id,
            parent_id=parent_id,
            description=description,
            at=at,
        )
        conn.execute("INSERT INTO workbooks VALUES (?, ?)", (workbook_id, latest_version))
        self.lay_out(conn, workbook_id, pages)
        return workbook_id

    @staticmethod
    def bump_version(conn: sqlite3.Connection, workbook_id: str) -> None:
        """The workbook's latest version is one more (inside the caller's transaction)."""
        conn.execute(
            "UPDATE workbooks SET latest_version = latest_version + 1 WHERE workbook_id = ?",
            (workbook_id,),
        )

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

    # ----- asked by the people slice's stores (tags, templates, tenants): the version tags
    # put on workbooks, and a workbook's latest version -----

    def version_tags(
        self,
        *,
        workbook_id: str | None = None,
        tag_ids: Sequence[str] | None = None,
        name: str | None = None,
        tagged_id: str | None = None,
    ) -> list[sqlite3.Row]:
        """The version tags put on workbooks that match every filter given (the workbook,
        the tags, the tag's name, the tagged copy's id), in the order they were put."""
        where, args = ["1"], []
        for column, value in (
            ("workbook_id", workbook_id),
            ("name", name),
            ("tagged_workbook_id", tagged_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if tag_ids is not None:
            where.append("version_tag_id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(tag_ids)))
        return self.db.all(
            f"SELECT * FROM workbook_tags WHERE {' AND '.join(where)} ORDER BY seq", args
        )

    @staticmethod
    def put_version_tag(
        conn: sqlite3.Connection,
        workbook_id: str,
        tag_id: str,
        name: str,
        version: int,
        tagged_id: str,
        *,
        at: str,
        by: str,
    ) -> None:
        """Tag a version of the workbook (inside the caller's transaction, no checks)."""
        conn.execute(
            "INSERT INTO workbook_tags (workbook_id, version_tag_id, name, source_version, "
            "tagged_workbook_id, tagged_at, tagged_by) VALUES (?,?,?,?,?,?,?)",
            (workbook_id, tag_id, name, version, tagged_id, at, by),
        )

    @staticmethod
    def move_version_tag(
        conn: sqlite3.Connection, seq: int, version: int, *, at: str, by: str
    ) -> None:
        """The version tag (by its ``seq``) now marks ``version`` (in the caller's transaction)."""
        conn.execute(
            "UPDATE workbook_tags SET source_version = ?, tagged_at = ?, tagged_by = ? "
            "WHERE seq = ?",
            (version, at, by, seq),
        )

    @staticmethod
    def drop_version_tags(
        conn: sqlite3.Connection, *, tag_id: str, workbook_id: str | None = None
    ) -> int:
        """Take a tag off every workbook (or off one); how many it marked (in the caller's
        transaction)."""
        return int(
            conn.execute(
                "DELETE FROM workbook_tags WHERE version_tag_id = ? "
                "AND (? IS NULL OR workbook_id = ?)",
                (tag_id, workbook_id, workbook_id),
            ).rowcount
        )

    def publish(self, conn: sqlite3.Connection, workbook_id: str, *, at: str, by: str) -> int:
        """A new latest version of the workbook (in the caller's transaction): its number."""
        latest = conn.execute(
            "UPDATE workbooks SET latest_version = latest_version + 1 WHERE workbook_id = ? "
            "RETURNING latest_version",
            (workbook_id,),
        ).fetchone()[0]
        self.files.change(conn, [workbook_id], updated_at=at, updated_by=by)
        return int(latest)

    def live_rows(self, ids: Sequence[str]) -> dict[str, sqlite3.Row]:
        """The live workbooks of ``ids`` (file rows, as :meth:`render_rows` takes them), by id."""
        files = self.files.rows(ids)
        return {i: r for i, r in files.items() if r["type"] == "workbook" and not r["is_archived"]}

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
