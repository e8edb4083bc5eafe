"""A member's workbooks: those they can reach, those shared with them, those they used lately.

The QuickStart's way (``shared-with-memberId``, ``recent-workbooks``): a member's files
(``/v2/members/{id}/files?typeFilters=workbook``, or ``.../files/recents``) give what the
member reaches; the workbook list gives each one's URL and version. Each list is walked
to its end, whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._models import format_timestamp

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.files import File
    from ..resources.workbooks import Workbook

__all__ = [
    "MemberWorkbook",
    "reachable_workbooks",
    "recent_workbooks",
    "shared_with",
    "workbook_index",
]


@dataclass(frozen=True)
class MemberWorkbook:
    """A workbook as one member sees it."""

    workbook_id: str
    url_id: str
    name: str
    path: str | None
    owner_id: str | None
    #: None when the workbook list did not show it (the credentials cannot see it)
    url: str | None
    latest_version: int | None
    permission: str | None
    last_interaction_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "name": self.name,
            "path": self.path,
            "url": self.url,
            "permission": self.permission,
            "ownerId": self.owner_id,
            "workbookId": self.workbook_id,
            "workbookUrlId": self.url_id,
            "latestVersion": self.latest_version,
        }
        if self.last_interaction_at is not None:
            row["lastInteractionAt"] = format_timestamp(self.last_interaction_at)
        return row


def workbook_index(sigma: Sigma) -> dict[str, Workbook]:
    """Every workbook the credentials can list (all of them for an admin), by id."""
    return {
        w.workbook_id: w
        for w in sigma.workbooks.list(exclude_tags=True, skip_permission_check=True)
    }


def _joined(file: File, index: dict[str, Workbook], last: datetime | None = None) -> MemberWorkbook:
    workbook = index.get(file.id)
    return MemberWorkbook(
        workbook_id=file.id,
        url_id=file.url_id,
        name=file.name,
        path=file.path if file.path is not None else (workbook.path if workbook else None),
        owner_id=file.owner_id or (workbook.owner_id if workbook else None),
        url=workbook.url if workbook else None,
        latest_version=workbook.latest_version if workbook else None,
        permission=file.permission,
        last_interaction_at=last,
    )


def reachable_workbooks(sigma: Sigma, member_id: str) -> list[MemberWorkbook]:
    """Every workbook the member can open: their own and those shared with them."""
    index = workbook_index(sigma)
    return [_joined(f, index) for f in sigma.files.of_member(member_id, type_filters="workbook")]


def shared_with(sigma: Sigma, member_id: str) -> list[MemberWorkbook]:
    """The workbooks the member can open but does not own."""
    return [w for w in reachable_workbooks(sigma, member_id) if w.owner_id != member_id]


def recent_workbooks(
    sigma: Sigma, member_id: str, *, limit: int | None = None
) -> list[MemberWorkbook]:
    """The workbooks the member opened or changed, most recent first."""
    recents = [f for f in sigma.files.recents(member_id) if f.type == "workbook"]
    recents.sort(
        key=lambda f: f.last_interaction_at.timestamp() if f.last_interaction_at else 0.0,
        reverse=True,
    )
    if limit is not None:
        recents = recents[:limit]
    index = workbook_index(sigma) if recents else {}
    return [_joined(f, index, f.last_interaction_at) for f in recents]
