"""Injected trouble: added latency, 5xx answers, 429s with and without ``Retry-After``,
dropped connections and a request-rate limit. Decisions come from one seeded generator,
so a seeded run meets the same faults in the same order."""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["FaultConfig", "FaultInjector"]

Fault = Literal["error", "rate_limit", "rate_limit_no_hint", "drop"]
FAULTS: tuple[Fault, ...] = ("error", "rate_limit", "rate_limit_no_hint", "drop")


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
    #: at most this many requests a second (0 = no limit); more get 429 with Retry-After
    max_rps: float = 0.0
    seed: int | None = None

    def validate(self) -> None:
        for name in ("error_rate", "rate_limit_rate", "retry_after_share", "drop_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.error_rate + self.rate_limit_rate + self.drop_rate > 1.0:
            raise ValueError("error_rate + rate_limit_rate + drop_rate must not exceed 1")
        if self.latency_ms < 0 or self.max_rps < 0:
            raise ValueError("latency_ms and max_rps must not be negative")

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
            self._queued: deque[tuple[Fault, float]] = deque()
            self._status: int | None = None
            self.injected: dict[str, int] = {}

    def queue(self, faults: list[str]) -> None:
        """Faults for the very next requests, in order, before any random ones.

        Each is ``error[:STATUS]``, ``rate_limit[:SECONDS]``, ``rate_limit_no_hint`` or ``drop``.
        """
        parsed: list[tuple[Fault, float]] = []
        for item in faults:
            name, _, arg = str(item).partition(":")
            if name not in FAULTS:
                raise ValueError(f"unknown fault {name!r}; known: {', '.join(FAULTS)}")
            value = float(arg) if arg else (1.0 if name == "rate_limit" else 0.0)
            if name == "error" and arg and not 500 <= value <= 599:
                raise ValueError("an error fault's status must be 5xx")
            parsed.append((name, value))
        with self._lock:
            self._queued.extend(parsed)

    def decide(self) -> tuple[Fault | None, float]:
        """The fault for the next request, if any, and a hint: Retry-After seconds for a
        429, the status for a queued error."""
        cfg = self.config
        with self._lock:
            if self._queued:
                fault, value = self._queued.popleft()
                return self._count(fault), value
            if cfg.max_rps:
                now = time.monotonic()
                if now - self._window_start >= 1.0:
                    self._window_start, self._window_count = now, 0
                self._window_count += 1
                if self._window_count > cfg.max_rps:
                    return self._count("rate_limit"), max(0.05, 1.0 - (now - self._window_start))
            if not (cfg.error_rate or cfg.rate_limit_rate or cfg.drop_rate):
                return None, 0.0
            r = self._rng.random()
            if r < cfg.error_rate:
                return self._count("error"), 0.0
            r -= cfg.error_rate
            if r < cfg.rate_limit_rate:
                hinted = self._rng.random() < cfg.retry_after_share
                return self._count("rate_limit" if hinted else "rate_limit_no_hint"), 1.0
            r -= cfg.rate_limit_rate
            if r < cfg.drop_rate:
                return self._count("drop"), 0.0
            return None, 0.0

    def error_status(self, hint: float = 0.0) -> int:
        if hint:
            return int(hint)
        with self._lock:
            return self._rng.choice((500, 502, 503))

    def _count(self, fault: Fault) -> Fault:
        self.injected[fault] = self.injected.get(fault, 0) + 1
        return fault
