"""Workbook bookmarks (saved views): a named exploration of a workbook version, shared with
everyone who can open the workbook or kept to its creator, one of them the default view."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .paging import Page, offset_page
from .text import bounded, name_of
from .workbooks import WorkbookStore

__all__ = ["SCHEMA", "BookmarkStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS workbook_bookmarks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    bookmark_id TEXT UNIQUE NOT NULL,
    workbook_id TEXT NOT NULL,
    workbook_version INTEGER NOT NULL,
    name TEXT NOT NULL,
    is_shared INTEGER NOT NULL,
    explore_key TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workbook_bookmarks_wb ON workbook_bookmarks(workbook_id);
"""


def _render(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "bookmarkId": row["bookmark_id"],
        "name": row["name"],
        "isShared": bool(row["is_shared"]),
        "exploreKey": row["explore_key"],
        "isDefault": bool(row["is_default"]),
    }


def _flag(body: dict[str, Any], key: str) -> bool | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise BadRequest(f"{key} is true or false")
    return value


class BookmarkStore:
    """A member sees the workbook's shared bookmarks and their own; only their creator (or
    someone who may edit the workbook) changes or deletes one."""

    def __init__(
        self, db: Database, ids: IdFactory, clock: Clock, workbooks: WorkbookStore
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.workbooks = workbooks

    _VISIBLE = "workbook_id = ? AND (is_shared = 1 OR created_by = ?)"

    def list(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        got = offset_page(
            self.db,
            f"SELECT * FROM workbook_bookmarks WHERE {self._VISIBLE} ORDER BY seq",
            (workbook_id, caller),
            offset=offset,
            limit=limit,
        )
        return got.render(_render)

    def _row(self, workbook_id: str, bookmark_id: str, caller: str) -> sqlite3.Row:
        row = self.db.one(
            f"SELECT * FROM workbook_bookmarks WHERE bookmark_id = ? AND {self._VISIBLE}",
            (bookmark_id, workbook_id, caller),
        )
        if row is None:
            raise NotFound.of("Bookmark", bookmark_id)
        return row

    def get(self, workbook_id: str, bookmark_id: str, caller: str) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller)
        return _render(self._row(workbook_id, bookmark_id, caller))

    def add(
        self, workbook_id: str, body: dict[str, Any], caller: str, tagged: int | None = None
    ) -> dict[str, Any]:
        """``{workbookVersion, name, isShared, exploreKey}``; the version must exist (and be
        ``tagged``, the version a tag marks, when the bookmark is saved through the tag)."""
        workbook = self.workbooks.row(workbook_id, caller, need="explore")
        version = body.get("workbookVersion")
        if (
            isinstance(version, bool)
            or not isinstance(version, int | float)
            or (isinstance(version, float) and not version.is_integer())
            or not 1 <= version <= workbook["latest_version"]
        ):
            raise BadRequest(
                f"workbookVersion is a version of this workbook, 1 to {workbook['latest_version']}"
            )
        if tagged is not None and version != tagged:
            raise BadRequest(f"workbookVersion must be {tagged}, the version the tag marks")
        name = name_of(body.get("name"), "bookmark")
        shared = _flag(body, "isShared")
        if shared is None:
            raise BadRequest("isShared is true or false")
        key = bounded(str(body.get("exploreKey") or "").strip(), "exploreKey")
        if not key:
            raise BadRequest("A bookmark needs the exploreKey of the exploration it saves")
        bookmark_id = self.ids.uuid()
        now = self.clock.iso()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO workbook_bookmarks (bookmark_id, workbook_id, workbook_version, "
                "name, is_shared, explore_key, created_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (bookmark_id, workbook_id, int(version), name, int(shared), key, caller, now, now),
            )
        return self.get(workbook_id, bookmark_id, caller)

    def _changeable(self, workbook_id: str, bookmark_id: str, caller: str) -> sqlite3.Row:
        self.workbooks.row(workbook_id, caller)
        row = self._row(workbook_id, bookmark_id, caller)
        if row["created_by"] != caller:
            self.workbooks.row(workbook_id, caller, need="edit")
        return row

    def update(
        self, workbook_id: str, bookmark_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        """Any of ``name``, ``isShared``, ``isDefault``, ``exploreKey`` (null: unchanged).
        Making one bookmark the default unmakes the workbook's previous default."""
        row = self._changeable(workbook_id, bookmark_id, caller)
        sets: dict[str, Any] = {}
        if body.get("name") is not None:
            sets["name"] = name_of(body["name"], "bookmark")
        if body.get("exploreKey") is not None:
            key = bounded(str(body["exploreKey"]).strip(), "exploreKey")
            if not key:
                raise BadRequest("exploreKey cannot be empty")
            sets["explore_key"] = key
        shared, default = _flag(body, "isShared"), _flag(body, "isDefault")
        if shared is not None:
            sets["is_shared"] = int(shared)
        if default is not None:
            sets["is_default"] = int(default)
        if default and not (shared if shared is not None else row["is_shared"]):
            raise BadRequest("Only a shared bookmark can be the workbook's default view")
        if shared is False and row["is_default"] and default is not False:
            sets["is_default"] = 0
        with self.db.tx() as conn:
            if default:
                conn.execute(
                    "UPDATE workbook_bookmarks SET is_default = 0 WHERE workbook_id = ?",
                    (workbook_id,),
                )
            if sets:
                sets["updated_at"] = self.clock.iso()
                assignments = ", ".join(f"{col} = ?" for col in sets)
                conn.execute(
                    f"UPDATE workbook_bookmarks SET {assignments} WHERE bookmark_id = ?",
                    (*sets.values(), bookmark_id),
                )
        return self.get(workbook_id, bookmark_id, caller)

    def delete(self, workbook_id: str, bookmark_id: str, caller: str) -> None:
        self._changeable(workbook_id, bookmark_id, caller)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM workbook_bookmarks WHERE bookmark_id = ?", (bookmark_id,))

    def list_on_version(
        self, workbook_id: str, version: int, caller: str, *, offset: int, limit: int
    ) -> Page:
        """The bookmarks the caller sees that were saved on one version of the workbook (the
        one a tag marks: ``GET /v2/workbooks/{id}/tags/{tagName}/bookmarks``)."""
        got = offset_page(
            self.db,
            f"SELECT * FROM workbook_bookmarks WHERE {self._VISIBLE} AND workbook_version = ? "
            "ORDER BY seq",
            (workbook_id, caller, version),
            offset=offset,
            limit=limit,
        )
        return got.render(_render)

    def get_on_version(
        self, workbook_id: str, version: int, bookmark_id: str, caller: str
    ) -> dict[str, Any]:
        """One bookmark of ``list_on_version``: a bookmark saved on another version (or one
        the caller does not see) is a 404, as one the workbook lacks."""
        row = self._row(workbook_id, bookmark_id, caller)
        if row["workbook_version"] != version:
            raise NotFound.of("Bookmark", bookmark_id)
        return _render(row)

    def update_on_version(
        self, workbook_id: str, version: int, bookmark_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        """``update`` of a bookmark saved on the version a tag marks (another is a 404)."""
        self.get_on_version(workbook_id, version, bookmark_id, caller)
        return self.update(workbook_id, bookmark_id, body, caller)

    def delete_on_version(
        self, workbook_id: str, version: int, bookmark_id: str, caller: str
    ) -> None:
        """``delete`` of a bookmark saved on the version a tag marks (another is a 404)."""
        self.get_on_version(workbook_id, version, bookmark_id, caller)
        self.delete(workbook_id, bookmark_id, caller)
