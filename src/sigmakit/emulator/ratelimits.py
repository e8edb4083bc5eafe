"""Sigma's per-minute request limits (exports, downloads), counted on the emulator clock.

A route calls ``check(bucket, per_minute)`` before its work; past the limit it raises
``RateLimited``, which the error handler renders as Sigma's 429 with ``Retry-After``.
(Injected 429s, independent of any count, are in :mod:`.faults`.)"""

from __future__ import annotations

from .clock import Clock
from .db import Database
from .errors import RateLimited

__all__ = ["DOWNLOAD_PER_MINUTE", "EXPORT_PER_MINUTE", "SCHEMA", "RateLimits"]

#: Sigma's documented limits, per minute, for the whole organization
EXPORT_PER_MINUTE = 400
DOWNLOAD_PER_MINUTE = 400

SCHEMA = """
-- one row per rate-limited request, on the emulator clock
CREATE TABLE IF NOT EXISTS rate_hits (
    bucket TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_hits_bucket ON rate_hits(bucket, at);
"""


class RateLimits:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def hit(self, bucket: str, per_minute: int) -> float | None:
        """Count one request; past ``per_minute`` in the last 60 s, the seconds to wait."""
        now = self.clock.time()
        with self.db.tx() as conn:
            conn.execute("DELETE FROM rate_hits WHERE bucket = ? AND at <= ?", (bucket, now - 60))
            rows = conn.execute(
                "SELECT at FROM rate_hits WHERE bucket = ? ORDER BY at", (bucket,)
            ).fetchall()
            if len(rows) >= per_minute:
                oldest: float = rows[len(rows) - per_minute]["at"]
                return max(1.0, oldest + 60 - now)
            conn.execute("INSERT INTO rate_hits VALUES (?, ?)", (bucket, now))
        return None

    def check(self, bucket: str, per_minute: int) -> None:
        """Count one request in ``bucket``; raise Sigma's 429 once it had ``per_minute``."""
        wait = self.hit(bucket, per_minute)
        if wait is not None:
            raise RateLimited(f"Rate limit exceeded: {per_minute} requests per minute", wait)
