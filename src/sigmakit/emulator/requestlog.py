"""The last API requests the emulator answered, for the console's live request log.

A bounded ring buffer in memory: the newest ``capacity`` requests, each with a sequence
number so a poller can ask for what came after the last one it saw.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["LoggedRequest", "RequestLog"]


@dataclass(frozen=True)
class LoggedRequest:
    seq: int
    #: wall-clock seconds when the answer started
    at: float
    method: str
    path: str
    #: the route template (``GET /v2/members/{memberId}``), or the injected fault
    route: str
    status: int
    #: time to the answer's first byte (what a client waits before it hears back)
    latency_ms: float
    #: the injected fault (``error``, ``rate_limit``, ``rate_limit_no_hint``, ``drop``), if any
    fault: str | None
    request_id: str

    @property
    def rate_limited(self) -> bool:
        return self.status == 429

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate_limited": self.rate_limited}


class RequestLog:
    def __init__(self, capacity: int = 500) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LoggedRequest] = deque(maxlen=capacity)
        self._seq = 0

    def add(
        self,
        *,
        method: str,
        path: str,
        route: str,
        status: int,
        latency_ms: float,
        fault: str | None,
        request_id: str,
    ) -> None:
        with self._lock:
            self._seq += 1
            self._entries.append(
                LoggedRequest(
                    self._seq,
                    time.time(),
                    method,
                    path,
                    route,
                    status,
                    round(latency_ms, 1),
                    fault,
                    request_id,
                )
            )

    def recent(
        self, *, route: str | None = None, status: str | None = None, limit: int = 200
    ) -> list[LoggedRequest]:
        """Newest first. ``route``: a case-insensitive part of the route or path;
        ``status``: an exact code (``429``) or a class (``4xx``)."""
        with self._lock:
            entries = list(self._entries)
        needle = (route or "").strip().lower()
        out: list[LoggedRequest] = []
        for entry in reversed(entries):
            if needle and needle not in entry.route.lower() and needle not in entry.path.lower():
                continue
            if status and not _status_matches(entry.status, status):
                continue
            out.append(entry)
            if len(out) >= limit:
                break
        return out

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _status_matches(code: int, wanted: str) -> bool:
    wanted = wanted.strip().lower()
    if len(wanted) == 3 and wanted.endswith("xx") and wanted[0].isdigit():
        return code // 100 == int(wanted[0])
    return wanted.isdigit() and code == int(wanted)
