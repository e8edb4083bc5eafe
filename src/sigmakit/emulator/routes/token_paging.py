"""Token-style paging, for the few lists Sigma pages with ``pageSize``/``pageToken`` and
answers ``nextPageToken`` (``/v2/accountTypes``, data-model sources, ``/v3alpha``).

Beside :mod:`.paging` (``limit``/``page``/``nextPage``), which the other lists use. The token
is opaque to clients; here it wraps an offset. The last page carries no ``nextPageToken``
at all (the description: "Not present in the last page of results").
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends
from fastapi.responses import JSONResponse

from ..errors import BadRequest
from ..store.paging import Page
from .deps import ok

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "TokenListing",
    "TokenWindow",
    "token_answer",
    "token_window",
]

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
#: the largest offset a token may carry (SQLite's largest integer)
MAX_OFFSET = 2**63 - 1


def _encode(offset: int) -> str:
    raw = json.dumps({"offset": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def token_window(page_token: str | None, page_size: int | None) -> tuple[int, int]:
    """``(offset, size)`` from ``pageToken`` and ``pageSize`` (default 50, at most 1,000);
    Sigma's 400 for a token it did not give or a size out of range."""
    size = DEFAULT_PAGE_SIZE if page_size is None else page_size
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"pageSize must be from 1 to {MAX_PAGE_SIZE}")
    if page_token is None or page_token == "":
        return 0, size
    try:
        data = json.loads(base64.urlsafe_b64decode(page_token + "=" * (-len(page_token) % 4)))
        offset = data["offset"]
    except (ValueError, KeyError, TypeError, RecursionError):
        raise BadRequest("Invalid page token") from None
    # only a whole number this module could have made: not 1e999 (inf), NaN, 2.5, true or
    # a number of 400 digits
    if type(offset) is not int or not 0 <= offset <= MAX_OFFSET:
        raise BadRequest("Invalid page token")
    return offset, size


def token_answer(items: Sequence[Any], offset: int, size: int) -> JSONResponse:
    """One page of ``items`` (the whole list, in order): ``{"entries", "nextPageToken"?}``."""
    body: dict[str, Any] = {"entries": list(items[offset : offset + size])}
    if offset + size < len(items):
        body["nextPageToken"] = _encode(offset + size)
    return ok(body)


@dataclass(frozen=True, slots=True)
class TokenWindow:
    """The page a token-paged list request asked for (``pageToken``, ``pageSize``)."""

    offset: int
    size: int

    @property
    def span(self) -> dict[str, int]:
        """``offset=`` and ``limit=`` for a store's paged list method."""
        return {"offset": self.offset, "limit": self.size}

    def answer(self, items: Sequence[Any]) -> JSONResponse:
        """One page of ``items``, the whole list in order."""
        return token_answer(items, self.offset, self.size)

    def answer_page(self, page: Page) -> JSONResponse:
        """The page a store cut with :attr:`span` (only its rows read), its ``total`` telling
        whether another follows."""
        body: dict[str, Any] = {"entries": page.entries}
        if self.offset + self.size < page.total:
            body["nextPageToken"] = _encode(self.offset + self.size)
        return ok(body)


async def _token_paged(pageToken: str | None = None, pageSize: int | None = None) -> TokenWindow:
    return TokenWindow(*token_window(pageToken, pageSize))


#: a token-paged list's page, read before the handler runs (a 400 for a bad one)
TokenListing = Annotated[TokenWindow, Depends(_token_paged)]
