from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sigmakit._async._http import AsyncHttpCore


class AsyncResource:
    """One API resource: thin methods, one per endpoint, all through the shared core."""

    def __init__(self, core: AsyncHttpCore) -> None:
        self._core = core
