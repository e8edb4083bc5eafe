"""Reading ``page``/``limit`` and answering one page, for the list routes.

``page`` is an offset (what ``nextPage`` said, or one the client counted); without
``limit`` a page holds 50 entries, at most 1,000. Each list answers the fields its
2026-08 description shows: ``{"entries", "nextPage", "total", "hasMore"}`` on most,
``total`` without ``hasMore`` on a workbook's pages, elements, columns and controls, and only
``{"entries", "nextPage"}`` on the lists that answered a bare array before June 2026
(members, teams, workspaces, ``/v2`` materialization schedules).
"""

from __future__ import annotations

from fastapi.responses import JSONResponse

from ..db import decode_cursor, page_limit
from ..state import EmulatorState
from ..store.paging import Page
from .deps import ok

__all__ = ["BARE", "COUNTED", "TOTAL_ONLY", "answer", "window"]

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
