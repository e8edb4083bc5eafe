"""What a workbook's contents lay down: its pages and elements, in their order and with their
ids, and each element's columns (``workbook_element_columns``, in :mod:`.workbooks`'
schema). A part of :class:`.workbooks.WorkbookStore` (which owns those tables), kept apart
by responsibility: :mod:`.workbook_contents` writes through it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..clock import Clock
from ..db import Database
from .catalog import ELEMENT_KINDS

__all__ = ["LaidElement", "LaidPage", "WorkbookLayout"]


@dataclass(frozen=True)
class LaidElement:
    """An element as a workbook's contents lay it down: its kind (a key of
    ``ELEMENT_KINDS``) and its columns ``(columnId, label, formula, type)``."""

    element_id: str
    kind: str
    name: str
    columns: tuple[tuple[str, str, str, str], ...]


@dataclass(frozen=True)
class LaidPage:
    page_id: str
    name: str
    hidden: bool
    elements: tuple[LaidElement, ...]


class WorkbookLayout:
    """The workbook store's methods for laying contents down."""

    db: Database
    clock: Clock

    def layout_owner(self, table: str, item_id: str) -> str | None:
        """The workbook a page (``table`` "page") or an element ("element") belongs to."""
        sql = {
            "page": "SELECT workbook_id FROM workbook_pages WHERE page_id = ?",
            "element": "SELECT workbook_id FROM workbook_elements WHERE element_id = ?",
        }[table]
        row = self.db.one(sql, (item_id,))
        return None if row is None else str(row["workbook_id"])

    def replace_layout(
        self,
        conn: sqlite3.Connection,
        workbook_id: str,
        pages: Sequence[LaidPage],
        *,
        name: str,
        caller: str,
        bump: bool,
    ) -> None:
        """Lay the workbook's pages and elements down again as ``pages`` say, in their
        order and with their ids (what refers to an element that stays keeps working); an
        input table that stays an input table of the same kind keeps its rows."""
        old = {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT element_id, kind FROM workbook_elements WHERE workbook_id = ?",
                (workbook_id,),
            )
        }
        new = {e.element_id: e for p in pages for e in p.elements}
        for element_id, kind in old.items():
            if element_id not in new or new[element_id].kind != kind:
                conn.execute("DELETE FROM input_table_rows WHERE element_id = ?", (element_id,))
        conn.execute("DELETE FROM workbook_element_columns WHERE workbook_id = ?", (workbook_id,))
        conn.execute("DELETE FROM workbook_elements WHERE workbook_id = ?", (workbook_id,))
        conn.execute("DELETE FROM workbook_pages WHERE workbook_id = ?", (workbook_id,))
        for page in pages:
            conn.execute(
                "INSERT INTO workbook_pages (page_id, workbook_id, name, hidden) VALUES (?,?,?,?)",
                (page.page_id, workbook_id, page.name, int(page.hidden)),
            )
            for e in page.elements:
                kind = ELEMENT_KINDS[e.kind]
                conn.execute(
                    "INSERT INTO workbook_elements (element_id, workbook_id, page_id, kind, name, "
                    "type, viz_type, control_id) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        e.element_id,
                        workbook_id,
                        page.page_id,
                        kind.key,
                        e.name,
                        kind.type,
                        kind.viz,
                        kind.control_id,
                    ),
                )
                conn.execute(
                    "INSERT INTO workbook_element_columns VALUES (?, ?, ?)",
                    (e.element_id, workbook_id, json.dumps([list(c) for c in e.columns])),
                )
                if old.get(e.element_id) != e.kind:
                    conn.executemany(
                        "INSERT INTO input_table_rows VALUES (?,?,?)",
                        [(e.element_id, n, json.dumps(r)) for n, r in enumerate(kind.rows)],
                    )
        if bump:
            conn.execute(
                "UPDATE workbooks SET latest_version = latest_version + 1 WHERE workbook_id = ?",
                (workbook_id,),
            )
        conn.execute(
            "UPDATE inodes SET name = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            (name, self.clock.iso(), caller, workbook_id),
        )
