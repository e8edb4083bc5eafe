"""Request counts per route, for the control plane and for benchmarks."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

__all__ = ["RequestStats"]


class RequestStats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: Counter[str] = Counter()
        self._statuses: Counter[int] = Counter()

    def record(self, route: str, status: int) -> None:
        with self._lock:
            self._routes[route] += 1
            self._statuses[status] += 1

    def count(self, route: str) -> int:
        with self._lock:
            return self._routes[route]

    def reset(self) -> None:
        with self._lock:
            self._routes.clear()
            self._statuses.clear()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "total": sum(self._routes.values()),
                "routes": dict(sorted(self._routes.items())),
                "statuses": {str(k): v for k, v in sorted(self._statuses.items())},
            }
