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

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["RANKS", "PermissionStore", "permission_of", "rank_of"]

#: Document permissions in rising order of power.
RANKS: dict[str, int] = {"view": 1, "explore": 2, "organize": 3, "edit": 4}
_NAMES = {rank: name for name, rank in RANKS.items()}
OWNER_RANK = RANKS["edit"]

#: a grant on a connection (``usage``, ``annotate``) lets the grantee see the connection's
#: tables, so it counts as ``view``
_GRANT_RANKS = {**RANKS, "usage": RANKS["view"], "annotate": RANKS["view"]}


def rank_of(permission: str | None) -> int:
    return RANKS.get(permission or "", 0)


def permission_of(rank: int | None) -> str | None:
    return _NAMES.get(rank or 0)


class _Files(Protocol):
    def chain(self, inode_id: str | None) -> list[sqlite3.Row]: ...

    def reach(
        self, owner_id: str, granted: dict[str, int], owner_rank: int, types: Sequence[str] = ()
    ) -> dict[str, int]: ...


class _Grants(Protocol):
    def held(
        self, member_id: str, team_ids: Sequence[str], inode_ids: Sequence[str] | None = None
    ) -> list[tuple[str, str]]: ...


class _Teams(Protocol):
    def team_ids_of(self, member_id: str) -> list[str]: ...


class _Members(Protocol):
    def type_of(self, member_id: str) -> str | None: ...


class Owners(Protocol):
    """The stores whose tables a permission is worked out from (the registry's ``Store``,
    read when asked: they are built after this one)."""

    @property
    def files(self) -> _Files: ...

    @property
    def grants(self) -> _Grants: ...

    @property
    def teams(self) -> _Teams: ...

    @property
    def members(self) -> _Members: ...


class PermissionStore:
    def __init__(self, owners: Owners) -> None:
        self.owners = owners

    def is_admin(self, member_id: str) -> bool:
        kind = self.owners.members.type_of(member_id)
        return kind is not None and kind.lower() == "admin"

    def _granted(self, member_id: str, inode_ids: Sequence[str] | None = None) -> dict[str, int]:
        """The highest rank the member's grants and their teams' give on each inode."""
        teams = self.owners.teams.team_ids_of(member_id)
        ranks: dict[str, int] = {}
        for inode_id, permission in self.owners.grants.held(member_id, teams, inode_ids):
            ranks[inode_id] = max(ranks.get(inode_id, 0), _GRANT_RANKS.get(permission, 0))
        return ranks

    def effective_permission(self, member_id: str, inode_id: str) -> str | None:
        """``view``, ``explore``, ``organize``, ``edit``, or None if the member has no access."""
        chain = self.owners.files.chain(inode_id)
        if any(r["owner_id"] == member_id for r in chain):
            return permission_of(OWNER_RANK)
        granted = self._granted(member_id, [r["id"] for r in chain])
        return permission_of(max(granted.values(), default=0))

    def reachable_cte(self, member_id: str) -> tuple[str, list[Any]]:
        """A SQL common table expression ``reachable(id, rank)``: every live inode the member
        can reach and the rank of their permission on it (see ``RANKS``), worked out first
        (a few set-based reads of the files', grants' and teams' stores) and handed over as
        one JSON argument.

        Put the text after ``WITH RECURSIVE`` (add further CTEs after a comma) and its
        arguments before the statement's own, e.g.::

            cte, args = permissions.reachable_cte(member_id)
            db.all(f"WITH RECURSIVE {cte} SELECT i.* FROM reachable r "
                   "JOIN inodes i ON i.id = r.id WHERE i.type = ?", (*args, "workbook"))
        """
        ranks = self.ranks(member_id)
        return "reachable(id, rank) AS (SELECT key, value FROM json_each(?))", [json.dumps(ranks)]

    def ranks(self, member_id: str, types: tuple[str, ...] = ()) -> dict[str, int]:
        """Every live inode (of ``types``, if given) the member can reach: id -> rank."""
        return self.owners.files.reach(member_id, self._granted(member_id), OWNER_RANK, types)

    def reachable(self, member_id: str, types: tuple[str, ...] = ()) -> dict[str, str]:
        """Every live inode (of ``types``, if given) the member can reach: id -> permission."""
        return {i: _NAMES[rank] for i, rank in self.ranks(member_id, types).items()}
