"""A member's favorite documents (``/v2/favorites``): files they marked, listed while they can
still reach them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from ..clock import Clock
from ..db import Database
from ..errors import Forbidden, NotFound
from .files import FileStore
from .members import MemberStore
from .paging import Page, offset_page
from .permissions import PermissionStore, permission_of

__all__ = ["SCHEMA", "FavoriteStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS favorites (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id TEXT NOT NULL,
    inode_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (member_id, inode_id)
);
"""


class FavoriteStore:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        members: MemberStore,
        files: FileStore,
        permissions: PermissionStore,
    ) -> None:
        self.db = db
        self.clock = clock
        self.members = members
        self.files = files
        self.permissions = permissions

    def _for(self, member_id: str, caller: str) -> None:
        """The member exists, and the caller is that member or an admin."""
        self.members.row(member_id)
        if caller != member_id and not self.permissions.is_admin(caller):
            raise Forbidden("Only an admin can change another member's favorites")

    def add(self, member_id: str, inode_id: str, caller: str) -> None:
        """Favorite a file the member can see (again: no change)."""
        self._for(member_id, caller)
        self.files.access(member_id, inode_id)
        with self.db.tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO favorites (member_id, inode_id, created_at) "
                "VALUES (?, ?, ?)",
                (member_id, inode_id, self.clock.iso()),
            )

    def remove(self, member_id: str, inode_id: str, caller: str) -> None:
        self._for(member_id, caller)
        with self.db.tx() as conn:
            gone = conn.execute(
                "DELETE FROM favorites WHERE member_id = ? AND inode_id = ?",
                (member_id, inode_id),
            ).rowcount
        if not gone:
            raise NotFound.of("Favorite", inode_id)

    def list(self, member_id: str, *, offset: int, limit: int) -> Page:
        """The member's favorites they can still reach, in the order they were added."""
        self.members.row(member_id)
        cte, args = self.permissions.reachable_cte(member_id)
        got = offset_page(
            self.db,
            f"WITH RECURSIVE {cte} SELECT f.inode_id, r.rank FROM favorites f "
            "JOIN reachable r ON r.id = f.inode_id WHERE f.member_id = ? ORDER BY f.seq",
            (*args, member_id),
            offset=offset,
            limit=limit,
        )
        files = self.files.rows([r["inode_id"] for r in got.rows])
        return got.render(
            lambda r: self.files.render(files[r["inode_id"]], permission_of(r["rank"]) or "view")
        )

    # used by the seeds

    @staticmethod
    def add_all(conn: sqlite3.Connection, rows: Sequence[tuple[str, str, str]]) -> None:
        """``(member id, file id, when)``: favorites laid down at once (inside the caller's
        transaction, no checks; one already there stays)."""
        conn.executemany(
            "INSERT OR IGNORE INTO favorites (member_id, inode_id, created_at) VALUES (?, ?, ?)",
            rows,
        )
