# generated from src/sigmakit/_async/resources/raw/members.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/members`` in the raw mode: the API's entries, no model (see ``raw/__init__.py``)."""

from __future__ import annotations

from typing import Any

from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource

__all__ = ["RawMembers"]


class RawMembers(Resource):
    def list(
        self,
        *,
        email: str | None = None,
        include_archived: bool | None = None,
        include_inactive: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[dict[str, Any]]:
        """Every member, fetched lazily page by page. ``email`` is an exact filter."""
        return Paginator(
            self._core,
            "/v2/members",
            dict,
            params={
                "email": email,
                "includeArchived": include_archived,
                "includeInactive": include_inactive,
            },
            page_size=page_size,
            limit=limit,
        )

    def get(self, member_id: str) -> dict[str, Any]:
        found: dict[str, Any] = self._core.request("GET", path("/v2/members/{}", member_id))
        return found
