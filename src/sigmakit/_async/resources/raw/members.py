"""``/v2/members`` in the raw mode: the API's entries, no model (see ``raw/__init__.py``)."""

from __future__ import annotations

from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path

__all__ = ["AsyncRawMembers"]


class AsyncRawMembers(AsyncResource):
    def list(
        self,
        *,
        email: str | None = None,
        include_archived: bool | None = None,
        include_inactive: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[dict[str, Any]]:
        """Every member, fetched lazily page by page. ``email`` is an exact filter."""
        return AsyncPaginator(
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

    async def get(self, member_id: str) -> dict[str, Any]:
        found: dict[str, Any] = await self._core.request("GET", path("/v2/members/{}", member_id))
        return found
