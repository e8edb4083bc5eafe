"""The models and pure helpers of ``sigmakit._sync.resources._grants`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Grant", "GrantPermission", "NewGrant", "grants_body"]


#: what a new grant may give: workspaces view, explore, organize, edit; workbooks view,
#: explore, edit; connections usage, annotate (Sigma refuses one the target does not take)
GrantPermission = Literal["view", "explore", "organize", "edit", "usage", "annotate"]


class Grant(SigmaModel):
    """A permission held by a member or a team on a file, workspace or connection."""

    grant_id: str
    inode_id: str
    organization_id: str | None = None
    member_id: str | None = None
    team_id: str | None = None
    permission: str
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


@dataclass(frozen=True)
class NewGrant:
    """A grant to give: ``NewGrant.member(id, "view")`` or ``NewGrant.team(id, "edit")``."""

    permission: GrantPermission
    member_id: str | None = None
    team_id: str | None = None
    #: workbooks only: grant on a tagged version
    tag_id: str | None = None

    @classmethod
    def member(cls, member_id: str, permission: GrantPermission) -> NewGrant:
        return cls(permission=permission, member_id=member_id)

    @classmethod
    def team(cls, team_id: str, permission: GrantPermission) -> NewGrant:
        return cls(permission=permission, team_id=team_id)

    def to_wire(self) -> dict[str, Any]:
        if (self.member_id is None) == (self.team_id is None):
            raise InputError("a grant names exactly one grantee: a member id or a team id")
        if not self.permission:
            raise InputError("a grant needs a permission")
        grantee = {"memberId": self.member_id} if self.member_id else {"teamId": self.team_id}
        wire: dict[str, Any] = {"grantee": grantee, "permission": self.permission}
        if self.tag_id is not None:
            wire["tagId"] = self.tag_id
        return wire


def grants_body(grants: Iterable[NewGrant]) -> dict[str, Any]:
    """``{"grants": [{"grantee": {...}, "permission": ...}]}``; refuses an empty list."""
    wire = [g.to_wire() for g in grants]
    if not wire:
        raise InputError("no grants given")
    return {"grants": wire}


def _grant(raw: Mapping[str, Any]) -> Grant:
    return Grant.model_validate(raw)
