"""What the sync and the async paginators share: the two page styles of Sigma's lists and
the error of a walk that can't go on. See ``sigmakit._pagination`` for the walk itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from ._errors import APIStatusError

__all__ = ["MAX_PAGE_SIZE", "STYLES", "Page", "PageParams", "PaginationError", "Style"]

MAX_PAGE_SIZE = 1000
Style = Literal["page", "token"]
T = TypeVar("T")


class PaginationError(APIStatusError):
    """The server answered (200) but its pages can't be followed: a cursor came back a
    second time (following it would loop forever), or a page had no ``entries`` list."""


@dataclass(frozen=True)
class PageParams:
    size: str
    cursor: str
    next: str


STYLES: dict[Style, PageParams] = {
    "page": PageParams(size="limit", cursor="page", next="nextPage"),
    "token": PageParams(size="pageSize", cursor="pageToken", next="nextPageToken"),
}


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, the cursor of the next page (``None`` on the last) and
    the style that cursor is for (an answer may show a list to be token-paged)."""

    items: list[T]
    next_cursor: str | None
    style: Style
