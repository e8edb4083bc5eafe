"""The models and pure helpers of ``sigmakit.resources.members`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Member", "UserKind"]


#: ``userKind`` when creating or changing a member (the member's own field stays a str:
#: Sigma may add kinds). Account types (``memberType``) are per organization: a str.
UserKind = Literal["internal", "guest", "embed"]


class Member(SigmaModel):
    organization_id: str
    member_id: str
    member_type: str
    first_name: str
    last_name: str
    email: str
    profile_img_url: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp
    updated_at: Timestamp
    home_folder_id: str | None = None
    user_kind: str | None = None
    is_archived: bool = False
    is_inactive: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _member(raw: Mapping[str, Any]) -> Member:
    return Member.model_validate(raw)


#: what ``members.list(search=...)`` and ``sigmakit members list --search`` warn
SEARCH_REMOVED = (
    "search is deprecated: Sigma removed the search parameter of GET /v2/members on "
    "2026-09-15; a whole email address is sent as email, other text is matched by sigmakit "
    "over every member (use email for one address)"
)


def _contains(text: str) -> Callable[[Mapping[str, Any]], bool]:
    """Whether a raw member's email or "first last" name contains ``text`` (any case): what
    Sigma's ``search`` matched, now done on this side."""
    wanted = text.strip().lower()

    def keep(raw: Mapping[str, Any]) -> bool:
        name = f"{raw.get('firstName') or ''} {raw.get('lastName') or ''}"
        return wanted in str(raw.get("email") or "").lower() or wanted in name.lower()

    return keep
