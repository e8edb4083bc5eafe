"""The organization and its API credentials (account types: :mod:`.account_types`)."""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
from dataclasses import dataclass

from ..db import Database
from ..errors import ApiError

#: where the organization's documents open (workbook, embed and lookup URLs start here)
APP_URL = "https://app.sigmacomputing.com"

SCHEMA = """
CREATE TABLE IF NOT EXISTS org (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS credentials (
    client_id TEXT PRIMARY KEY,
    secret_sha256 TEXT NOT NULL,
    member_id TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    slug: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class OrgStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._org: Org | None = None

    def get(self) -> Org:
        """The organization (read once: it never changes until the next seed, which makes
        a new store)."""
        if self._org is None:
            row = self.db.one("SELECT id, name, slug FROM org LIMIT 1")
            if row is None:
                raise ApiError(500, "The organization is not seeded")
            self._org = Org(row["id"], row["name"], row["slug"])
        return self._org

    def seeded(self) -> bool:
        """Whether the database holds an organization (an existing file kept from a run)."""
        return self.db.one("SELECT 1 FROM org LIMIT 1") is not None

    def add_credentials(self, client_id: str, secret: str, member_id: str) -> None:
        with self.db.tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO credentials VALUES (?, ?, ?)",
                (client_id, _hash(secret), member_id),
            )

    @staticmethod
    def remove_credentials(conn: sqlite3.Connection, client_id: str) -> bool:
        """The pair stops signing in (inside the caller's transaction); whether it was there."""
        gone = conn.execute("DELETE FROM credentials WHERE client_id = ?", (client_id,)).rowcount
        return bool(gone)

    def check_credentials(self, client_id: str, secret: str) -> str | None:
        """The member who owns the pair, or None."""
        row = self.db.one(
            "SELECT secret_sha256, member_id FROM credentials WHERE client_id = ?", (client_id,)
        )
        if row is None or not hmac.compare_digest(row["secret_sha256"], _hash(secret)):
            return None
        return str(row["member_id"])

    def client_owner(self, client_id: str) -> str | None:
        """The member who owns the client id, or None (the secret is not checked)."""
        return self.db.scalar(  # type: ignore[no-any-return]
            "SELECT member_id FROM credentials WHERE client_id = ?", (client_id,)
        )

    # used by the seeds

    @staticmethod
    def insert(conn: sqlite3.Connection, org_id: str, name: str, slug: str) -> None:
        """Lay the organization's row down (inside the seed's transaction)."""
        conn.execute("INSERT INTO org VALUES (?, ?, ?)", (org_id, name, slug))
