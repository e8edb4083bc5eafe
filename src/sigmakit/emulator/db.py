"""The SQLite database behind the emulator: one connection, one lock, schema from each store."""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .errors import BadRequest

__all__ = ["Database", "decode_cursor", "encode_cursor", "page_limit"]

DEFAULT_PAGE = 50
MAX_PAGE = 1000
#: The largest ``page`` offset taken: JavaScript's largest exact integer (2**53 - 1), as the
#: scripts that count offsets themselves are JavaScript; far past any list, inside SQLite's int64.
MAX_OFFSET = 2**53 - 1
_BAD_PAGE = "Invalid page: give the nextPage of the previous answer, or an offset from 0"


def _private_file(path: str) -> None:
    """Create the database file readable by its owner only (0600) before SQLite opens it: it
    holds live access and refresh tokens. SQLite gives its -wal and -shm files the same mode.
    A path that exists (an organization kept from an earlier run, or anything else) keeps
    its mode: only a file made here is chmod-ed."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
    finally:
        os.close(fd)


class Database:
    """A SQLite file (or ``:memory:``) shared by every request thread under one lock."""

    def __init__(self, path: str, schemas: Iterable[str]) -> None:
        self.path = path
        if path != ":memory:" and not path.startswith("file:"):
            _private_file(path)
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

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Several reads that see the same state (no write can come between them)."""
        with self._lock:
            yield

    def all(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn.execute(sql, args))

    def batches(
        self, sql: str, args: Sequence[Any] = (), size: int = 5000
    ) -> Iterator[list[tuple[Any, ...]]]:
        """A long read (a million-row export) as lists of up to ``size`` plain tuples.

        The lock is held only while a batch is fetched, so other requests go on between
        batches; the rows it reads (the retail warehouse) are not written once seeded."""
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None  # plain tuples: a third of the time of sqlite3.Row
            cursor.execute(sql, args)
        try:
            while True:
                with self._lock:
                    rows: list[tuple[Any, ...]] = cursor.fetchmany(size)
                if not rows:
                    return
                yield rows
        finally:
            with self._lock:
                cursor.close()

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


def encode_cursor(offset: int) -> str:
    """Sigma's ``nextPage``: the offset of the next page's first row, as a string (``"50"``)."""
    return str(offset)


def decode_cursor(page: str | None) -> int:
    """``page`` as an offset: what ``nextPage`` said, or a number a script counted itself
    (Sigma's own scripts start at ``page=0`` and add the limit). Anything but a whole number
    from 0 to :data:`MAX_OFFSET` is a 400, never a 5xx."""
    if page is None or page == "":
        return 0
    text = page.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_OFFSET)):
        raise BadRequest(_BAD_PAGE)
    offset = int(text)
    if offset > MAX_OFFSET:
        raise BadRequest(_BAD_PAGE)
    return offset


def page_limit(limit: float | None) -> int:
    """``limit`` as Sigma takes it: default 50, at most 1,000 (more is cut to 1,000)."""
    if limit is None:
        return DEFAULT_PAGE
    # inf and 1e400 (which parses as inf), NaN, zero, negative, fractions
    if not math.isfinite(limit) or limit < 1 or limit != int(limit):
        raise BadRequest("limit must be a whole number from 1 to 1000")
    return min(int(limit), MAX_PAGE)
