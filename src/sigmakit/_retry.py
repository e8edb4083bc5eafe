"""The one retry policy: what is retried, and how long to wait before the next try."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ._httpx import httpx
from ._settings import DEFAULT_MAX_RETRIES

__all__ = ["IDEMPOTENT_METHODS", "RETRY_STATUSES", "RetryPolicy"]

#: Statuses worth another try: the server did not do the work, or may do it next time.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Statuses that say the request was refused before it was processed, so even a create is safe.
NOT_PROCESSED_STATUSES = frozenset({408, 429})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})
#: Failures that happen before the request reaches the server: safe to re-send anything.
NOT_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
#: Failures after the request may have reached the server.
MAYBE_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ReadError,
    httpx.WriteError,
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.RemoteProtocolError,
)

DEFAULT_INITIAL_DELAY = 0.5
DEFAULT_MAX_DELAY = 8.0
DEFAULT_MAX_RETRY_AFTER = 60.0
#: at most this many seconds of waiting between the tries of one request
DEFAULT_MAX_WAIT = 60.0


@dataclass
class RetryPolicy:
    """Exponential backoff with full jitter, honouring a capped ``Retry-After``.

    A request is re-sent at most ``max_retries`` times *and* while the waits before its
    re-sends add up to no more than ``max_wait`` seconds: a burst of faults (five 503s in
    a second) is ridden out, a server that keeps refusing for a minute is not waited on
    forever (and a run that meets nothing but connection failures stops sooner: see
    ``HttpCore``'s fail-fast). A request that creates something (POST) is re-sent only when
    it surely was not processed (no connection, 408, 429) unless the caller marks it
    idempotent.
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    max_wait: float = DEFAULT_MAX_WAIT
    initial_delay: float = DEFAULT_INITIAL_DELAY
    max_delay: float = DEFAULT_MAX_DELAY
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def retry_status(self, status: int, *, idempotent: bool) -> bool:
        if status not in RETRY_STATUSES:
            return False
        return idempotent or status in NOT_PROCESSED_STATUSES

    def retry_error(self, exc: Exception, *, idempotent: bool) -> bool:
        if isinstance(exc, NOT_SENT_ERRORS):
            return True
        return idempotent and isinstance(exc, MAYBE_SENT_ERRORS)

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait before re-send number ``attempt`` (1-based)."""
        hinted = parse_retry_after(retry_after)
        if hinted is not None:
            return float(min(hinted, self.max_retry_after))
        ceiling = min(self.max_delay, self.initial_delay * (2 ** (attempt - 1)))
        # full jitter, but never less than a quarter of the step, so bursts still spread out
        return float(ceiling * (0.25 + 0.75 * self.rng.random()))


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds)
