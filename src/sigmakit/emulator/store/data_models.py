"""Data models: an inode of type ``data-model`` (its ``id`` is the ``dataModelId``, its
``url_id`` the ``dataModelUrlId``) with its elements, each built on warehouse tables of a
connection or on other elements of the model; version tags; materialization schedules,
whose runs are jobs like a workbook's (see :mod:`..jobs`).

One element of the seeded ``Retail Sales`` model, ``Order Lines``, is what most seeded
workbook tables and charts read, and what an element with no other source reads
(``feeds_workbooks``): workbook sources and lineage (:mod:`.lineage`) name it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from ..jobs import Jobs
from .catalog import column_id
from .files import FileStore
from .materializations import materialization_answer
from .org import APP_URL, OrgStore
from .paging import Page, offset_page, slice_page
from .permissions import PermissionStore

__all__ = ["SCHEMA", "DataModelStore", "ElementSpec"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS data_models (
    data_model_id TEXT PRIMARY KEY,
    latest_version INTEGER NOT NULL DEFAULT 1
);
-- sources: JSON list of {"tableId"} (a catalogued table) or {"elementId"} (an element of the
-- same model); columns: JSON list of [label, formula, value type]
CREATE TABLE IF NOT EXISTS data_model_elements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    element_id TEXT UNIQUE NOT NULL,
    data_model_id TEXT NOT NULL,
    name TEXT NOT NULL,
    sources TEXT NOT NULL,
    columns TEXT NOT NULL,
    feeds_workbooks INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS data_model_elements_dm ON data_model_elements(data_model_id);
CREATE TABLE IF NOT EXISTS data_model_tags (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    data_model_id TEXT NOT NULL,
    version_tag_id TEXT NOT NULL,
    tag_name TEXT NOT NULL,
    source_version INTEGER NOT NULL,
    tagged_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS data_model_schedules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    data_model_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    cron_spec TEXT,
    timezone TEXT,
    configured_at TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    UNIQUE (data_model_id, element_id)
);
"""


@dataclass(frozen=True)
class ElementSpec:
    """An element to lay down: its name, its sources (table ids, or names of elements laid
    down before it in the same model) and its columns ``(label, formula, value type)``."""

    name: str
    tables: Sequence[str] = ()
    elements: Sequence[str] = ()
    columns: Sequence[tuple[str, str, str]] = ()
    feeds_workbooks: bool = False


class DataModelStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        permissions: PermissionStore,
        jobs: Jobs,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.files = files
        self.permissions = permissions
        self.jobs = jobs

    # ----- laying down -----

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        owner_id: str,
        parent_id: str,
        elements: Sequence[ElementSpec],
        at: str,
        latest_version: int = 1,
    ) -> dict[str, str]:
        """Add a data model and its elements inside the caller's transaction; returns the
        model's id under ``""`` and each element's id under its name."""
        model_id = self.files.insert(
            conn, name=name, type="data-model", owner_id=owner_id, parent_id=parent_id, at=at
        )
        conn.execute("INSERT INTO data_models VALUES (?, ?)", (model_id, latest_version))
        ids = {"": model_id}
        for spec in elements:
            element_id = self.ids.short_id()
            sources = [{"tableId": t} for t in spec.tables] + [
                {"elementId": ids[e]} for e in spec.elements
            ]
            conn.execute(
                "INSERT INTO data_model_elements (element_id, data_model_id, name, sources, "
                "columns, feeds_workbooks) VALUES (?,?,?,?,?,?)",
                (
                    element_id,
                    model_id,
                    spec.name,
                    json.dumps(sources),
                    json.dumps([list(c) for c in spec.columns]),
                    int(spec.feeds_workbooks),
                ),
            )
            ids[spec.name] = element_id
        return ids

    # ----- reading -----

    _SELECT = (
        "SELECT i.*, d.latest_version FROM inodes i JOIN data_models d ON d.data_model_id = i.id"
    )

    def row(self, data_model_id: str, caller: str, need: str = "view") -> sqlite3.Row:
        """The data model, or Sigma's 404 (403 when the caller's permission is too low)."""
        row = self.db.one(f"{self._SELECT} WHERE i.id = ?", (data_model_id,))
        if row is None:
            raise NotFound.of("Data model", data_model_id)
        self.files.access(caller, data_model_id, need)
        return row

    def _tags(self, model_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        if not model_ids:
            return found
        rows = self.db.all(
            "SELECT * FROM data_model_tags WHERE data_model_id IN "
            f"({','.join('?' * len(model_ids))}) ORDER BY seq",
            list(model_ids),
        )
        for t in rows:
            found.setdefault(t["data_model_id"], []).append(_render_tag(t))
        return found

    def _render(self, rows: Sequence[sqlite3.Row], *, tags: bool = True) -> list[dict[str, Any]]:
        slug = self.org.get().slug
        by_model = self._tags([r["id"] for r in rows]) if tags else {}
        out = []
        for r in rows:
            chain = self.files.render(r, "view")
            entry: dict[str, Any] = {
                "dataModelId": r["id"],
                "dataModelUrlId": r["url_id"],
                "name": r["name"],
                "url": f"{APP_URL}/{slug}/data-model/{r['url_id']}",
                # the folders above it, as a workbook's path (not the model's own name)
                "path": chain["path"].rpartition("/")[0],
                "latestVersion": r["latest_version"],
                "ownerId": r["owner_id"],
                "createdBy": r["created_by"],
                "updatedBy": r["updated_by"],
                "createdAt": r["created_at"],
                "updatedAt": r["updated_at"],
                "isArchived": bool(r["is_archived"]),
            }
            if tags:
                entry["tags"] = by_model.get(r["id"], [])
            out.append(entry)
        return out

    def get(self, data_model_id: str, caller: str, *, exclude_tags: bool = False) -> dict[str, Any]:
        return self._render([self.row(data_model_id, caller)], tags=not exclude_tags)[0]

    def list_for(
        self,
        caller: str,
        *,
        offset: int,
        limit: int,
        exclude_tags: bool = False,
        skip_permission_check: bool = False,
    ) -> Page:
        """The live data models the caller can reach (every one for an admin who skips the
        permission check), in creation order."""
        if skip_permission_check and self.permissions.is_admin(caller):
            sql, args = f"{self._SELECT} WHERE i.is_archived = 0", list[Any]()
        else:
            cte, args = self.permissions.reachable_cte(caller)
            sql = f"WITH RECURSIVE {cte} {self._SELECT} JOIN reachable r ON r.id = i.id"
        got = offset_page(self.db, f"{sql} ORDER BY i.seq", args, offset=offset, limit=limit)
        return Page(self._render(got.rows, tags=not exclude_tags), got.next_page, got.total)

    def element_rows(self, data_model_id: str) -> list[sqlite3.Row]:
        return self.db.all(
            "SELECT * FROM data_model_elements WHERE data_model_id = ? ORDER BY seq",
            (data_model_id,),
        )

    def element(self, element_id: str) -> sqlite3.Row | None:
        """A data model element by its id (None when there is none)."""
        return self.db.one("SELECT * FROM data_model_elements WHERE element_id = ?", (element_id,))

    def put_tag(self, data_model_id: str, tag_id: str, tag_name: str, version: int) -> None:
        """Mark ``version`` of the model with the tag (moving it from another version)."""
        with self.db.tx() as conn:
            moved = conn.execute(
                "UPDATE data_model_tags SET source_version = ?, tag_name = ?, tagged_at = ? "
                "WHERE data_model_id = ? AND version_tag_id = ?",
                (version, tag_name, self.clock.iso(), data_model_id, tag_id),
            ).rowcount
            if not moved:
                self.add_tag(conn, data_model_id, tag_id, tag_name, version, self.clock.iso())

    def set_element_sources(self, swapped: dict[str, list[dict[str, str]]]) -> None:
        """Point elements at new sources (element id -> its ``sources`` list), all at once."""
        with self.db.tx() as conn:
            conn.executemany(
                "UPDATE data_model_elements SET sources = ? WHERE element_id = ?",
                [(json.dumps(s), e) for e, s in swapped.items()],
            )

    def elements(self, data_model_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.row(data_model_id, caller)
        got = offset_page(
            self.db,
            "SELECT * FROM data_model_elements WHERE data_model_id = ? ORDER BY seq",
            (data_model_id,),
            offset=offset,
            limit=limit,
        )
        return got.render(
            lambda r: {
                "elementId": r["element_id"],
                "name": r["name"],
                "type": "table",
                "columns": [c[0] for c in json.loads(r["columns"])],
            }
        )

    def columns(self, data_model_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.row(data_model_id, caller)
        cols = [
            {
                "columnId": column_id(label),
                "name": label,
                "formula": formula,
                "type": {"type": kind},
                "elementId": e["element_id"],
            }
            for e in self.element_rows(data_model_id)
            for label, formula, kind in json.loads(e["columns"])
        ]
        return slice_page(cols, offset=offset, limit=limit)

    def sources(self, data_model_id: str, caller: str) -> list[dict[str, Any]]:
        """The tables the model's elements are built on (each once, in element order); an
        element built on other elements of the model adds nothing of its own."""
        self.row(data_model_id, caller)
        return [{"type": "table", "tableId": t} for t in self.table_ids(data_model_id)]

    def table_ids(self, data_model_id: str) -> list[str]:
        """The catalogued tables the model's elements read, each once, in element order."""
        seen: dict[str, None] = {}
        for e in self.element_rows(data_model_id):
            for source in json.loads(e["sources"]):
                if "tableId" in source:
                    seen[source["tableId"]] = None
        return list(seen)

    def lineage(self, data_model_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Each element with what it is built on (``sourceIds``: tables and elements;
        ``dataSourceIds``: the tables at the bottom), then each table once."""
        self.row(data_model_id, caller)
        rows = self.element_rows(data_model_id)
        direct = {r["element_id"]: json.loads(r["sources"]) for r in rows}

        def tables_under(element_id: str, depth: int = 0) -> list[str]:
            out: list[str] = []
            for s in direct.get(element_id, []):
                if "tableId" in s:
                    out.append(s["tableId"])
                elif depth < 16:
                    out += tables_under(s["elementId"], depth + 1)
            return list(dict.fromkeys(out))

        entries: list[dict[str, Any]] = []
        tables: dict[str, None] = {}
        for r in rows:
            ids = [s.get("tableId") or s.get("elementId") for s in direct[r["element_id"]]]
            under = tables_under(r["element_id"])
            tables.update(dict.fromkeys(under))
            entries.append(
                {
                    "type": "element",
                    "elementId": r["element_id"],
                    "sourceIds": ids,
                    "dataSourceIds": under,
                }
            )
        for table_id in tables:
            entries.append(self.table_node(table_id))
        return slice_page(entries, offset=offset, limit=limit)

    def table_node(self, table_id: str) -> dict[str, Any]:
        """A table in a lineage list: ``{type, connectionId, name, inodeId}``; its name is
        its path in the warehouse (``RETAIL.PUBLIC.ORDERS``)."""
        row = self.db.one(
            "SELECT connection_id, path FROM connection_tables WHERE id = ?", (table_id,)
        )
        if row is None:  # the connection's catalogue was laid down again without it
            return {"type": "table", "connectionId": None, "name": None, "inodeId": table_id}
        return {
            "type": "table",
            "connectionId": row["connection_id"],
            "name": ".".join(json.loads(row["path"])),
            "inodeId": table_id,
        }

    def tags(self, data_model_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.row(data_model_id, caller)
        got = offset_page(
            self.db,
            "SELECT * FROM data_model_tags WHERE data_model_id = ? ORDER BY seq",
            (data_model_id,),
            offset=offset,
            limit=limit,
        )
        return got.render(_render_tag)

    # ----- materialization -----

    def schedules(self, data_model_id: str, caller: str) -> list[dict[str, Any]]:
        self.row(data_model_id, caller)
        return [
            {
                "sheetId": r["element_id"],
                "elementId": r["element_id"],
                "elementName": r["name"],
                "schedule": None
                if r["cron_spec"] is None
                else {"cronSpec": r["cron_spec"], "timezone": r["timezone"]},
                "configuredAt": r["configured_at"],
                "paused": bool(r["paused"]),
            }
            for r in self.db.all(
                "SELECT s.*, e.name FROM data_model_schedules s JOIN data_model_elements e "
                "ON e.element_id = s.element_id WHERE s.data_model_id = ? ORDER BY s.seq",
                (data_model_id,),
            )
        ]

    @staticmethod
    def add_schedule(
        conn: sqlite3.Connection,
        data_model_id: str,
        element_id: str,
        *,
        cron_spec: str | None,
        timezone: str | None,
        configured_at: str,
    ) -> None:
        conn.execute(
            "INSERT INTO data_model_schedules (data_model_id, element_id, cron_spec, timezone, "
            "configured_at) VALUES (?,?,?,?,?)",
            (data_model_id, element_id, cron_spec, timezone, configured_at),
        )

    def materialize(self, data_model_id: str, sheet_id: Any, caller: str) -> dict[str, str]:
        """Run an element's materialization now; the element needs a schedule."""
        self.row(data_model_id, caller, need="explore")
        schedule = self.db.one(
            "SELECT e.name FROM data_model_schedules s JOIN data_model_elements e "
            "ON e.element_id = s.element_id WHERE s.data_model_id = ? AND s.element_id = ?",
            (data_model_id, str(sheet_id)),
        )
        if schedule is None:
            raise BadRequest(f"No materialization schedule for sheet {sheet_id} in this data model")
        job_id = self.ids.uuid()
        with self.db.tx() as conn:
            self.jobs.create(
                conn,
                job_id=job_id,
                kind="materialization",
                workbook_id=data_model_id,
                payload={"sheetId": str(sheet_id), "name": schedule["name"]},
            )
        return {"materializationId": job_id}

    def materialization(
        self, data_model_id: str, materialization_id: str, caller: str
    ) -> dict[str, Any]:
        self.row(data_model_id, caller)
        job = self.jobs.get(materialization_id, kind="materialization")
        if job is None or job.workbook_id != data_model_id:
            raise NotFound.of("Materialization", materialization_id)
        return materialization_answer(job)

    # used by the seeds

    @staticmethod
    def add_tag(
        conn: sqlite3.Connection, data_model_id: str, tag_id: str, name: str, version: int, at: str
    ) -> None:
        """Mark a version of the model with a tag it has on no version yet (inside the
        caller's transaction)."""
        conn.execute(
            "INSERT INTO data_model_tags (data_model_id, version_tag_id, tag_name, "
            "source_version, tagged_at) VALUES (?, ?, ?, ?, ?)",
            (data_model_id, tag_id, name, version, at),
        )


def _render_tag(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "versionTagId": row["version_tag_id"],
        "tagName": row["tag_name"],
        "sourceVersion": row["source_version"],
        "taggedAt": row["tagged_at"],
    }
