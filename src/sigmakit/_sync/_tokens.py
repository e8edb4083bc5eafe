# generated from src/sigmakit/_async/_tokens.py by scripts/unasync.py; edit that file, then `make generate`
"""OAuth tokens on the wire: get, refresh and re-send on 401.

``TokenManager`` owns the token: it fetches one with the client-credentials grant,
refreshes it with the refresh-token grant shortly before it expires (falling back to
client credentials when the refresh is refused), and lets one task refresh at a time: N
concurrent calls that find no good token send one token request between them.
``BearerAuth`` is the httpx seam that puts the token on every request and, on a 401,
fetches a fresh token once and re-sends. The token, its caches and its cache key are
shared with the sync side (``sigmakit._auth``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Mapping
from typing import Any

from sigmakit._auth import Token, TokenCache, subject_token
from sigmakit._errors import AuthenticationError, BadRequestError
from sigmakit._httpx import httpx

__all__ = ["BearerAuth", "TokenManager", "TokenRequester"]

#: Sends a token request (form fields, and the bearer token to send with it, if any) and
#: returns the parsed JSON body, raising typed errors.
TokenRequester = Callable[..., Mapping[str, Any]]

#: RFC 8693 names of Sigma's impersonation grant (``POST /v2/auth/token``)
EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
_JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt"
_ACCESS_TYPE = "urn:ietf:params:oauth:token-type:access_token"


class TokenManager:
    """Holds the current token; one refresh at a time."""

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        request_token: TokenRequester,
        cache: TokenCache,
        cache_key: str,
        clock: Callable[[], float] = time.time,
        impersonate: str | None = None,
    ) -> None:
        #: the email of the member every token acts as (an Admin's credentials impersonate)
        self.impersonate = impersonate
        self._client_id = client_id
        self._client_secret = client_secret
        self._request_token = request_token
        self._cache = cache
        self._key = cache_key
        self._clock = clock
        self._lock = threading.Lock()
        self._token: Token | None = None
        self.minted = 0  # tokens fetched from the server by this manager
        self.refreshed = 0  # of which through the refresh-token grant

    @property
    def held(self) -> Token | None:
        """The token in hand, if any; nothing is fetched."""
        return self._token

    def current(self) -> Token:
        """A token that is good for a while, fetching or refreshing it if needed."""
        token = self._token
        if token is not None and token.fresh(self._clock()):
            return token
        with self._lock:
            token = self._token
            now = self._clock()
            if token is not None and token.fresh(now):
                return token
            if token is None:
                cached = self._cache.load(self._key)
                if cached is not None and cached.fresh(now):
                    self._token = cached
                    return cached
                token = cached
            self._token = self._obtain(token)
            return self._token

    def invalidate(self, rejected: str) -> None:
        """The server refused ``rejected``: forget it (unless another caller already did)."""
        with self._lock:
            if self._token is not None and self._token.access_token == rejected:
                # keep the refresh token: it may still be good
                self._token = Token("", self._token.refresh_token, 0.0, self._token.lifetime)
                self._cache.clear(self._key)

    def _obtain(self, stale: Token | None) -> Token:
        if self.impersonate is not None:
            return self._impersonated(self.impersonate)
        if stale is not None and stale.refresh_token:
            try:
                token = self._fetch(
                    {
                        "grant_type": "refresh_token",
                        "refresh_token": stale.refresh_token,
                        "client_id": self._client_id,
                        "client_secret": self._client_secret,
                    }
                )
                self.refreshed += 1
                return token
            except (AuthenticationError, BadRequestError):
                pass  # refresh token expired or rotated away: start over
        return self._fetch(
            {
                "grant_type": "client_credentials",
                "client_id": self._client_id,
                "client_secret": self._client_secret,
            }
        )

    def _impersonated(self, email: str) -> Token:
        """A token acting as ``email``: the Admin's own token (client credentials, not kept)
        exchanged, with a JWT signed with the client secret naming the member."""
        actor = self._request_token(
            {
                "grant_type": "client_credentials",
                "client_id": self._client_id,
                "client_secret": self._client_secret,
            }
        )
        actor_token = str(actor["access_token"])
        form = {
            "grant_type": EXCHANGE,
            "subject_token": subject_token(self._client_id, self._client_secret, email),
            "subject_token_type": _JWT_TYPE,
            "actor_token": actor_token,
            "actor_token_type": _ACCESS_TYPE,
        }
        return self._fetch(form, bearer=actor_token)

    def _fetch(self, form: dict[str, str], bearer: str | None = None) -> Token:
        body = self._request_token(form) if bearer is None else self._request_token(form, bearer)
        token = Token.from_response(body, self._clock())
        self.minted += 1
        self._cache.save(self._key, token)
        return token


class BearerAuth(httpx.Auth):
    """Adds the bearer token; on a 401, gets a fresh token once and re-sends."""

    def __init__(self, manager: TokenManager) -> None:
        self._manager = manager

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._manager.current()
        request.headers["Authorization"] = f"Bearer {token.access_token}"
        response = yield request
        if response.status_code == 401:
            self._manager.invalidate(token.access_token)
            token = self._manager.current()
            request.headers["Authorization"] = f"Bearer {token.access_token}"
            yield request
