"""What the sync and the async HTTP cores share: query parameters, quoted paths, the
redacted URL of a trace or an error, and the typed error of a failed answer. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ._errors import APIStatusError, status_error
from ._httpx import httpx
from ._sources import shown_url

__all__ = [
    "ASYNC_MAX_CONNECTIONS",
    "MAX_CONNECTIONS",
    "Params",
    "Scalar",
    "clean_params",
    "path",
    "redacted",
    "shown_url",
    "status_error_of",
    "transport_reason",
]

#: the connections a client keeps to the API at most (its ``max_connections`` default)
MAX_CONNECTIONS = 32
#: the async client's default is smaller: httpcore's async pool checks each idle connection
#: against all the others on every request event, so its CPU a request grows with the
#: square of the connections open. 400 calls, 32 in flight, on 2 cores: 1.55 s (1.5 s of
#: CPU) with 32 connections, 0.71 s with 16; tasks beyond the pool wait their turn in it.
#: (The sync pool has no such cost: 32 threads take the same time with 16 or 32.)
ASYNC_MAX_CONNECTIONS = 16

Scalar = str | int | float | bool
#: Query parameters; ``None`` is left out, a sequence repeats the name (``?t=a&t=b``).
Params = Mapping[str, Scalar | Sequence[str] | None]


def path(template: str, *args: str) -> str:
    """Fill ``{}`` slots of a path with URL-quoted ids, so an id can never change the route."""
    return template.format(*(quote(str(a), safe="") for a in args))


def _param_text(value: Scalar) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def clean_params(params: Params | None) -> dict[str, str | list[str]] | None:
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


_SECRET_PARAMS = ("token", "secret", "password", "jwt")


def redacted(url: httpx.URL) -> str:
    """A request's URL for a trace or an error: credentials in it and the values of secret
    query parameters (``token``, ``secret``...) become ``***``."""
    if not url.query:
        return shown_url(str(url))
    params = [
        (k, "***" if any(s in k.lower() for s in _SECRET_PARAMS) else v)
        for k, v in url.params.multi_items()
    ]
    return shown_url(str(url.copy_with(params=params)))


def transport_reason(exc: httpx.TransportError) -> str:
    text = str(exc).strip()
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({text or 'connection refused'})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server closed the connection without a complete answer"
    return text or type(exc).__name__


def status_error_of(response: httpx.Response, method: str, url: str) -> APIStatusError:
    """The typed error of a failed answer whose body has been read."""
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
