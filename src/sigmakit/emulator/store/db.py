"""The SQLite database behind the emulator: one connection, one lock, schema from each store."""

from __future__ import annotations

import base64
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import ApiError

__all__ = ["Database", "decode_cursor", "encode_cursor", "page_limit"]

DEFAULT_PAGE = 50
MAX_PAGE = 1000


class Database:
    """A SQLite file (or ``:memory:``) shared by every request thread under one lock."""

    def __init__(self, path: str, schemas: Iterable[str]) -> None:
        self.path = path
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            for schema in schemas:
                self._conn.executescript(schema)

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it happens, or none of it."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def all(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn.execute(sql, args))

    def one(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, args).fetchone()
            return row

    def scalar(self, sql: str, args: Sequence[Any] = ()) -> Any:
        row = self.one(sql, args)
        return None if row is None else row[0]

    def wipe(self) -> None:
        """Delete every row of every table (for a re-seed)."""
        with self.tx() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in tables:
                conn.execute(f'DELETE FROM "{table}"')

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def encode_cursor(after: int) -> str:
    """An opaque page cursor: the last row seen, base64-wrapped."""
    raw = json.dumps({"after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(page: str | None) -> int:
    if page is None or page == "":
        return 0
    try:
        padded = page + "=" * (-len(page) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        after = int(data["after"])
    except (ValueError, KeyError, TypeError):
        raise ApiError(400, "Invalid page token") from None
    if after < 0:
        raise ApiError(400, "Invalid page token")
    return after


def page_limit(limit: float | None) -> int:
    """``limit`` as Sigma takes it: default 50, at most 1,000."""
    if limit is None:
        return DEFAULT_PAGE
    if limit != limit or limit < 1 or limit != int(limit):  # NaN, zero, negative, fraction
        raise ApiError(400, "limit must be a whole number from 1 to 1000")
    return min(int(limit), MAX_PAGE)
