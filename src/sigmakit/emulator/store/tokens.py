"""Access and refresh tokens. Refresh tokens rotate: each one works once."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..clock import Clock
from ..db import Database
from ..ids import IdFactory

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    access_token TEXT PRIMARY KEY,
    refresh_token TEXT UNIQUE NOT NULL,
    client_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    expires_at REAL NOT NULL,
    refresh_expires_at REAL NOT NULL,
    refresh_used INTEGER NOT NULL DEFAULT 0
);
"""

REFRESH_LIFETIME = 30 * 24 * 3600


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    refresh_token: str
    expires_in: int


class TokenStore:
    def __init__(self, db: Database, ids: IdFactory, clock: Clock) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock

    def issue(self, client_id: str, member_id: str, lifetime: int) -> IssuedToken:
        now = self.clock.time()
        token = IssuedToken(self.ids.secret(), self.ids.secret(), lifetime)
        with self.db.tx() as c:
            c.execute("DELETE FROM tokens WHERE refresh_expires_at < ?", (now,))
            c.execute(
                "INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?, 0)",
                (
                    token.access_token,
                    token.refresh_token,
                    client_id,
                    member_id,
                    now + lifetime,
                    now + REFRESH_LIFETIME,
                ),
            )
        return token

    def redeem_refresh(self, refresh_token: str, client_id: str | None) -> tuple[str, str] | None:
        """(client id, member id) for a good refresh token, spending it; None otherwise."""
        now = self.clock.time()
        with self.db.tx() as c:
            row = c.execute(
                "SELECT client_id, member_id, refresh_expires_at, refresh_used FROM tokens "
                "WHERE refresh_token = ?",
                (refresh_token,),
            ).fetchone()
            if row is None or row["refresh_used"] or row["refresh_expires_at"] < now:
                return None
            if client_id is not None and client_id != row["client_id"]:
                return None
            c.execute(
                "UPDATE tokens SET refresh_used = 1 WHERE refresh_token = ?", (refresh_token,)
            )
            return str(row["client_id"]), str(row["member_id"])

    @staticmethod
    def revoke_client(conn: sqlite3.Connection, client_id: str) -> None:
        """Every token the client got stops working (inside the caller's transaction)."""
        conn.execute("DELETE FROM tokens WHERE client_id = ?", (client_id,))

    def member_for(self, access_token: str) -> str | None:
        """The member an unexpired access token stands for."""
        row = self.db.one(
            "SELECT member_id, expires_at FROM tokens WHERE access_token = ?", (access_token,)
        )
        if row is None or row["expires_at"] <= self.clock.time():
            return None
        return str(row["member_id"])
