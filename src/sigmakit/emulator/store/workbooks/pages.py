"""A workbook's pages and elements (whose kinds are defined in :mod:`.catalog`): the tables
behind them and the queries over them (the rows an element holds are :mod:`.rows`'s). :class:`WorkbookPages`
is the part of :class:`.workbooks.WorkbookStore` that reads and lays them down."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...db import Database
from ...errors import NotFound
from ...ids import IdFactory
from ..catalog import CONTROLS, ELEMENT_KINDS, column_id
from ..paging import Page, RowPage, offset_page, slice_page
from .rows import ElementRows

__all__ = ["SCHEMA", "PageSpec", "WorkbookPages"]

SCHEMA = """
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
-- an element's columns as its workbook's contents last set them (else its kind's):
-- [[columnId, label, formula, type], ...]
CREATE TABLE IF NOT EXISTS workbook_element_columns (
    element_id TEXT PRIMARY KEY,
    workbook_id TEXT NOT NULL,
    columns TEXT NOT NULL
);
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


class WorkbookPages(ElementRows):
    """Pages, elements, columns, controls and element rows; the workbook store's ``row``
    checks the caller may see the workbook."""

    db: Database
    ids: IdFactory

    def row(self, workbook_id: str, caller: str, need: str = "view") -> dict[str, Any]:
        raise NotImplementedError

    def _lay_down(
        self, conn: sqlite3.Connection, workbook_id: str, pages: Iterable[PageSpec]
    ) -> None:
        """A new workbook's pages, elements and input-table rows (in the caller's transaction)."""
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
        self.write_layout(conn, page_rows, element_rows, [], input_rows)

    @staticmethod
    def write_layout(
        conn: sqlite3.Connection,
        pages: Sequence[tuple[Any, ...]],
        elements: Sequence[tuple[Any, ...]],
        columns: Sequence[tuple[Any, ...]],
        input_rows: Sequence[tuple[Any, ...]],
    ) -> None:
        """Add pages ``(page_id, workbook_id, name, hidden)``, elements ``(element_id,
        workbook_id, page_id, kind, name, type, viz_type, control_id)``, their columns
        ``(element_id, workbook_id, columns json)`` and input-table rows ``(element_id,
        position, cells json)`` (inside the caller's transaction)."""
        conn.executemany(
            "INSERT INTO workbook_pages (page_id, workbook_id, name, hidden) VALUES (?,?,?,?)",
            pages,
        )
        conn.executemany(
            "INSERT INTO workbook_elements (element_id, workbook_id, page_id, kind, name, type, "
            "viz_type, control_id) VALUES (?,?,?,?,?,?,?,?)",
            elements,
        )
        conn.executemany("INSERT INTO workbook_element_columns VALUES (?, ?, ?)", columns)
        conn.executemany("INSERT INTO input_table_rows VALUES (?,?,?)", input_rows)

    @staticmethod
    def clear_layout(
        conn: sqlite3.Connection, workbook_id: str, kinds: Mapping[str, str]
    ) -> dict[str, str]:
        """Remove the workbook's pages, elements and their columns (inside the caller's
        transaction), and the rows of each input table not kept as the same kind in
        ``kinds`` (element id -> kind); element id -> kind of what there was."""
        was: dict[str, str] = {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT element_id, kind FROM workbook_elements WHERE workbook_id = ?",
                (workbook_id,),
            )
        }
        gone = [(e,) for e, kind in was.items() if kinds.get(e) != kind]
        conn.executemany("DELETE FROM input_table_rows WHERE element_id = ?", gone)
        conn.execute("DELETE FROM workbook_element_columns WHERE workbook_id = ?", (workbook_id,))
        conn.execute("DELETE FROM workbook_elements WHERE workbook_id = ?", (workbook_id,))
        conn.execute("DELETE FROM workbook_pages WHERE workbook_id = ?", (workbook_id,))
        return was

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
            for p in self.page_rows(workbook_id)
        ]

    def page_rows(self, workbook_id: str) -> list[sqlite3.Row]:
        """The workbook's pages, in their order."""
        sql = "SELECT * FROM workbook_pages WHERE workbook_id = ? ORDER BY seq"
        return self.db.all(sql, (workbook_id,))

    def layout_owner(self, table: str, item_id: str) -> str | None:
        """The workbook a page (``table`` "page") or an element ("element") belongs to."""
        sql = {
            "page": "SELECT workbook_id FROM workbook_pages WHERE page_id = ?",
            "element": "SELECT workbook_id FROM workbook_elements WHERE element_id = ?",
        }[table]
        return self.db.scalar(sql, (item_id,))  # type: ignore[no-any-return]

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

    def element_columns(self, element: sqlite3.Row) -> list[tuple[str, str, str, str]]:
        """``(columnId, label, formula, type)`` of each of the element's columns: those its
        workbook's contents set, else its kind's."""
        stored = self.db.one(
            "SELECT columns FROM workbook_element_columns WHERE element_id = ?",
            (element["element_id"],),
        )
        if stored is not None:
            return [tuple(c) for c in json.loads(stored["columns"])]
        kind = ELEMENT_KINDS[element["kind"]]
        return [(column_id(c.label), c.label, c.formula, c.value_type) for c in kind.columns]

    def workbook_columns(
        self, workbook_id: str, elements: Sequence[sqlite3.Row]
    ) -> dict[str, list[tuple[str, str, str, str]]]:
        """:meth:`element_columns` of each of the workbook's ``elements``, read at once."""
        stored = {
            r["element_id"]: [tuple(c) for c in json.loads(r["columns"])]
            for r in self.db.all(
                "SELECT element_id, columns FROM workbook_element_columns WHERE workbook_id = ?",
                (workbook_id,),
            )
        }
        out: dict[str, list[tuple[str, str, str, str]]] = {}
        for e in elements:
            if e["element_id"] in stored:
                out[e["element_id"]] = stored[e["element_id"]]
            else:
                kind = ELEMENT_KINDS[e["kind"]]
                out[e["element_id"]] = [
                    (column_id(c.label), c.label, c.formula, c.value_type) for c in kind.columns
                ]
        return out

    def _render_element(self, row: sqlite3.Row) -> dict[str, Any]:
        entry = self.render_element(row)
        entry["columns"] = [label for _, label, _, _ in self.element_columns(row)]
        return entry

    def elements(
        self, workbook_id: str, page_id: str, caller: str, *, offset: int, limit: int
    ) -> Page:
        self.row(workbook_id, caller)
        self.page_row(workbook_id, page_id)
        got = self._child_page(
            "SELECT * FROM workbook_elements WHERE page_id = ?", (page_id,), offset, limit
        )
        return got.render(self._render_element)

    def all_elements(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Every element of the workbook, page after page (a workbook's elements are laid
        down in page order, so their ``seq`` is that order)."""
        self.row(workbook_id, caller)
        got = self._child_page(
            "SELECT * FROM workbook_elements WHERE workbook_id = ?", (workbook_id,), offset, limit
        )
        return got.render(self._render_element)

    def element_row(self, workbook_id: str, element_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM workbook_elements WHERE workbook_id = ? AND element_id = ?",
            (workbook_id, element_id),
        )
        if row is None:
            raise NotFound.of("Element", element_id)
        return row

    def page_ids(self, workbook_id: str) -> set[str]:
        return {
            r[0]
            for r in self.db.all(
                "SELECT page_id FROM workbook_pages WHERE workbook_id = ?", (workbook_id,)
            )
        }

    @staticmethod
    def element_by_id(conn: sqlite3.Connection, element_id: str) -> sqlite3.Row:
        """An element's row, whatever its workbook (inside the caller's transaction)."""
        return conn.execute(  # type: ignore[no-any-return]
            "SELECT * FROM workbook_elements WHERE element_id = ?", (element_id,)
        ).fetchone()

    def element_name(self, element_id: str) -> str | None:
        """An element's name, whatever its workbook (None if there is no such element)."""
        return self.db.scalar(  # type: ignore[no-any-return]
            "SELECT name FROM workbook_elements WHERE element_id = ?", (element_id,)
        )

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
        element = self.element_row(workbook_id, element_id)
        cols = [
            {"columnId": cid, "label": label, "formula": formula, "type": {"type": kind}}
            for cid, label, formula, kind in self.element_columns(element)
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

    # used by the seeds and the console

    def elements_by_document(self, types: Sequence[str]) -> dict[str, list[sqlite3.Row]]:
        """Every workbook's (and report's) elements of those types, in page order, by
        document id: one read for all of them."""
        rows = self.db.all(
            "SELECT e.* FROM workbook_elements e JOIN workbook_pages p ON p.page_id = e.page_id "
            f"WHERE e.type IN ({', '.join('?' * len(types))}) ORDER BY p.seq, e.seq",
            types,
        )
        found: dict[str, list[sqlite3.Row]] = {}
        for row in rows:
            found.setdefault(row["workbook_id"], []).append(row)
        return found
