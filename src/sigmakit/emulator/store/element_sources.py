"""Changing what a document's data elements read (``workbook_element_sources``, the lineage
store's table): a copy reads what its original does; a swap moves every element reading one
source to another (``POST /v2/reports/{id}/swapSources``). Part of
:class:`.lineage.LineageStore`, kept apart from its reads."""

from __future__ import annotations

import sqlite3

from ..db import Database
from ..errors import BadRequest
from .workbooks import WorkbookStore

__all__ = ["SourceChanges"]


class SourceChanges:
    """The lineage store's changes to what elements read (mixed into it)."""

    db: Database
    workbooks: WorkbookStore
    _MODEL_ELEMENT: str

    def source_exists(self, kind: str, ref: str) -> bool:
        """Whether ``ref`` names a live source of ``kind``: a data model element, a dataset,
        a connection's table, or (custom SQL) a connection."""
        sql = {
            "data-model": f"{self._MODEL_ELEMENT} WHERE e.element_id = ? AND i.is_archived = 0",
            "dataset": "SELECT 1 FROM datasets d JOIN inodes i ON i.id = d.dataset_id "
            "WHERE d.dataset_id = ? AND i.is_archived = 0",
            "table": "SELECT 1 FROM connection_tables WHERE id = ?",
            "custom-sql": "SELECT 1 FROM connections WHERE connection_id = ?",
        }.get(kind)
        return sql is not None and self.db.one(sql, (ref,)) is not None

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

    def stored_sources(self, workbook_id: str) -> dict[str, tuple[str, str]]:
        """What each element reads, as swapped: element id -> (kind, ref)."""
        rows = self.db.all(
            "SELECT * FROM workbook_element_sources WHERE workbook_id = ?", (workbook_id,)
        )
        return {r["element_id"]: (r["kind"], r["ref"]) for r in rows}

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
