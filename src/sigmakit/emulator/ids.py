"""Identifiers in Sigma's formats, drawn from one seeded generator so a seed gives stable ids."""

from __future__ import annotations

import random
import string
import threading
import uuid

__all__ = ["IdFactory"]

_ALNUM = string.ascii_letters + string.digits
_BASE62 = string.digits + string.ascii_letters


class IdFactory:
    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def _pick(self, alphabet: str, n: int) -> str:
        """``n`` characters of ``alphabet``: what ``n`` calls of ``random.choice`` give, from
        the same draws (``getrandbits`` of the alphabet's bit length, a draw past its end
        drawn again), a third of the time: every create makes one or two ids."""
        size = len(alphabet)
        bits = size.bit_length()
        draw = self._rng.getrandbits
        picked: list[str] = []
        with self._lock:
            while len(picked) < n:
                r = draw(bits)
                if r < size:
                    picked.append(alphabet[r])
        return "".join(picked)

    def member_id(self) -> str:
        """29 alphanumerics, like ``CPbEdA26GNQ2cM2Ra2BeO0fa5Awz1``."""
        return self._pick(_ALNUM, 29)

    def uuid(self) -> str:
        with self._lock:
            return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def url_id(self) -> str:
        """22 base62 characters."""
        return self._pick(_BASE62, 22)

    def short_id(self) -> str:
        """Page and element ids: 10 alphanumerics, like ``OSnGLBzL1i``."""
        return self._pick(_ALNUM, 10)

    def secret(self, n: int = 48) -> str:
        """Opaque tokens. Not from the seeded stream: tokens must not be guessable from a seed."""
        return "".join(random.SystemRandom().choice(_ALNUM) for _ in range(n))
