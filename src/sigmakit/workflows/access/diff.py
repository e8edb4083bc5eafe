"""What changed between two reviews: granted, raised, lowered, revoked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import AccessRow, rank

__all__ = ["CHANGE_FIELDS", "AccessChange", "changes"]


@dataclass(frozen=True)
class AccessChange:
    #: granted, raised, lowered or revoked
    change: str
    row: AccessRow
    before: str | None
    after: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "memberId": self.row.member_id,
            "email": self.row.email,
            "kind": self.row.kind,
            "thingId": self.row.thing_id,
            "name": self.row.name,
            "path": self.row.path,
            "before": self.before,
            "after": self.after,
            "why": self.row.why,
        }


CHANGE_FIELDS = tuple(
    AccessChange("", AccessRow("", "", "", True, "", "", "", "", "", "", ""), None, None).to_dict()
)


def changes(before: Iterable[AccessRow], after: Iterable[AccessRow]) -> list[AccessChange]:
    """Each member and thing whose permission differs: ``granted`` (new), ``revoked``
    (gone), ``raised`` or ``lowered``; ordered by email, then path."""
    old = {r.key: r for r in before}
    found: list[AccessChange] = []
    for row in after:
        was = old.pop(row.key, None)
        if was is None:
            found.append(AccessChange("granted", row, None, row.permission))
        elif was.permission != row.permission:
            up = rank(row.kind, row.permission) > rank(row.kind, was.permission)
            found.append(
                AccessChange("raised" if up else "lowered", row, was.permission, row.permission)
            )
    found += [AccessChange("revoked", r, r.permission, None) for r in old.values()]
    found.sort(key=lambda c: (c.row.email.lower(), c.row.path, c.row.kind, c.change))
    return found
