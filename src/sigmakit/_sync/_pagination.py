# generated from src/sigmakit/_async/_pagination.py by scripts/unasync.py; edit that file, then `make generate`
"""Lazy iteration over Sigma's paginated lists.

Sigma pages in two styles:

- ``"page"`` (most lists): send ``limit`` and ``page``; a page is
  ``{"entries": [...], "nextPage": str | null, ...}``, where ``nextPage`` is in practice a
  stringified offset (``"50"``). Lists that predate June 2026 may instead answer a bare JSON
  array, which is taken as the one and only page.
- ``"token"`` (``/v2/accountTypes``, data-model sources, ``/v3alpha``): send ``pageSize`` and
  ``pageToken``; a page carries ``nextPageToken``.

Give the style per endpoint, or leave the default: an answer that carries ``nextPageToken``
switches the walk to the token style. Cursors are opaque: each is sent back as it came.
A cursor the server hands out twice would loop the walk forever, so it ends in a
:class:`PaginationError` instead, as does a page shape that can't be followed.
Only one page is held at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sigmakit._paging import MAX_PAGE_SIZE, STYLES, Page, PaginationError, Style

if TYPE_CHECKING:
    from sigmakit._sync._http import HttpCore, Params

__all__ = ["MAX_PAGE_SIZE", "PaginationError", "Paginator", "Style"]

T = TypeVar("T")
U = TypeVar("U")


class Paginator(Generic[T]):
    """An iterable over every item of a list endpoint; pages are fetched as they are needed.

    Iterate it for items, call :meth:`pages` for the raw pages, or :meth:`first` /
    :meth:`to_list` for convenience. Each iteration starts a new walk. ``keep``, if
    given, passes over the raw entries for which it answers False. ``url`` may be a
    function that finds the URL when the first page is fetched.
    """

    def __init__(
        self,
        core: HttpCore,
        url: str | Callable[[], str],
        parse: Callable[[Mapping[str, Any]], T],
        *,
        params: Params | None = None,
        page_size: int | None = MAX_PAGE_SIZE,
        limit: int | None = None,
        keep: Callable[[Mapping[str, Any]], bool] | None = None,
        style: Style = "page",
    ) -> None:
        """``page_size=None`` sends no page size and takes the server's default;
        ``style`` names the page parameters the endpoint takes (see the module's notes)."""
        if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        if style not in STYLES:
            raise ValueError(f"style must be one of {', '.join(STYLES)}")
        self._core = core
        self._url = url
        self._parse = parse
        self._params = dict(params or {})
        self._page_size = page_size
        self._limit = limit
        self._keep = keep
        self._style: Style = style
        self.pages_fetched = 0

    def parsed_by(
        self,
        parse: Callable[[Mapping[str, Any]], U],
        *,
        keep: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> Paginator[U]:
        """The same walk (URL, parameters, page size, limit), each entry made by ``parse``
        from the API's entry instead: how a resource turns its raw list into models.
        ``keep``, if given, replaces this paginator's filter of the raw entries."""
        return Paginator(
            self._core,
            self._url,
            parse,
            params=self._params,
            page_size=self._page_size,
            limit=self._limit,
            keep=keep if keep is not None else self._keep,
            style=self._style,
        )

    def _fail(self, message: str, url: str, body: Any = None) -> PaginationError:
        return PaginationError(200, message=message, method="GET", url=url, body=body)

    def pages(self) -> Iterator[list[Mapping[str, Any]]]:
        url = self._url if isinstance(self._url, str) else self._url()
        style = STYLES[self._style]
        seen: set[str] = set()
        cursor: str | None = None
        while True:
            params = dict(self._params)
            if self._page_size is not None:
                params[style.size] = self._page_size
            if cursor is not None:
                params[style.cursor] = cursor
            body = self._core.request("GET", url, params=params)
            self.pages_fetched += 1
            if isinstance(body, list):  # the legacy shape: everything at once
                yield body
                return
            if not isinstance(body, dict) or not isinstance(body.get("entries"), list):
                raise self._fail("the list answer has no 'entries' array", url, body)
            if style.next not in body and "nextPageToken" in body:
                style = STYLES["token"]  # a token-paged endpoint, found out from its answer
            yield body["entries"]
            nxt = body.get(style.next)
            if nxt is None or nxt == "":
                return
            cursor = str(nxt)
            if cursor in seen:
                raise self._fail(
                    f"the server sent the page cursor {cursor[:40]!r} a second time; "
                    "following it would repeat pages forever",
                    url,
                )
            seen.add(cursor)

    def page(self, cursor: str | None = None, *, style: Style | None = None) -> Page[T]:
        """One page only, from ``cursor`` (a :attr:`Page.next_cursor` given before, with its
        :attr:`Page.style`; ``None``: the first page): for a caller that hands the cursor on
        to its own caller (an MCP tool) instead of walking every page."""
        url = self._url if isinstance(self._url, str) else self._url()
        kind: Style = style or self._style
        names = STYLES[kind]
        params = dict(self._params)
        if self._page_size is not None:
            params[names.size] = self._page_size
        if cursor is not None:
            params[names.cursor] = cursor
        body = self._core.request("GET", url, params=params)
        self.pages_fetched += 1
        keep = self._keep or (lambda raw: True)
        if isinstance(body, list):  # the legacy shape: everything at once
            return Page([self._parse(raw) for raw in body if keep(raw)], None, kind)
        if not isinstance(body, dict) or not isinstance(body.get("entries"), list):
            raise self._fail("the list answer has no 'entries' array", url, body)
        if names.next not in body and "nextPageToken" in body:
            kind, names = "token", STYLES["token"]
        nxt = body.get(names.next)
        items = [self._parse(raw) for raw in body["entries"] if keep(raw)]
        return Page(items, None if nxt is None or nxt == "" else str(nxt), kind)

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
