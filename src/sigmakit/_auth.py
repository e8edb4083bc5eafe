"""OAuth tokens for Sigma: the token, and where it is kept (``MemoryTokenCache``,
``FileTokenCache``), shared by the sync and the async client.

Getting, refreshing and re-sending on 401 are ``TokenManager`` and ``BearerAuth``
(``sigmakit._tokens``, generated from ``sigmakit._async._tokens``).

Tokens can be kept between processes in a file only the user can read
(``FileTokenCache``), keyed by profile, base URL and a hash of the credentials.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ._cache_dir import cache_dir

__all__ = [
    "FileTokenCache",
    "MemoryTokenCache",
    "Token",
    "TokenCache",
    "subject_token",
]

#: Refresh this long before expiry at most; for short-lived tokens, a tenth of their life.
REFRESH_MARGIN_SECONDS = 60.0


@dataclass(frozen=True)
class Token:
    access_token: str
    refresh_token: str | None
    expires_at: float  # time.time() seconds
    lifetime: float

    def __repr__(self) -> str:  # never show the tokens
        return f"Token(expires_at={self.expires_at:.0f})"

    def fresh(self, now: float) -> bool:
        margin = min(REFRESH_MARGIN_SECONDS, self.lifetime * 0.1)
        return now < self.expires_at - margin

    def to_json(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
            "lifetime": self.lifetime,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Token:
        return cls(
            access_token=str(data["access_token"]),
            refresh_token=data.get("refresh_token"),
            expires_at=float(data["expires_at"]),
            lifetime=float(data.get("lifetime", 3600)),
        )

    @classmethod
    def from_response(cls, body: Mapping[str, Any], now: float) -> Token:
        lifetime = float(body.get("expires_in") or 3600)
        return cls(
            access_token=str(body["access_token"]),
            refresh_token=body.get("refresh_token"),
            expires_at=now + lifetime,
            lifetime=lifetime,
        )


class TokenCache(Protocol):
    def load(self, key: str) -> Token | None: ...
    def save(self, key: str, token: Token) -> None: ...
    def clear(self, key: str) -> None: ...


class MemoryTokenCache:
    """Keeps tokens for the life of the process (the SDK's default)."""

    def __init__(self) -> None:
        self._tokens: dict[str, Token] = {}

    def load(self, key: str) -> Token | None:
        return self._tokens.get(key)

    def save(self, key: str, token: Token) -> None:
        self._tokens[key] = token

    def clear(self, key: str) -> None:
        self._tokens.pop(key, None)


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    return Path(cache_dir(env))


class FileTokenCache:
    """Tokens kept between runs in ``<cache dir>/tokens.json``, mode 0600 in a 0700 folder.

    A broken or unreadable file is treated as empty: the cache is an optimisation,
    never a reason to fail.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_cache_dir()
        self.path = self.directory / "tokens.json"
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        import tempfile  # only when a token is written (shutil and more, not needed to read)

        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(self.directory, 0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tokens.", dir=self.directory)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def load(self, key: str) -> Token | None:
        entry = self._read().get(key)
        if not isinstance(entry, dict):
            return None
        try:
            return Token.from_json(entry)
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, key: str, token: Token) -> None:
        with self._lock:
            data = self._read()
            now = time.time()
            data = {
                k: v
                for k, v in data.items()
                if isinstance(v, dict) and float(v.get("expires_at", 0)) > now
            }
            data[key] = token.to_json()
            with contextlib.suppress(OSError):
                self._write(data)

    def clear(self, key: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(key, None) is not None:
                with contextlib.suppress(OSError):
                    self._write(data)


def cache_key(profile: str | None, base_url: str, client_id: str, secret: str) -> str:
    """Names a token by where and with what it was minted; the secret only as a hash."""
    digest = hashlib.sha256(f"{client_id}\0{secret}".encode()).hexdigest()[:24]
    return f"{profile or 'default'}|{base_url}|{digest}"


def subject_token(client_id: str, secret: str, email: str) -> str:
    """The self-signed JWT of Sigma's impersonation grant: ``kid`` (the client id, in its
    header), ``sub`` (the member to act as), signed with the client secret (HS256). Sigma's
    secrets may be shorter than PyJWT's recommended HS256 key; the key is Sigma's to choose."""
    import warnings

    import jwt

    now = int(time.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
        return jwt.encode(
            {"sub": email, "iat": now, "exp": now + 300},
            secret,
            algorithm="HS256",
            headers={"kid": client_id},
        )
