"""Data models: an inode of type ``data-model`` (its ``id`` is the ``dataModelId``, its
``url_id`` the ``dataModelUrlId``) with its elements, each built on warehouse tables of a
connection or on other elements of the model; version tags. Its materialization schedules are
:mod:`.data_model_schedules`'.

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
from ..ids import IdFactory
from ..jobs import Jobs
from .catalog import column_id
from .connections import ConnectionStore
from .data_model_lineage import DataModelLineage
from .documents import Doc, Documents
from .files import FileStore
from .org import OrgStore
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


class DataModelStore(DataModelLineage):
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        permissions: PermissionStore,
        jobs: Jobs,
        connections: ConnectionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.files = files
        self.permissions = permissions
        self.jobs = jobs
        self.connections = connections
        self.documents = Documents(
            files,
            permissions,
            org,
            type="data-model",
            noun="Data model",
            kind_rows=self.model_rows,
            key="dataModel",
            word="data-model",
        )

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
        model_id = self.documents.create(
            conn, name=name, owner_id=owner_id, parent_id=parent_id, at=at
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

    def model_rows(self, ids: Sequence[str]) -> dict[str, sqlite3.Row]:
        """The data models' own rows (their latest version) by id, archived or not."""
        sql = f"SELECT * FROM data_models WHERE data_model_id IN ({','.join('?' * len(ids))})"
        return {r["data_model_id"]: r for r in self.db.all(sql, list(ids))}

    def row(self, data_model_id: str, caller: str, need: str = "view") -> Doc:
        """The data model, or Sigma's 404 (403 when the caller's permission is too low)."""
        return self.documents.row(data_model_id, caller, need)

    def _tags(self, model_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        rows = self.db.all(
            "SELECT * FROM data_model_tags WHERE data_model_id IN "
            f"({','.join('?' * len(model_ids))}) ORDER BY seq",
            list(model_ids),
        )
        for t in rows:
            found.setdefault(t["data_model_id"], []).append(_render_tag(t))
        return found

    def _render(self, rows: Sequence[Doc], *, tags: bool = True) -> list[dict[str, Any]]:
        # the folders above it, as a workbook's path (not the model's own name)
        return self.documents.answers(
            rows,
            path=lambda r: self.files.render(r, "view")["path"].rpartition("/")[0],
            tags=self._tags if tags else None,
        )

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
        got = self.documents.page(
            caller, offset=offset, limit=limit, skip_permission_check=skip_permission_check
        )
        return Page(self._render(got.docs, tags=not exclude_tags), got.next_page, got.total)

    def element_rows(self, data_model_id: str) -> list[sqlite3.Row]:
        return self.db.all(
            "SELECT * FROM data_model_elements WHERE data_model_id = ? ORDER BY seq",
            (data_model_id,),
        )

    def element(self, element_id: str) -> sqlite3.Row | None:
        """A data model element by its id (None when there is none)."""
        return self.db.one("SELECT * FROM data_model_elements WHERE element_id = ?", (element_id,))

    def model_element(self, element_id: str | None) -> Doc | None:
        """An element of a live data model with the model's ``model_name`` and
        ``model_url_id``: the one ``element_id`` names, else the first feeding workbooks."""
        where = "feeds_workbooks = 1" if element_id is None else "element_id = ?"
        args = () if element_id is None else (element_id,)
        rows = self.db.all(f"SELECT * FROM data_model_elements WHERE {where} ORDER BY seq", args)
        models = self.files.rows([r["data_model_id"] for r in rows])
        for r in rows:
            model = models.get(r["data_model_id"])
            if model is not None and not model["is_archived"]:
                return {**dict(r), "model_name": model["name"], "model_url_id": model["url_id"]}
        return None

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

    # ----- what the spec store (:mod:`.data_model_specs`) writes, in its transaction -----

    @staticmethod
    def bump_version(conn: sqlite3.Connection, data_model_id: str) -> None:
        sql = "UPDATE data_models SET latest_version = latest_version + 1 WHERE data_model_id = ?"
        conn.execute(sql, (data_model_id,))

    @staticmethod
    def element_in(conn: sqlite3.Connection, element_id: str) -> sqlite3.Row | None:
        sql = "SELECT * FROM data_model_elements WHERE element_id = ?"
        return conn.execute(sql, (element_id,)).fetchone()  # type: ignore[no-any-return]

    @staticmethod
    def drop_elements(conn: sqlite3.Connection, element_ids: Sequence[str]) -> None:
        sql = "DELETE FROM data_model_elements WHERE element_id = ?"
        conn.executemany(sql, [(e,) for e in element_ids])

    @staticmethod
    def put_element(conn: sqlite3.Connection, *row: Any) -> None:
        """Lay down ``(element_id, data_model_id, name, sources, columns, feeds_workbooks)``."""
        conn.execute(
            "INSERT OR REPLACE INTO data_model_elements (element_id, data_model_id, name, "
            "sources, columns, feeds_workbooks) VALUES (?,?,?,?,?,?)",
            row,
        )

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
