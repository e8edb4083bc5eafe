"""The one HTTP core every resource goes through.

Pooled connections, timeouts, the retry policy of ``_retry``, bearer auth from
``_auth``, typed errors from ``_errors`` and a debug trace on the ``sigmakit.http``
logger (method, URL, status, time, request id; never a header or a body).

Fail fast: when every request for ``settings.fail_fast`` seconds has failed without an
HTTP answer (the server is down, the network is gone), the client stops retrying: each
request then gets one quick try and a ``ServerUnreachableError``, so a bulk run over
thousands of items ends within about a minute instead of retrying each one against a dead
server. The first HTTP answer of any kind closes the episode.
"""

from __future__ import annotations

import contextlib
import json as json_module
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ._auth import BearerAuth, MemoryTokenCache, TokenCache, TokenManager, cache_key
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ServerUnreachableError,
    status_error,
)
from ._httpx import OnDemandTransport, httpx
from ._retry import IDEMPOTENT_METHODS, RetryPolicy
from ._settings import Settings
from ._version import __version__

__all__ = ["HttpCore", "path"]

log = logging.getLogger("sigmakit.http")

Scalar = str | int | float | bool
#: Query parameters; ``None`` is left out, a sequence repeats the name (``?t=a&t=b``).
Params = Mapping[str, Scalar | Sequence[str] | None]


def path(template: str, *args: str) -> str:
    """Fill ``{}`` slots of a path with URL-quoted ids, so an id can never change the route."""
    return template.format(*(quote(str(a), safe="") for a in args))


def _param_text(value: Scalar) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _clean_params(params: Params | None) -> dict[str, str | list[str]] | None:
    if not params:
        return None
    out: dict[str, str | list[str]] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, str | int | float | bool):
            out[key] = _param_text(value)
        elif value:
            out[key] = [str(v) for v in value]
    return out


class HttpCore:
    """Sends requests to one Sigma API host with one set of credentials."""

    def __init__(
        self,
        settings: Settings,
        *,
        token_cache: TokenCache | None = None,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_connections: int = 32,
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
        self._lock = threading.Lock()
        #: when the current run of connection failures began (None: the last try was answered)
        self._unanswered_since: float | None = None
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._client = httpx.Client(
            base_url=base_url,
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
            limits=limits,
            # TLS (and its SSL context) only once an https:// URL is requested
            transport=transport if transport is not None else OnDemandTransport(limits=limits),
            headers={"User-Agent": f"sigmakit/{__version__}", "Accept": "application/json"},
            follow_redirects=False,
        )
        self.tokens = TokenManager(
            client_id=client_id,
            client_secret=secret.reveal(),
            request_token=self._request_token,
            cache=token_cache if token_cache is not None else MemoryTokenCache(),
            cache_key=cache_key(settings.profile, base_url, client_id, secret.reveal()),
        )
        self._auth = BearerAuth(self.tokens)
        self.requests_sent = 0

    # -- public ---------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Params | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """Send a request and return its parsed JSON body (``{}`` for an empty body)."""
        response, body = self._send(
            method, url, params=params, json=json, idempotent=idempotent, max_retries=max_retries
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

    @contextlib.contextmanager
    def stream(
        self, method: str, url: str, *, params: Params | None = None
    ) -> Iterator[httpx.Response]:
        """A response whose body is read as it comes (downloads). Retried until the status is in."""
        response, _ = self._send(method, url, params=params, stream=True, idempotent=True)
        try:
            yield response
        finally:
            response.close()

    def close(self) -> None:
        self._client.close()

    # -- internals --------------------------------------------------------------------------

    def _request_token(self, form: dict[str, str]) -> Mapping[str, Any]:
        response, raw = self._send("POST", self.token_url, data=form, auth=False, idempotent=True)
        try:
            body = json_module.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict) or "access_token" not in body:
            raise APIStatusError(
                response.status_code,
                message="the token endpoint answered without an access_token",
                url=self.token_url,
                method="POST",
            )
        return body

    def _send(
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
            method, url, params=_clean_params(params), json=json, data=data
        )
        target = request.url  # shown (secrets redacted) only in a trace or an error
        attempt = 0
        waited = 0.0

        def may_retry(wait: float) -> bool:
            """Within the count and the wait budget, and the server not given up on."""
            return (
                attempt < budget and waited + wait <= self.retry.max_wait and not self.unreachable()
            )

        while True:
            started = time.perf_counter()
            with self._lock:  # shared by the threads of a bulk workflow: no count is lost
                self.requests_sent += 1
            try:
                response = self._client.send(
                    request, auth=self._auth if auth else None, stream=True
                )
                body = b""
                if response.is_success and not stream:
                    try:
                        body = b"".join(response.iter_bytes())
                    finally:
                        response.close()
            except httpx.TransportError as exc:
                timed_out = isinstance(exc, httpx.TimeoutException)
                outcome = "timeout" if timed_out else "error"
                self._trace(method, target, f"{outcome} ({type(exc).__name__})", started, None)
                self._unanswered()
                wait = self.retry.delay(attempt + 1)
                if self.retry.retry_error(exc, idempotent=safe) and may_retry(wait):
                    attempt += 1
                    waited += wait
                    self._sleep(wait)
                    continue
                if self.unreachable():
                    raise ServerUnreachableError(
                        f"no answer from {self.base_url} for {self.settings.fail_fast:g} s "
                        f"or more ({_transport_reason(exc)}); stopping"
                    ) from None
                if timed_out:
                    raise APITimeoutError(
                        f"{method} {_redacted(target)} timed out: {type(exc).__name__}"
                    ) from None
                raise APIConnectionError(
                    f"{method} {_redacted(target)} failed: {_transport_reason(exc)}"
                ) from None
            self._answered()
            request_id = response.headers.get("x-request-id")
            self._trace(method, target, str(response.status_code), started, request_id)
            if response.is_success:
                return response, body
            wait = self.retry.delay(attempt + 1, response.headers.get("retry-after"))
            if self.retry.retry_status(response.status_code, idempotent=safe) and may_retry(wait):
                response.close()
                attempt += 1
                waited += wait
                self._sleep(wait)
                continue
            response.read()
            response.close()
            raise _status_error(response, method, _redacted(target))

    def _unanswered(self) -> None:
        with self._lock:
            if self._unanswered_since is None:
                self._unanswered_since = self._clock()

    def _answered(self) -> None:
        with self._lock:
            self._unanswered_since = None

    def unreachable(self) -> bool:
        """Nothing but connection failures for ``fail_fast`` seconds: stop retrying."""
        with self._lock:
            since = self._unanswered_since
        return since is not None and self._clock() - since >= self.settings.fail_fast

    def _trace(
        self, method: str, url: httpx.URL, outcome: str, started: float, request_id: str | None
    ) -> None:
        if log.isEnabledFor(logging.DEBUG):
            ms = (time.perf_counter() - started) * 1000
            rid = f" request-id={request_id}" if request_id else ""
            log.debug("%s %s -> %s in %.1f ms%s", method, _redacted(url), outcome, ms, rid)


_SECRET_PARAMS = ("token", "secret", "password", "jwt")


def _redacted(url: httpx.URL) -> str:
    if not url.query:
        return str(url)
    params = [
        (k, "***" if any(s in k.lower() for s in _SECRET_PARAMS) else v)
        for k, v in url.params.multi_items()
    ]
    return str(url.copy_with(params=params))


def _transport_reason(exc: httpx.TransportError) -> str:
    text = str(exc).strip()
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({text or 'connection refused'})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server closed the connection without a complete answer"
    return text or type(exc).__name__


def _status_error(response: httpx.Response, method: str, url: str) -> APIStatusError:
    message = response.reason_phrase or "error"
    code: str | None = None
    request_id = response.headers.get("x-request-id")
    body: Any = None
    kind = response.headers.get("content-type", "").lower()
    try:
        body = response.json()
    except ValueError:
        text = response.text.strip()
        if "html" in kind or text.lstrip().startswith("<"):
            # an edge or proxy page (Cloudflare's 429, a gateway's 502): not Sigma's JSON
            where = " (rate limited at the edge)" if response.status_code == 429 else ""
            message = f"{message}{where}; the answer was an HTML page, not Sigma's JSON"
        elif text:
            message = text.splitlines()[0][:200]
    if isinstance(body, dict):
        message = str(body.get("message") or body.get("error_description") or message)
        code = str(body["code"]) if body.get("code") is not None else body.get("error")
        request_id = str(body.get("requestId") or request_id or "") or None
    cls = status_error(response.status_code)
    return cls(
        response.status_code,
        message=message,
        code=code,
        request_id=request_id,
        method=method,
        url=url,
        body=body,
    )
