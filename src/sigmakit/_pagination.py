"""Lazy iteration over Sigma's paginated lists.

A page is ``{"entries": [...], "nextPage": str | null}`` (some with ``total``); older
endpoints answer a bare JSON array, which is taken as the one and only page. The
cursor is opaque: it is sent back as it came, and a cursor seen twice ends the walk
instead of looping forever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._errors import APIStatusError

if TYPE_CHECKING:
    from ._http import HttpCore, Params

__all__ = ["MAX_PAGE_SIZE", "Paginator"]

T = TypeVar("T")
MAX_PAGE_SIZE = 1000
log = logging.getLogger("sigmakit.pagination")


class Paginator(Generic[T]):
    """An iterable over every item of a list endpoint; pages are fetched as they are needed.

    Iterate it for items, call :meth:`pages` for the raw pages, or :meth:`first` /
    :meth:`to_list` for convenience. Each iteration starts a new walk. ``keep``, if
    given, passes over the raw entries for which it answers False.
    """

    def __init__(
        self,
        core: HttpCore,
        url: str,
        parse: Callable[[Mapping[str, Any]], T],
        *,
        params: Params | None = None,
        page_size: int | None = MAX_PAGE_SIZE,
        limit: int | None = None,
        keep: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> None:
        """``page_size=None`` sends no ``limit`` and takes the server's default."""
        if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        self._core = core
        self._url = url
        self._parse = parse
        self._params = dict(params or {})
        self._page_size = page_size
        self._limit = limit
        self._keep = keep
        self.pages_fetched = 0

    def pages(self) -> Iterator[list[Mapping[str, Any]]]:
        seen: set[str] = set()
        cursor: str | None = None
        while True:
            params = dict(self._params)
            if self._page_size is not None:
                params["limit"] = self._page_size
            if cursor is not None:
                params["page"] = cursor
            body = self._core.request("GET", self._url, params=params)
            self.pages_fetched += 1
            if isinstance(body, list):  # the legacy shape: everything at once
                yield body
                return
            if not isinstance(body, dict) or not isinstance(body.get("entries"), list):
                raise APIStatusError(
                    200, message=f"unexpected list shape from {self._url}", url=self._url
                )
            yield body["entries"]
            nxt = body.get("nextPage")
            if nxt is None or nxt == "":
                return
            cursor = str(nxt)
            if cursor in seen:
                log.warning("%s repeated the page cursor; stopping the walk", self._url)
                return
            seen.add(cursor)

    def __iter__(self) -> Iterator[T]:
        count = 0
        for page in self.pages():
            for raw in page:
                if self._keep is not None and not self._keep(raw):
                    continue
                if self._limit is not None and count >= self._limit:
                    return
                count += 1
                yield self._parse(raw)

    def first(self) -> T | None:
        for item in self:
            return item
        return None

    def to_list(self) -> list[T]:
        return list(self)
