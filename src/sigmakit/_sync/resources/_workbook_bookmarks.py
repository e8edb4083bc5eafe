# generated from src/sigmakit/_async/resources/_workbook_bookmarks.py by scripts/unasync.py; edit that file, then `make generate`
"""The bookmarks saved on a tagged version of a workbook
(``/v2/workbooks/{workbookId}/tags/{tagName}/bookmarks``): a part of
:class:`~sigmakit._sync.resources.workbooks.Workbooks`, which inherits these methods."""

from __future__ import annotations

from typing import Any

from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.workbooks import Bookmark

__all__ = ["TaggedBookmarks"]


class TaggedBookmarks(Resource):
    def bookmarks(
        self,
        workbook_id: str,
        *,
        tag: str,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Bookmark]:
        """List bookmarks in a tagged workbook: ``GET /v2/workbooks/{workbookId}/tags/{tagName}/bookmarks``."""
        url = path("/v2/workbooks/{}/tags/{}/bookmarks", workbook_id, tag)
        return Paginator(
            self._core,
            url,
            Bookmark.model_validate,
            page_size=page_size,
            limit=limit,
        )

    def tagged_bookmark(
        self,
        workbook_id: str,
        *,
        tag: str,
        bookmark_id: str,
    ) -> Bookmark:
        """Get a bookmark in a tagged workbook: ``GET /v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/{bookmarkId}``."""
        url = path("/v2/workbooks/{}/tags/{}/bookmarks/{}", workbook_id, tag, bookmark_id)
        answer = self._core.request(
            "GET",
            url,
        )
        return Bookmark.model_validate(answer)

    def add_tagged_bookmark(
        self,
        workbook_id: str,
        *,
        tag: str,
        workbook_version: int,
        name: str,
        explore_key: str,
        is_shared: bool = False,
    ) -> Bookmark:
        """Save an exploration of the tagged version as a bookmark (``workbook_version`` is
        the version the tag marks); returns the new bookmark."""
        if isinstance(workbook_version, bool) or not isinstance(workbook_version, int):
            raise InputError("workbook_version is a whole version number")
        if not name.strip() or not explore_key.strip():
            raise InputError("a bookmark needs a name and the explore_key it saves")
        body: dict[str, Any] = {
            "workbookVersion": workbook_version,
            "name": name.strip(),
            "isShared": is_shared,
            "exploreKey": explore_key.strip(),
        }
        url = path("/v2/workbooks/{}/tags/{}/bookmarks/", workbook_id, tag)
        return Bookmark.model_validate(self._core.request("POST", url, json=body))

    def update_tagged_bookmark(
        self,
        workbook_id: str,
        *,
        tag: str,
        bookmark_id: str,
        name: str | None = None,
        is_shared: bool | None = None,
        is_default: bool | None = None,
        explore_key: str | None = None,
    ) -> Bookmark:
        """Rename, share, unshare or make default a bookmark of the tagged version (what is
        not given stays); returns the bookmark as it now is."""
        body: dict[str, Any] = {
            key: value
            for key, value in (
                ("name", name),
                ("isShared", is_shared),
                ("isDefault", is_default),
                ("exploreKey", explore_key),
            )
            if value is not None
        }
        if not body:
            raise InputError("say what to change: name, is_shared, is_default or explore_key")
        url = path("/v2/workbooks/{}/tags/{}/bookmarks/{}", workbook_id, tag, bookmark_id)
        return Bookmark.model_validate(self._core.request("PATCH", url, json=body))

    def delete_tagged_bookmark(self, workbook_id: str, *, tag: str, bookmark_id: str) -> None:
        url = path("/v2/workbooks/{}/tags/{}/bookmarks/{}", workbook_id, tag, bookmark_id)
        self._core.request("DELETE", url)
