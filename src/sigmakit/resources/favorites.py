"""``/v2/favorites``: the documents a member marked as favorites (yours, or a member's),
and adding or removing one."""

from __future__ import annotations

from .._http import path
from .._pagination import MAX_PAGE_SIZE, Paginator
from ._base import Resource
from .files import File, _file, _readable

__all__ = ["Favorites"]


class Favorites(Resource):
    def _me(self) -> str:
        from .whoami import WhoAmI

        return WhoAmI(self._core).get(member=False).user_id

    def list(self, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None) -> Paginator[File]:
        """Your favorites (the owner of the API credentials), fetched lazily."""
        return self.for_member(self._me(), page_size=page_size, limit=limit)

    def for_member(
        self, member_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[File]:
        """A member's favorites that they can still reach, in the order they were added."""
        return Paginator(
            self._core,
            path("/v2/favorites/member/{}", member_id),
            _file,
            page_size=page_size,
            limit=limit,
            keep=_readable,
        )

    def add(self, file_id: str, *, member_id: str | None = None) -> None:
        """Mark a file (workbook, folder...) as a favorite of ``member_id`` (default: you).
        Adding one already there changes nothing."""
        body = {"memberId": member_id or self._me(), "inodeId": file_id}
        self._core.request("POST", "/v2/favorites", json=body)

    def remove(self, file_id: str, *, member_id: str | None = None) -> None:
        """Take a file off ``member_id``'s favorites (default: yours)."""
        member = member_id or self._me()
        self._core.request("DELETE", path("/v2/favorites/member/{}/file/{}", member, file_id))
