"""Reading ``page``/``limit`` and answering one page, for the list routes."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from ..state import EmulatorState
from ..store.db import decode_cursor, page_limit
from .deps import ok

__all__ = ["answer", "window"]

_EVERYTHING = 10**9


def window(
    state: EmulatorState, page: str | None, limit: float | None, *, legacy: bool = False
) -> tuple[int, int]:
    """``(after, limit)``. A list that answered a bare array before June 2026 (``legacy``)
    gives everything at once when the emulator plays old Sigma and no ``limit`` came."""
    if legacy and limit is None and state.config.legacy_lists:
        return decode_cursor(page), _EVERYTHING
    return decode_cursor(page), page_limit(limit)


def answer(
    state: EmulatorState,
    entries: list[dict[str, Any]],
    next_page: str | None,
    limit: float | None,
    *,
    legacy: bool = False,
) -> JSONResponse:
    """``{"entries", "nextPage"}`` (or the bare array of a legacy list, see ``window``)."""
    if legacy and limit is None and state.config.legacy_lists:
        return ok(entries)
    return ok({"entries": entries, "nextPage": next_page})
