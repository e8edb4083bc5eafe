# generated from src/sigmakit/_async/resources/_base.py by scripts/unasync.py; edit that file, then `make generate`
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sigmakit._sync._http import HttpCore


class Resource:
    """One API resource: thin methods, one per endpoint, all through the shared core."""

    def __init__(self, core: HttpCore) -> None:
        self._core = core
