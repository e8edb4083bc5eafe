"""One page of a list, cut by offset as Sigma cuts it.

Sigma's ``nextPage`` is a stringified offset (``"50"``) and its own scripts count offsets
themselves (``page=0``, then add the limit), so a page is ``LIMIT`` rows at ``OFFSET`` in a
fixed order. The order is each list's creation order (``seq``, which only grows), so rows
created while a client walks a list land after every page it has seen: nothing is repeated
and nothing is skipped because of them. A row deleted (or archived, where the list leaves
archived rows out) before the client's offset moves every later row one place up, so the
client skips one row: the same thing offsets do over Sigma's own lists, and the honest
consequence of offsets. ``total`` counts the rows that match when the page is read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ..db import Database, encode_cursor

__all__ = ["Page", "RowPage", "offset_page", "select_page", "slice_page"]


class Page(NamedTuple):
    """One page of a list: its entries, ``nextPage`` (None on the last page), ``total``."""

    entries: list[dict[str, Any]]
    next_page: str | None
    total: int


class RowPage(NamedTuple):
    rows: list[sqlite3.Row]
    next_page: str | None
    total: int

    def render(self, render: Callable[[sqlite3.Row], dict[str, Any]]) -> Page:
        return Page([render(r) for r in self.rows], self.next_page, self.total)


def _next(offset: int, limit: int, total: int) -> str | None:
    return encode_cursor(offset + limit) if offset + limit < total else None


def offset_page(db: Database, sql: str, args: Sequence[Any], *, offset: int, limit: int) -> RowPage:
    """``limit`` rows of ``sql`` (a SELECT that ends in its ORDER BY) from ``offset``, with
    the count of all its rows; both read under one lock, so they agree."""
    with db.locked():
        rows = db.all(f"{sql} LIMIT ? OFFSET ?", (*args, limit, offset))
        total = int(db.scalar(f"SELECT count(*) FROM ({sql})", args))
    return RowPage(rows, _next(offset, limit, total), total)


def select_page(
    db: Database,
    table: str,
    where: Sequence[str],
    args: Sequence[Any],
    *,
    offset: int,
    limit: int,
) -> RowPage:
    """One page of ``table``'s rows that meet every ``where`` condition, in ``seq`` order."""
    conditions = " AND ".join(where) or "1"
    return offset_page(
        db,
        f"SELECT * FROM {table} WHERE {conditions} ORDER BY seq",
        args,
        offset=offset,
        limit=limit,
    )


def slice_page(items: Sequence[dict[str, Any]], *, offset: int, limit: int) -> Page:
    """One page of a list held in memory."""
    total = len(items)
    return Page(list(items[offset : offset + limit]), _next(offset, limit, total), total)
