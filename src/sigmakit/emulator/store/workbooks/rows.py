"""The rows a workbook element holds: an input table's own, or a query over the retail data
with the controls' filters. :class:`ElementRows` is a part of
:class:`.store.WorkbookStore` (a base of :class:`.pages.WorkbookPages`); the
``input_table_rows`` table is created with the pages' (:mod:`.pages`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from ...db import Database
from ...errors import BadRequest
from ..catalog import DATA_TYPES, ELEMENT_KINDS, ElementKind, query
from ..parameters import Predicate

__all__ = ["ElementRows"]


class ElementRows:
    """An element's rows, read whole, in batches, or counted."""

    db: Database
    #: row counts of element queries over the retail data (see :meth:`count`)
    _counts: dict[tuple[str, str], int]

    def data(
        self,
        element: sqlite3.Row,
        filters: Sequence[Predicate],
        *,
        row_limit: int | None = None,
        offset: int = 0,
    ) -> tuple[ElementKind, list[tuple[Any, ...]]]:
        """The element's rows, with the controls' ``filters`` applied (not to input tables)."""
        kind, batches = self.data_batches(element, filters, row_limit=row_limit, offset=offset)
        return kind, [row for batch in batches for row in batch]

    def data_batches(
        self,
        element: sqlite3.Row,
        filters: Sequence[Predicate],
        *,
        row_limit: int | None = None,
        offset: int = 0,
    ) -> tuple[ElementKind, Iterator[list[tuple[Any, ...]]]]:
        """:meth:`data` read as it is used, a batch of rows at a time (an export streams a
        million rows in flat memory). Input tables, small and editable, are read at once."""
        kind = ELEMENT_KINDS[element["kind"]]
        if kind.type not in DATA_TYPES:
            raise BadRequest(f"Element {element['element_id']} ({kind.type}) holds no data")
        limit = -1 if row_limit is None else row_limit
        if kind.type == "input-table":
            rows = self.db.all(
                "SELECT cells FROM input_table_rows WHERE element_id = ? ORDER BY position "
                "LIMIT ? OFFSET ?",
                (element["element_id"], limit, offset),
            )
            return kind, iter([[tuple(json.loads(r["cells"])) for r in rows]])
        sql, args = query(kind, filters)
        return kind, self.db.batches(f"{sql} LIMIT ? OFFSET ?", (*args, limit, offset))

    def count(
        self,
        element: sqlite3.Row,
        filters: Sequence[Predicate],
        *,
        row_limit: int | None = None,
        offset: int = 0,
    ) -> int:
        """How many rows :meth:`data` would give, without reading or sorting them."""
        kind = ELEMENT_KINDS[element["kind"]]
        if kind.type == "input-table":
            sql = "SELECT count(*) FROM input_table_rows WHERE element_id = ?"
            total = int(self.db.scalar(sql, (element["element_id"],)))
        else:
            sql, args = query(replace(kind, order_by=""), filters)
            # the retail data never changes once seeded (a re-seed makes a new store), so
            # a count is worked out once per query: exports are started in bursts
            key = (sql, json.dumps(args, default=str))
            if key not in self._counts:
                self._counts[key] = int(self.db.scalar(f"SELECT count(*) FROM ({sql})", args))
            total = self._counts[key]
        left = max(0, total - offset)
        return left if row_limit is None else min(left, row_limit)
