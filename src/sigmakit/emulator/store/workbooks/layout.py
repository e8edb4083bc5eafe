"""What a workbook's contents lay down: its pages and elements, in their order and with their
ids, and each element's columns. A part of :class:`.workbooks.WorkbookStore`, kept apart by
responsibility: :mod:`.workbook_contents` writes through it, and it writes through the
pages' part (:mod:`.workbook_pages`, which owns their tables) and the files' store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ...clock import Clock
from ..catalog import ELEMENT_KINDS
from ..files import FileStore
from .pages import WorkbookPages

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


class WorkbookLayout(WorkbookPages):
    """The workbook store's methods for laying contents down (through the pages' part,
    :class:`.workbook_pages.WorkbookPages`, which owns their tables)."""

    clock: Clock
    files: FileStore

    @staticmethod
    def bump_version(conn: sqlite3.Connection, workbook_id: str) -> None:
        raise NotImplementedError

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
        new = {e.element_id: e.kind for p in pages for e in p.elements}
        old = self.clear_layout(conn, workbook_id, new)
        page_rows, element_rows, column_rows, input_rows = [], [], [], []
        for page in pages:
            page_rows.append((page.page_id, workbook_id, page.name, int(page.hidden)))
            for e in page.elements:
                kind = ELEMENT_KINDS[e.kind]
                element_rows.append(
                    (
                        e.element_id,
                        workbook_id,
                        page.page_id,
                        kind.key,
                        e.name,
                        kind.type,
                        kind.viz,
                        kind.control_id,
                    )
                )
                column_rows.append(
                    (e.element_id, workbook_id, json.dumps([list(c) for c in e.columns]))
                )
                if old.get(e.element_id) != e.kind:
                    input_rows += [
                        (e.element_id, n, json.dumps(r)) for n, r in enumerate(kind.rows)
                    ]
        self.write_layout(conn, page_rows, element_rows, column_rows, input_rows)
        if bump:
            self.bump_version(conn, workbook_id)
        self.files.change(
            conn, [workbook_id], name=name, updated_at=self.clock.iso(), updated_by=caller
        )
