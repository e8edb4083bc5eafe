"""Injected trouble: added latency, 5xx answers, 429s with and without ``Retry-After``
(and the edge's HTML 429), dropped connections and a request-rate limit. Decisions come
from one seeded generator, so a seeded run meets the same faults in the same order.

Most faults answer *before* the request is handled: nothing happened. Two happen *after*
it: ``error_after`` lets the request take effect, then answers 5xx; ``drop_after`` lets it
take effect, then cuts the connection: the create succeeded but its answer was lost, as a
proxy or a network would do it.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["AFTER_FAULTS", "FaultConfig", "FaultInjector"]

Fault = Literal[
    "error",
    "rate_limit",
    "rate_limit_no_hint",
    "rate_limit_html",
    "drop",
    "error_after",
    "drop_after",
]
FAULTS: tuple[Fault, ...] = (
    "error",
    "rate_limit",
    "rate_limit_no_hint",
    "rate_limit_html",
    "drop",
    "error_after",
    "drop_after",
)
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
#: faults answered once the request has been handled (it took effect)
AFTER_FAULTS = frozenset({"error_after", "drop_after"})
#: the knobs that are shares of requests, in the order a random draw meets them
_RATES: tuple[tuple[str, Fault], ...] = (
    ("error_rate", "error"),
    ("rate_limit_rate", "rate_limit"),
    ("edge_rate_limit_rate", "rate_limit_html"),
    ("drop_rate", "drop"),
    ("error_after_rate", "error_after"),
    ("drop_after_rate", "drop_after"),
)


@dataclass
class FaultConfig:
    latency_ms: float = 0.0
    #: share of requests answered 500/502/503
    error_rate: float = 0.0
    #: share of requests answered 429
    rate_limit_rate: float = 0.0
    #: of those 429s, the share that carries a ``Retry-After`` header
    retry_after_share: float = 0.5
    #: share of requests whose connection is dropped before any answer
    drop_rate: float = 0.0
    #: share of requests answered by the edge's 429: an HTML page, no ``Retry-After``
    #: (Cloudflare's error 1015)
    edge_rate_limit_rate: float = 0.0
    #: share of requests carried out, then answered 500/502/503
    error_after_rate: float = 0.0
    #: share of requests carried out, then cut off before the answer
    drop_after_rate: float = 0.0
    #: at most this many requests a second (0 = no limit); more get 429 with Retry-After
    max_rps: float = 0.0
    seed: int | None = None

    def validate(self) -> None:
        for name in (*(r for r, _ in _RATES), "retry_after_share"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:  # also False for NaN
                raise ValueError(f"{name} must be between 0 and 1")
        if sum(getattr(self, r) for r, _ in _RATES) > 1.0:
            raise ValueError(f"{' + '.join(r for r, _ in _RATES)} must not exceed 1")
        if not (0 <= self.latency_ms <= 600_000 and 0 <= self.max_rps < float("inf")):
            raise ValueError("latency_ms (at most 600000) and max_rps must not be negative")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FaultInjector:
    def __init__(self, config: FaultConfig) -> None:
        self._lock = threading.Lock()
        self.configure(config)

    def configure(self, config: FaultConfig) -> None:
        config.validate()
        with self._lock:
            self.config = config
            self._rng = random.Random(config.seed)
            self._window_start = time.monotonic()
            self._window_count = 0
            self._queued: deque[tuple[Fault, float, str | None]] = deque()
            self._status: int | None = None
            self.injected: dict[str, int] = {}

    def queue(self, faults: list[str]) -> None:
        """Faults for the very next requests, in order, before any random ones.

        Each is ``error[:STATUS]``, ``rate_limit[:SECONDS]``, ``rate_limit_no_hint``,
        ``rate_limit_html``, ``drop``, ``error_after[:STATUS]`` or ``drop_after``, optionally
        with ``@METHOD`` (``drop_after@PATCH``): then it waits for the next request of that
        method, and requests of other methods pass untouched.
        """
        parsed: list[tuple[Fault, float, str | None]] = []
        for item in faults:
            spec, _, method = str(item).partition("@")
            if method and method.upper() not in _METHODS:
                raise ValueError(f"{item!r}: {method!r} is not an HTTP method")
            name, _, arg = spec.partition(":")
            if name not in FAULTS:
                raise ValueError(f"unknown fault {name!r}; known: {', '.join(FAULTS)}")
            try:
                value = float(arg) if arg else (1.0 if name == "rate_limit" else 0.0)
            except ValueError:
                raise ValueError(f"{item!r}: {arg!r} is not a number") from None
            if name in ("error", "error_after") and arg and not 500 <= value <= 599:
                raise ValueError("an error fault's status must be 5xx")
            if name == "rate_limit" and not 0 <= value <= 3600:
                raise ValueError("a rate_limit fault's Retry-After is 0 to 3600 seconds")
            parsed.append((name, value, method.upper() or None))
        with self._lock:
            self._queued.extend(parsed)

    def decide(self, method: str = "GET") -> tuple[Fault | None, float]:
        """The fault for the next request (of ``method``), if any, and a hint:
        Retry-After seconds for a 429, the status for a queued error."""
        cfg = self.config
        with self._lock:
            if self._queued:
                fault, value, wanted = self._queued[0]
                if wanted in (None, method.upper()):
                    self._queued.popleft()
                    return self._count(fault), value
                return None, 0.0
            if cfg.max_rps:
                now = time.monotonic()
                if now - self._window_start >= 1.0:
                    self._window_start, self._window_count = now, 0
                self._window_count += 1
                if self._window_count > cfg.max_rps:
                    return self._count("rate_limit"), max(0.05, 1.0 - (now - self._window_start))
            if not any(getattr(cfg, rate) for rate, _ in _RATES):
                return None, 0.0
            r = self._rng.random()
            for rate, fault in _RATES:
                share: float = getattr(cfg, rate)
                if r < share:
                    if fault == "rate_limit":
                        hinted = self._rng.random() < cfg.retry_after_share
                        return self._count("rate_limit" if hinted else "rate_limit_no_hint"), 1.0
                    return self._count(fault), 0.0
                r -= share
            return None, 0.0

    def error_status(self, hint: float = 0.0) -> int:
        if hint:
            return int(hint)
        with self._lock:
            return self._rng.choice((500, 502, 503))

    def _count(self, fault: Fault) -> Fault:
        self.injected[fault] = self.injected.get(fault, 0) + 1
        return fault
