"""The one HTTP core every resource goes through.

Pooled connections, timeouts, the retry policy of ``_retry``, bearer auth from
``_tokens``, typed errors from ``_errors`` and a debug trace on the ``sigmakit.http``
logger (method, URL, status, time, request id; never a header or a body).

Fail fast: when every request for ``settings.fail_fast`` seconds has failed without an
HTTP answer (the server is down, the network is gone), the client stops retrying: each
request then gets one quick try and a ``ServerUnreachableError``, so a bulk run over
thousands of items ends within about a minute instead of retrying each one against a dead
server. The first HTTP answer of any kind closes the episode.

Before the server has answered once, the window is much shorter
(``FIRST_CONTACT_WINDOW``, 3 s): a command pointed at a port where nothing listens says so
within seconds instead of retrying for half a minute. A server that answered and then
died still gets the whole ``fail_fast`` window to come back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json as json_module
import logging
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

from sigmakit._async._tokens import AsyncBearerAuth, AsyncTokenManager
from sigmakit._async._transport import AsyncOnDemandTransport
from sigmakit._auth import MemoryTokenCache, TokenCache, cache_key
from sigmakit._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ServerUnreachableError,
)
from sigmakit._httpx import httpx
from sigmakit._request import (
    ASYNC_MAX_CONNECTIONS,
    Params,
    clean_params,
    path,
    redacted,
    shown_url,
    status_error_of,
    transport_reason,
)
from sigmakit._retry import IDEMPOTENT_METHODS, RetryPolicy
from sigmakit._settings import Settings
from sigmakit._version import __version__

__all__ = ["AsyncHttpCore", "Params", "path"]

log = logging.getLogger("sigmakit.http")

#: seconds of connection failures, before the server has answered once, that stop a run
FIRST_CONTACT_WINDOW = 3.0


class AsyncHttpCore:
    """Sends requests to one Sigma API host with one set of credentials."""

    def __init__(
        self,
        settings: Settings,
        *,
        token_cache: TokenCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_connections: int = ASYNC_MAX_CONNECTIONS,
        impersonate: str | None = None,
    ) -> None:
        client_id, secret, base_url, token_url = settings.require_credentials()
        self.settings = settings
        self.base_url = base_url
        self.token_url = token_url
        self.retry = retry or RetryPolicy(
            max_retries=settings.max_retries, initial_delay=settings.retry_delay
        )
        self._sleep = sleep
        self._clock = time.monotonic
        # guards counters only, never held while waiting on the network (threads share it)
        self._lock = threading.Lock()
        #: when the current run of connection failures began (None: the last try was answered)
        self._unanswered_since: float | None = None
        #: whether the server has answered once: until then, fail within FIRST_CONTACT_WINDOW
        self._answered_once = False
        #: a never-answering server was given up on: one quick try per request from now on
        self._given_up = False
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
            limits=limits,
            # TLS (and its SSL context) only once an https:// URL is requested
            transport=transport if transport is not None else AsyncOnDemandTransport(limits=limits),
            headers={"User-Agent": f"sigmakit/{__version__}", "Accept": "application/json"},
            follow_redirects=False,
        )
        self.tokens = AsyncTokenManager(
            client_id=client_id,
            client_secret=secret.reveal(),
            request_token=self._request_token,
            cache=token_cache if token_cache is not None else MemoryTokenCache(),
            cache_key=cache_key(settings.profile, base_url, client_id, secret.reveal())
            + (f":as:{impersonate.lower()}" if impersonate else ""),
            impersonate=impersonate,
        )
        self._auth = AsyncBearerAuth(self.tokens)
        self.requests_sent = 0

    # -- public ---------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Params | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> Any:
        """Send a request and return its parsed JSON body (``{}`` for an empty body).
        ``files``: a multipart/form-data upload, field -> (filename, bytes, content type)."""
        response, body = await self._send(
            method,
            url,
            params=params,
            json=json,
            idempotent=idempotent,
            max_retries=max_retries,
            files=files,
        )
        if not body:
            return {}
        try:
            return json_module.loads(body)
        except ValueError:
            raise APIStatusError(
                response.status_code,
                message="the server answered with something that is not JSON",
                method=method,
                url=str(response.request.url),
            ) from None

    @contextlib.asynccontextmanager
    async def stream(
        self, method: str, url: str, *, params: Params | None = None
    ) -> AsyncIterator[httpx.Response]:
        """A response whose body is read as it comes (downloads). Retried until the status is in."""
        response, _ = await self._send(method, url, params=params, stream=True, idempotent=True)
        try:
            yield response
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- internals --------------------------------------------------------------------------

    async def _request_token(
        self, form: dict[str, str], bearer: str | None = None
    ) -> Mapping[str, Any]:
        headers = None if bearer is None else {"Authorization": f"Bearer {bearer}"}
        response, raw = await self._send(
            "POST", self.token_url, data=form, auth=False, idempotent=True, headers=headers
        )
        try:
            body = json_module.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict) or "access_token" not in body:
            raise APIStatusError(
                response.status_code,
                message="the token endpoint answered without an access_token",
                url=shown_url(self.token_url),
                method="POST",
            )
        return body

    async def _send(
        self,
        method: str,
        url: str,
        *,
        params: Params | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        auth: bool = True,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        stream: bool = False,
        headers: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> tuple[httpx.Response, bytes]:
        """The successful response and its body, after the retries the policy allows.

        With ``stream`` the body is left unread (``b""`` is returned) for the caller to
        iterate. Otherwise the body is read here, inside the retry loop (a connection
        dropped mid-body is retried like any other), and kept only in the returned bytes:
        httpx's response holds itself in a reference cycle, and a body cached on it
        would live until the next garbage collection, so long listings would grow.
        """
        method = method.upper()
        safe = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        budget = self.retry.max_retries if max_retries is None else max_retries
        request = self._client.build_request(
            method,
            url,
            params=clean_params(params),
            json=json,
            data=data,
            headers=headers,
            files=files,
        )
        target = request.url  # shown (secrets redacted) only in a trace or an error
        attempt = 0
        waited = 0.0

        def may_retry(wait: float) -> bool:
            """Within the count and the wait budget, and the server not given up on."""
            return (
                attempt < budget
                and waited + wait <= self.retry.max_wait
                and not self.unreachable(ahead=wait)
            )

        while True:
            started = time.perf_counter()
            with self._lock:  # shared by the threads of a bulk workflow: no count is lost
                self.requests_sent += 1
            try:
                response = await self._client.send(
                    request, auth=self._auth if auth else None, stream=True
                )
                body = b""
                if response.is_success and not stream:
                    try:
                        body = b"".join([chunk async for chunk in response.aiter_bytes()])
                    finally:
                        await response.aclose()
            except httpx.TransportError as exc:
                timed_out = isinstance(exc, httpx.TimeoutException)
                outcome = "timeout" if timed_out else "error"
                self._trace(method, target, f"{outcome} ({type(exc).__name__})", started, None)
                self._unanswered()
                wait = self.retry.delay(attempt + 1)
                if self.retry.retry_error(exc, idempotent=safe) and may_retry(wait):
                    attempt += 1
                    waited += wait
                    await self._sleep(wait)
                    continue
                if not self._answered_once and isinstance(exc, httpx.ConnectError):
                    with self._lock:
                        self._given_up = True
                    raise ServerUnreachableError(self._first_contact_failure(exc)) from None
                if self.unreachable():
                    raise ServerUnreachableError(
                        f"no answer from {shown_url(self.base_url)} for {self.settings.fail_fast:g} s "
                        f"or more ({transport_reason(exc)}); stopping"
                    ) from None
                if timed_out:
                    raise APITimeoutError(
                        f"{method} {redacted(target)} timed out: {type(exc).__name__}"
                    ) from None
                raise APIConnectionError(
                    f"{method} {redacted(target)} failed: {transport_reason(exc)}"
                ) from None
            self._answered()
            request_id = response.headers.get("x-request-id")
            self._trace(method, target, str(response.status_code), started, request_id)
            if response.is_success:
                return response, body
            wait = self.retry.delay(attempt + 1, response.headers.get("retry-after"))
            if self.retry.retry_status(response.status_code, idempotent=safe) and may_retry(wait):
                await response.aclose()
                attempt += 1
                waited += wait
                await self._sleep(wait)
                continue
            await response.aread()
            await response.aclose()
            raise status_error_of(response, method, redacted(target))

    def _unanswered(self) -> None:
        with self._lock:
            if self._unanswered_since is None:
                self._unanswered_since = self._clock()

    def _answered(self) -> None:
        with self._lock:
            self._unanswered_since = None
            self._answered_once = True
            self._given_up = False

    def unreachable(self, ahead: float = 0.0) -> bool:
        """Nothing but connection failures for ``fail_fast`` seconds: stop retrying.

        Before the first answer the window is ``FIRST_CONTACT_WINDOW`` at most, and a wait
        of ``ahead`` seconds that would end past it counts as past it (no sleep overshoots)."""
        with self._lock:
            since = self._unanswered_since
            answered = self._answered_once
            if self._given_up:
                return True
        if since is None:
            return False
        if answered:
            return self._clock() - since >= self.settings.fail_fast
        window = min(self.settings.fail_fast, FIRST_CONTACT_WINDOW)
        return self._clock() + ahead - since >= window

    def _first_contact_failure(self, exc: httpx.ConnectError) -> str:
        """The one line for a server that never answered: nothing listening, or no host."""
        where = redacted(httpx.URL(self.base_url))
        if _refused(exc):
            return f"nothing is listening at {where} (connection refused); is the server running?"
        return f"cannot reach {where}: {transport_reason(exc)}"

    def _trace(
        self, method: str, url: httpx.URL, outcome: str, started: float, request_id: str | None
    ) -> None:
        if log.isEnabledFor(logging.DEBUG):
            ms = (time.perf_counter() - started) * 1000
            rid = f" request-id={request_id}" if request_id else ""
            log.debug("%s %s -> %s in %.1f ms%s", method, redacted(url), outcome, ms, rid)


def _refused(exc: BaseException) -> bool:
    """Whether a connect error was a refused connection (nothing listening), however deep
    the transport wrapped it (anyio's async connect says "All connection attempts failed")."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError) or "refused" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False
