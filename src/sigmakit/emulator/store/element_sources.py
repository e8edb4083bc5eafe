"""What a document's data elements read (``workbook_element_sources``, kept here) and the
changes to it: a copy reads what its original does; a swap moves every element reading one
source to another (``POST /v2/reports/{id}/swapSources``). Part of
:class:`.lineage.LineageStore`, kept apart from its reads (which ask it for these rows)."""

from __future__ import annotations

import sqlite3

from ..db import Database
from ..errors import BadRequest, NotFound
from .connections import ConnectionStore
from .data_models import DataModelStore
from .datasets import DatasetStore
from .workbooks import WorkbookStore

__all__ = ["SCHEMA", "SourceChanges"]

SCHEMA = """
-- what a workbook's data element reads: kind data-model (ref: the data model element),
-- dataset (ref: the dataset), table (ref: the main table; it joins the other retail
-- tables) or custom-sql (ref: the connection); an element with no row reads the data
-- model element that feeds workbooks
CREATE TABLE IF NOT EXISTS workbook_element_sources (
    element_id TEXT PRIMARY KEY,
    workbook_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workbook_element_sources_wb ON workbook_element_sources(workbook_id);
"""


class SourceChanges:
    """The lineage store's changes to what elements read (mixed into it)."""

    db: Database
    workbooks: WorkbookStore
    data_models: DataModelStore
    datasets: DatasetStore
    connections: ConnectionStore

    def source_exists(self, kind: str, ref: str) -> bool:
        """Whether ``ref`` names a live source of ``kind``: a data model element, a dataset,
        a connection's table, or (custom SQL) a connection."""
        if kind == "data-model":
            return self.data_models.model_element(ref) is not None
        if kind == "dataset":
            return self.datasets.documents.find(ref, live=True) is not None
        if kind == "table":
            return bool(self.connections.tables([ref]))
        if kind == "custom-sql":
            try:
                self.connections.row(ref)
            except NotFound:
                return False
            return True
        return False

    def stored_source(self, element_id: str) -> sqlite3.Row | None:
        """What one element reads, as swapped (None: the default)."""
        sql = "SELECT * FROM workbook_element_sources WHERE element_id = ?"
        return self.db.one(sql, (element_id,))

    def documents_reading(self, kind: str, ref: str) -> int:
        """How many live documents have an element reading the source."""
        rows = self.db.all(
            "SELECT DISTINCT workbook_id FROM workbook_element_sources WHERE kind = ? AND ref = ?",
            (kind, ref),
        )
        live = self.workbooks.files.rows([r[0] for r in rows])
        return sum(1 for r in live.values() if not r["is_archived"])

    def copy_sources(self, source_id: str, copy_id: str) -> None:
        """A copy's data elements read what the original's do (both laid down in one order)."""
        old = self.workbooks.element_rows(source_id)
        new = self.workbooks.element_rows(copy_id)
        with self.db.tx() as conn:
            for was, now in zip(old, new, strict=True):
                conn.execute(
                    "INSERT OR REPLACE INTO workbook_element_sources "
                    "SELECT ?, ?, kind, ref FROM workbook_element_sources WHERE element_id = ?",
                    (now["element_id"], copy_id, was["element_id"]),
                )

    def swap_sources(
        self, document_id: str, pairs: list[tuple[tuple[str, str], tuple[str, str]]]
    ) -> None:
        """Each ``((kind, ref), (kind, ref))``: the document's elements reading the first
        (custom SQL: the element whose ``customSqlId`` is the ref) read the second. All or
        nothing: a first the document does not read is a 400."""
        with self.db.tx() as conn:
            for (kind, ref), (to_kind, to_ref) in pairs:
                column = "element_id" if kind == "custom-sql" else "ref"
                done = conn.execute(
                    "UPDATE workbook_element_sources SET kind = ?, ref = ? "
                    f"WHERE workbook_id = ? AND kind = ? AND {column} = ?",
                    (to_kind, to_ref, document_id, kind, ref),
                ).rowcount
                if not done:
                    raise BadRequest(f"No element of {document_id} reads the {kind} {ref}")

    @staticmethod
    def replace_sources(
        conn: sqlite3.Connection, workbook_id: str, sources: dict[str, tuple[str, str]]
    ) -> None:
        """What each element of the workbook reads from now on, ``element id -> (kind,
        ref)`` (a kind of :data:`SOURCE_KINDS`); an element left out reads the default."""
        conn.execute("DELETE FROM workbook_element_sources WHERE workbook_id = ?", (workbook_id,))
        conn.executemany(
            "INSERT INTO workbook_element_sources VALUES (?, ?, ?, ?)",
            [(e, workbook_id, kind, ref) for e, (kind, ref) in sources.items()],
        )

    def stored_rows(self, workbook_id: str) -> dict[str, sqlite3.Row]:
        """What each element of the document reads, as swapped: element id -> its row."""
        sql = "SELECT * FROM workbook_element_sources WHERE workbook_id = ?"
        return {r["element_id"]: r for r in self.db.all(sql, (workbook_id,))}

    def stored_sources(self, workbook_id: str) -> dict[str, tuple[str, str]]:
        """What each element reads, as swapped: element id -> (kind, ref)."""
        return {e: (r["kind"], r["ref"]) for e, r in self.stored_rows(workbook_id).items()}

    def set_sources(self, workbook_id: str, swapped: dict[str, tuple[str, str]]) -> None:
        """Point elements at new sources (element id -> (kind, ref)), all at once."""
        with self.db.tx() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO workbook_element_sources VALUES (?, ?, ?, ?)",
                [(e, workbook_id, kind, ref) for e, (kind, ref) in swapped.items()],
            )

    def repoint(self, was: tuple[str, str], now: tuple[str, str]) -> int:
        """Every element (of any document) reading ``was`` (kind, ref) reads ``now``; how
        many (a dataset migrated with ``shouldUpdateReferences``)."""
        with self.db.tx() as conn:
            return conn.execute(
                "UPDATE workbook_element_sources SET kind = ?, ref = ? WHERE kind = ? AND ref = ?",
                (*now, *was),
            ).rowcount
