"""What a member may do with a file: their effective permission, and every file they reach.

A member's permission on a file is the highest of:
- ``edit`` if they own the file or any folder or workspace above it;
- each grant on the file, or on any folder or workspace above it, made to the member or
  to a team they belong to.

Ranks, low to high: ``view`` < ``explore`` < ``organize`` < ``edit``. A member with none of
these cannot reach the file. Archived files, and everything below an archived folder, are
not reachable (``effective_permission`` still answers for them, so their owner can restore).
"""

from __future__ import annotations

from typing import Any

from ..db import Database

__all__ = ["RANKS", "PermissionStore", "permission_of", "rank_of"]

#: Document permissions in rising order of power.
RANKS: dict[str, int] = {"view": 1, "explore": 2, "organize": 3, "edit": 4}
_NAMES = {rank: name for name, rank in RANKS.items()}
OWNER_RANK = RANKS["edit"]

#: SQL turning ``g.permission`` into its rank; a grant on a connection (``usage``,
#: ``annotate``) lets the grantee see the connection's tables, so it counts as ``view``.
_RANK_SQL = (
    "CASE g.permission "
    + " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in RANKS.items())
    + f" WHEN 'usage' THEN {RANKS['view']} WHEN 'annotate' THEN {RANKS['view']}"
    + " ELSE 0 END"
)


def rank_of(permission: str | None) -> int:
    return RANKS.get(permission or "", 0)


def permission_of(rank: int | None) -> str | None:
    return _NAMES.get(rank or 0)


class PermissionStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def is_admin(self, member_id: str) -> bool:
        kind = self.db.scalar("SELECT member_type FROM members WHERE member_id = ?", (member_id,))
        return kind is not None and str(kind).lower() == "admin"

    def effective_permission(self, member_id: str, inode_id: str) -> str | None:
        """``view``, ``explore``, ``organize``, ``edit``, or None if the member has no access."""
        rank = self.db.scalar(
            "WITH RECURSIVE up(id, parent_id, owner_id) AS ("
            "  SELECT id, parent_id, owner_id FROM inodes WHERE id = ?"
            "  UNION ALL"
            "  SELECT i.id, i.parent_id, i.owner_id FROM inodes i JOIN up ON i.id = up.parent_id"
            ") SELECT max(r) FROM ("
            f"  SELECT {OWNER_RANK} AS r FROM up WHERE owner_id = ?"
            f"  UNION ALL SELECT {_RANK_SQL} FROM grants g JOIN up ON g.inode_id = up.id"
            "   WHERE g.member_id = ?"
            "      OR g.team_id IN (SELECT team_id FROM team_members WHERE member_id = ?)"
            ")",
            (inode_id, member_id, member_id, member_id),
        )
        return permission_of(rank)

    def reachable_cte(self, member_id: str) -> tuple[str, list[Any]]:
        """SQL common table expressions ending in ``reachable(id, rank)``: every live inode
        the member can reach and the rank of their permission on it (see ``RANKS``).

        Put the text after ``WITH RECURSIVE`` (add further CTEs after a comma) and its
        arguments before the statement's own, e.g.::

            cte, args = permissions.reachable_cte(member_id)
            db.all(f"WITH RECURSIVE {cte} SELECT i.* FROM reachable r "
                   "JOIN inodes i ON i.id = r.id WHERE i.type = ?", (*args, "workbook"))
        """
        cte = (
            "my_teams(team_id) AS (SELECT team_id FROM team_members WHERE member_id = ?), "
            "seeds(id, rank) AS ("
            f"  SELECT id, {OWNER_RANK} FROM inodes WHERE owner_id = ? AND is_archived = 0"
            # the member's grants and their teams' apart: an OR of the two scanned every grant
            f"  UNION ALL SELECT g.inode_id, {_RANK_SQL} FROM grants g"
            "   JOIN inodes s ON s.id = g.inode_id AND s.is_archived = 0 WHERE g.member_id = ?"
            f"  UNION ALL SELECT g.inode_id, {_RANK_SQL} FROM my_teams t"
            "   JOIN grants g ON g.team_id = t.team_id"
            "   JOIN inodes s ON s.id = g.inode_id AND s.is_archived = 0"
            "), "
            "down(id, rank) AS ("
            "  SELECT id, rank FROM seeds WHERE rank > 0"
            "  UNION SELECT c.id, d.rank FROM inodes c JOIN down d ON c.parent_id = d.id"
            "   WHERE c.is_archived = 0"
            "), "
            "trashed(id) AS ("
            "  SELECT id FROM inodes WHERE is_archived = 1"
            "  UNION SELECT c.id FROM inodes c JOIN trashed t ON c.parent_id = t.id"
            "), "
            "reachable(id, rank) AS (SELECT id, max(rank) FROM down "
            " WHERE id NOT IN (SELECT id FROM trashed) GROUP BY id)"
        )
        return cte, [member_id, member_id, member_id]

    def reachable(self, member_id: str, types: tuple[str, ...] = ()) -> dict[str, str]:
        """Every live inode (of ``types``, if given) the member can reach: id → permission."""
        cte, args = self.reachable_cte(member_id)
        where = f"WHERE i.type IN ({', '.join('?' * len(types))})" if types else ""
        rows = self.db.all(
            f"WITH RECURSIVE {cte} SELECT r.id, r.rank FROM reachable r "
            f"JOIN inodes i ON i.id = r.id {where}",
            (*args, *types),
        )
        return {r["id"]: _NAMES[r["rank"]] for r in rows}
