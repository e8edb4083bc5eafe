"""Cutting a page out of ``limit + 1`` rows read in keyset order."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .db import Database, encode_cursor

__all__ = ["Page", "keyset_page", "select_page"]

#: One page of a list: its entries and the ``nextPage`` cursor (None on the last page).
Page = tuple[list[dict[str, Any]], str | None]


def keyset_page(
    rows: Sequence[sqlite3.Row], limit: int, key: str = "seq"
) -> tuple[list[sqlite3.Row], str | None]:
    """The first ``limit`` rows, and the cursor past them when a further row was read."""
    if len(rows) > limit:
        return list(rows[:limit]), encode_cursor(rows[limit - 1][key])
    return list(rows), None


def select_page(
    db: Database,
    table: str,
    where: Sequence[str],
    args: Sequence[Any],
    *,
    after: int,
    limit: int,
) -> tuple[list[sqlite3.Row], str | None]:
    """One page of ``table``'s rows that meet every ``where`` condition, past row ``after``,
    in ``seq`` order, and the cursor to the next page."""
    conditions = " AND ".join([*where, "seq > ?"])
    rows = db.all(
        f"SELECT * FROM {table} WHERE {conditions} ORDER BY seq LIMIT ?",
        (*args, after, limit + 1),
    )
    return keyset_page(rows, limit)
