# generated from src/sigmakit/_async/resources/favorites.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/favorites``: the documents a member marked as favorites (yours, or a member's),
and adding or removing one."""

from __future__ import annotations

from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.files import File, _file, _readable

__all__ = ["Favorites"]


class Favorites(Resource):
    def _me(self) -> str:
        from sigmakit._sync.resources.whoami import WhoAmI

        return (WhoAmI(self._core).get(member=False)).user_id

    def list(self, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None) -> Paginator[File]:
        """Your favorites (the owner of the API credentials), fetched lazily (who you are
        is read with the first page)."""

        def url() -> str:
            return path("/v2/favorites/member/{}", self._me())

        return Paginator(self._core, url, _file, page_size=page_size, limit=limit, keep=_readable)

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
