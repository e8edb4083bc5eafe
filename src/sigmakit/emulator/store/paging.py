"""Cutting a page out of ``limit + 1`` rows read in keyset order."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .db import encode_cursor

__all__ = ["Page", "keyset_page"]

#: One page of a list: its entries and the ``nextPage`` cursor (None on the last page).
Page = tuple[list[dict[str, Any]], str | None]


def keyset_page(
    rows: Sequence[sqlite3.Row], limit: int, key: str = "seq"
) -> tuple[list[sqlite3.Row], str | None]:
    """The first ``limit`` rows, and the cursor past them when a further row was read."""
    if len(rows) > limit:
        return list(rows[:limit]), encode_cursor(rows[limit - 1][key])
    return list(rows), None
