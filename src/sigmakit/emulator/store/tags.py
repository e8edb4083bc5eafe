"""Version tags (``/v2/tags``), the workbook versions they point at (``/v2/workbooks/tag``,
``/v2/workbooks/{id}/tags``), a workbook's version history and restoring a version.

A tag is one row of ``version_tags``; tagging a workbook puts (or moves) one row of
``workbook_tags`` (the workbook store's table, which renders a workbook's ``tags``): one
version of one workbook per tag. Versions: ``workbooks.latest_version`` counts them. The
history of a workbook nothing has published in the emulator is worked out from its creation
and last update (version 1 when it was created, the latest when it was last updated, the
others evenly between); the first version the emulator publishes (a restore) writes that
history down in ``workbook_versions`` and adds to it, so it never shifts afterwards.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from ..clock import Clock, iso
from ..db import Database, encode_cursor
from ..errors import BadRequest, Conflict, Forbidden, NotFound
from ..ids import IdFactory
from .connections import ConnectionStore
from .paging import Page, offset_page, slice_page
from .permissions import PermissionStore
from .workbooks import WorkbookStore

__all__ = ["COLORS", "SCHEMA", "TagStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS version_tags (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tag_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    description TEXT,
    owner_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS workbook_versions (
    workbook_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    restored_from INTEGER,
    PRIMARY KEY (workbook_id, version)
);
"""

#: the colors the description lists for a tag
COLORS = ("cyan", "grass", "violet", "plum", "amber", "bronze")


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class TagStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        permissions: PermissionStore,
        workbooks: WorkbookStore,
        connections: ConnectionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.permissions = permissions
        self.workbooks = workbooks
        self.connections = connections
        #: told (workbook id, tag id, version, caller) after a workbook version is tagged
        self.on_tag: list[Callable[[str, str, int, str], None]] = []

    # ----- tags -----

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "versionTagId": row["tag_id"],
            "name": row["name"],
            "ownerId": row["owner_id"],
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "isArchived": False,
            "color": row["color"],
        }
        if row["description"] is not None:
            entry["description"] = row["description"]
        return entry

    def require(self, ref: str) -> sqlite3.Row:
        """A tag by id, or by name (as ``/v2/workbooks/tag`` and the tagged-copy route take
        it; case-insensitive); Sigma's 404 otherwise."""
        row = self.db.one("SELECT * FROM version_tags WHERE tag_id = ?", (ref,))
        if row is None:
            row = self.db.one(
                "SELECT * FROM version_tags WHERE lower(name) = lower(?) ORDER BY seq", (ref,)
            )
        if row is None:
            raise NotFound.of("Version tag", ref)
        return row

    @staticmethod
    def id_named(conn: sqlite3.Connection, name: str) -> str | None:
        """The id of the tag called ``name`` (inside the caller's transaction), or None."""
        row = conn.execute("SELECT tag_id FROM version_tags WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def _admin(self, caller: str) -> None:
        if not self.permissions.is_admin(caller):
            raise Forbidden("Only an Admin may create, change or delete version tags")

    def find(self, *, search: str | None, offset: int, limit: int) -> Page:
        where, args = "1", []
        if search:
            where, args = "instr(lower(name), ?) > 0", [search.lower()]
        got = offset_page(
            self.db,
            f"SELECT * FROM version_tags WHERE {where} ORDER BY seq",
            args,
            offset=offset,
            limit=limit,
        )
        return got.render(self.render)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        color: str,
        owner_id: str,
        description: str | None = None,
        at: str | None = None,
    ) -> str:
        """Add a tag inside the caller's transaction (the seed's way in)."""
        tag_id = self.ids.uuid()
        when = at or self.clock.iso()
        conn.execute(
            "INSERT INTO version_tags (tag_id, name, color, description, owner_id, created_by, "
            "updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (tag_id, name, color, description, owner_id, owner_id, owner_id, when, when),
        )
        return tag_id

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """A new tag; its name is unique in the organization (case-insensitively)."""
        self._admin(caller)
        name = str(body.get("name") or "").strip()
        if not name:
            raise BadRequest("A version tag needs a name")
        if len(name) > 100:
            raise BadRequest("A version tag's name is at most 100 characters")
        color = body.get("color")
        if color not in COLORS:
            raise BadRequest(f"Invalid color: {color!r} (one of {', '.join(COLORS)})")
        with self.db.tx() as conn:
            taken = conn.execute(
                "SELECT tag_id FROM version_tags WHERE lower(name) = lower(?)", (name,)
            ).fetchone()
            if taken is not None:
                raise Conflict.duplicate("version-tag-id", taken[0])
            tag_id = self.insert(
                conn, name=name, color=color, owner_id=caller, description=body.get("description")
            )
        return {"name": name, "versionTagId": tag_id}

    def update(self, tag_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """Only a tag's description changes (the description says so)."""
        self._admin(caller)
        row = self._by_id(tag_id)
        if "description" in body and body["description"] is not None:
            with self.db.tx() as conn:
                conn.execute(
                    "UPDATE version_tags SET description = ?, updated_by = ?, updated_at = ? "
                    "WHERE tag_id = ?",
                    (str(body["description"]), caller, self.clock.iso(), row["tag_id"]),
                )
        return self.render(self._by_id(tag_id))

    def _by_id(self, tag_id: str) -> sqlite3.Row:
        row = self.db.one("SELECT * FROM version_tags WHERE tag_id = ?", (tag_id,))
        if row is None:
            raise NotFound.of("Version tag", tag_id)
        return row

    def delete(self, tag_id: str, caller: str) -> None:
        """The tag, and every workbook version it marked loses it."""
        self._admin(caller)
        self._by_id(tag_id)
        with self.db.tx() as conn:
            self.workbooks.drop_version_tags(conn, tag_id=tag_id)
            conn.execute("DELETE FROM version_tags WHERE tag_id = ?", (tag_id,))

    def tagged_workbooks(self, tag_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """The workbooks with a version under this tag that the caller can reach (an Admin:
        all), in the order they were tagged."""
        self._by_id(tag_id)
        tagged = [t["workbook_id"] for t in self.workbooks.version_tags(tag_ids=[tag_id])]
        if not self.permissions.is_admin(caller):
            reach = self.permissions.reachable(caller, ("workbook",))
            tagged = [w for w in tagged if w in reach]
        live = self.workbooks.live_rows(tagged)
        rows = [live[w] for w in tagged if w in live]
        shown = self.workbooks.render_rows(rows[offset : offset + limit])
        more = offset + limit < len(rows)
        return Page(shown, encode_cursor(offset + limit) if more else None, len(rows))

    # ----- a workbook's tagged versions -----

    @staticmethod
    def _version(value: object, latest: int) -> int:
        """A version the workbook has: a whole number from 1 to its latest."""
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value != int(value)
        ):
            raise BadRequest(f"Invalid workbook version: {value!r}")
        version = int(value)
        if not 1 <= version <= latest:
            raise BadRequest(
                f"Invalid workbook version: {version} (this workbook has versions 1 to {latest})"
            )
        return version

    def tag_workbook(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """Put the tag on a version of the workbook (its latest without ``workbookVersion``).
        A tag marks one version per workbook: tagging another version moves it; tagging the
        same version again changes nothing."""
        workbook = self.workbooks.row(str(body.get("workbookId") or ""), caller, need="edit")
        tag = self.require(str(body.get("tag") or ""))
        latest = int(workbook["latest_version"])
        wanted = body.get("workbookVersion")
        version = latest if wanted is None else self._version(wanted, latest)
        # the tagged version's sources swap to these connections: they must exist (the
        # emulator's workbooks read no warehouse, so the swap itself changes nothing here)
        for mapping in body.get("sourceMappingConfig") or []:
            self.connections.row(str(mapping.get("fromConnectionId")))
            self.connections.row(str(mapping.get("toConnectionId")))
        with self.db.tx() as conn:
            found = self.workbooks.version_tags(workbook_id=workbook["id"], tag_ids=[tag["tag_id"]])
            current = found[0] if found else None
            if current is None:
                tagged_id = self.ids.uuid()
                self.workbooks.put_version_tag(
                    conn,
                    workbook["id"],
                    tag["tag_id"],
                    tag["name"],
                    version,
                    tagged_id,
                    at=self.clock.iso(),
                    by=caller,
                )
            else:
                tagged_id = current["tagged_workbook_id"]
                if current["source_version"] != version:
                    self.workbooks.move_version_tag(
                        conn, current["seq"], version, at=self.clock.iso(), by=caller
                    )
        for hook in self.on_tag:
            hook(workbook["id"], tag["tag_id"], version, caller)
        return {
            "versionTagId": tag["tag_id"],
            "taggedWorkbookId": tagged_id,
            "taggedWorkbookVersion": version,
        }

    @staticmethod
    def render_tagged(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "versionTagId": row["version_tag_id"],
            "name": row["name"],
            "sourceWorkbookVersion": row["source_version"],
            "taggedWorkbookId": row["tagged_workbook_id"],
            "workbookTaggedAt": row["tagged_at"],
        }

    def workbook_tags(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        tagged = self.workbooks.version_tags(workbook_id=workbook_id)
        return slice_page([self.render_tagged(t) for t in tagged], offset=offset, limit=limit)

    def untag(self, workbook_id: str, tag_id: str, caller: str) -> None:
        self.workbooks.row(workbook_id, caller, need="edit")
        with self.db.tx() as conn:
            gone = self.workbooks.drop_version_tags(conn, tag_id=tag_id, workbook_id=workbook_id)
        if not gone:
            raise NotFound(f"Workbook {workbook_id} has no version tagged {tag_id}")

    def copy_tagged(
        self, workbook_id: str, tag_ref: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        """A new workbook from the version the tag (name or id) marks on this workbook."""
        self.tagged_version(workbook_id, tag_ref, caller)
        return self.workbooks.copy(workbook_id, body, caller)

    def tagged_version(self, workbook_id: str, tag_ref: str, caller: str) -> int:
        """The version of the workbook (which the caller must see) that the tag (name or id)
        marks; a 404 when it marks none."""
        self.workbooks.row(workbook_id, caller)
        tags = self.db.all(
            "SELECT tag_id FROM version_tags WHERE tag_id = ? OR lower(name) = lower(?)",
            (tag_ref, tag_ref),
        )
        found = self.workbooks.version_tags(workbook_id=workbook_id, tag_ids=[t[0] for t in tags])
        tag = found[0] if found else None
        if tag is None:
            raise NotFound(f"Workbook {workbook_id} has no version tagged {tag_ref}")
        return int(tag["source_version"])

    # ----- versions -----

    def _worked_out(self, workbook: Mapping[str, Any]) -> list[tuple[int, str, str]]:
        """(version, publishedAt, publishedBy) for a workbook the emulator never published."""
        latest = int(workbook["latest_version"])
        start, end = _when(workbook["created_at"]), _when(workbook["updated_at"])
        step = (end - start) / max(1, latest - 1)
        out = []
        for version in range(1, latest + 1):
            at = end if version == latest else start + step * (version - 1)
            if version == 1:
                by = workbook["created_by"]
            elif version == latest:
                by = workbook["updated_by"]
            else:
                by = workbook["owner_id"]
            out.append((version, iso(at), by))
        return out

    def _versions(self, workbook: Mapping[str, Any]) -> list[tuple[int, str, str]]:
        rows = self.db.all(
            "SELECT version, published_at, published_by FROM workbook_versions "
            "WHERE workbook_id = ? ORDER BY version",
            (workbook["id"],),
        )
        if not rows:
            return self._worked_out(workbook)
        return [(r[0], r[1], r[2]) for r in rows]

    def history(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """The workbook's versions, newest first, each with the tags that mark it."""
        workbook = self.workbooks.row(workbook_id, caller)
        marks: dict[int, list[dict[str, Any]]] = {}
        for t in self.workbooks.version_tags(workbook_id=workbook_id):
            marks.setdefault(t["source_version"], []).append(
                {
                    "versionTagId": t["version_tag_id"],
                    "taggedAt": t["tagged_at"],
                    "taggedBy": t["tagged_by"] or workbook["owner_id"],
                }
            )
        entries = []
        for version, at, by in reversed(self._versions(workbook)):
            entry: dict[str, Any] = {"version": version, "publishedAt": at, "publishedBy": by}
            if version in marks:
                entry["tags"] = marks[version]
            entries.append(entry)
        return slice_page(entries, offset=offset, limit=limit)

    def restore(self, workbook_id: str, version: object, caller: str) -> dict[str, Any]:
        """Publish a new version with the contents of ``version`` (no version is lost)."""
        workbook = self.workbooks.row(workbook_id, caller, need="edit")
        latest = int(workbook["latest_version"])
        wanted = self._version(version, latest)
        if wanted == latest:
            raise BadRequest(f"Version {wanted} is already the latest version of this workbook")
        now = self.clock.iso()
        with self.db.tx() as conn:
            if (
                conn.execute(
                    "SELECT 1 FROM workbook_versions WHERE workbook_id = ?", (workbook_id,)
                ).fetchone()
                is None
            ):
                conn.executemany(
                    "INSERT INTO workbook_versions (workbook_id, version, published_at, "
                    "published_by) VALUES (?, ?, ?, ?)",
                    [(workbook_id, *v) for v in self._worked_out(workbook)],
                )
            version = self.workbooks.publish(conn, workbook_id, at=now, by=caller)
            conn.execute(
                "INSERT INTO workbook_versions VALUES (?, ?, ?, ?, ?)",
                (workbook_id, version, now, caller, wanted),
            )
        return self.workbooks.get(workbook_id, caller)
