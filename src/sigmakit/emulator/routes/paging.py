"""Reading ``page``/``limit`` and answering one page, for the list routes.

``page`` is an offset (what ``nextPage`` said, or one the client counted); without
``limit`` a page holds 50 entries, at most 1,000. Each list answers the fields its
2026-08 description shows: ``{"entries", "nextPage", "total", "hasMore"}`` on most,
``total`` without ``hasMore`` on a workbook's pages, elements, columns and controls, and only
``{"entries", "nextPage"}`` on the lists that answered a bare array before June 2026
(members, teams, workspaces, ``/v2`` materialization schedules).

A list route takes the page it was asked for as one parameter, a :class:`Window` made by
the ``paged`` dependency (``Listing``, ``TotalListing`` or ``LegacyListing`` below), and is
then about three lines::

    @router.get("/v2/things")
    def list_things(caller: Caller, listing: Listing) -> JSONResponse:
        return listing.answer(listing.state.store.things.list(caller, **listing.span))
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends
from fastapi.responses import JSONResponse

from ..db import decode_cursor, page_limit
from ..state import EmulatorState
from ..store.paging import Page
from .deps import State, ok

__all__ = [
    "BARE",
    "COUNTED",
    "TOTAL_ONLY",
    "LegacyListing",
    "Listing",
    "TotalListing",
    "Window",
    "answer",
    "paged",
    "window",
]

_EVERYTHING = 10**9

#: the optional fields of a page, as each list's description shows them
COUNTED = ("total", "hasMore")
TOTAL_ONLY = ("total",)
BARE: tuple[str, ...] = ()


def window(
    state: EmulatorState, page: str | None, limit: float | None, *, legacy: bool = False
) -> tuple[int, int]:
    """``(offset, limit)``. A list that answered a bare array before June 2026 (``legacy``)
    gives everything at once when the emulator plays old Sigma and no ``limit`` came.
    A bad ``page`` or ``limit`` is a 400 (in Sigma's error body) before anything is read."""
    offset = decode_cursor(page)
    if legacy and limit is None and state.config.legacy_lists:
        return offset, _EVERYTHING
    return offset, page_limit(limit)


def answer(
    state: EmulatorState,
    page: Page,
    limit: float | None,
    *,
    shows: tuple[str, ...] = COUNTED,
    legacy: bool = False,
) -> JSONResponse:
    """``{"entries", "nextPage", ...shows}`` (or the bare array of a legacy list, see
    ``window``). ``hasMore`` is true exactly when ``nextPage`` is not null."""
    if legacy and limit is None and state.config.legacy_lists:
        return ok(page.entries)
    body: dict[str, object] = {"entries": page.entries, "nextPage": page.next_page}
    if "total" in shows:
        body["total"] = page.total
    if "hasMore" in shows:
        body["hasMore"] = page.next_page is not None
    return ok(body)


@dataclass(frozen=True, slots=True)
class Window:
    """The page a list request asked for (read from ``page`` and ``limit`` before the handler
    runs) and how its answer reads."""

    state: EmulatorState
    offset: int
    size: int
    limit: float | None
    shows: tuple[str, ...]
    legacy: bool

    @property
    def span(self) -> dict[str, int]:
        """``offset=`` and ``limit=`` for a store's list method."""
        return {"offset": self.offset, "limit": self.size}

    def answer(self, page: Page) -> JSONResponse:
        return answer(self.state, page, self.limit, shows=self.shows, legacy=self.legacy)


def paged(
    shows: tuple[str, ...] = COUNTED, *, legacy: bool = False
) -> Callable[..., Coroutine[Any, Any, Window]]:
    """The dependency that reads ``page`` and ``limit`` (a 400 for a bad one, before the
    handler runs: that it comes before the handler's own 403 or 404 is a guess,
    tests/parity/GUESSES.md). Async, so that FastAPI runs it on the event loop, not a
    worker thread."""

    async def dependency(
        state: State, page: str | None = None, limit: float | None = None
    ) -> Window:
        offset, size = window(state, page, limit, legacy=legacy)
        return Window(state, offset, size, limit, shows, legacy)

    return dependency


#: ``{"entries", "nextPage", "total", "hasMore"}``: most lists
Listing = Annotated[Window, Depends(paged())]
#: ``total`` without ``hasMore``: a workbook's pages, elements, columns and controls
TotalListing = Annotated[Window, Depends(paged(TOTAL_ONLY))]
#: a list that answered a bare array before June 2026 (see ``window``)
LegacyListing = Annotated[Window, Depends(paged(BARE, legacy=True))]
