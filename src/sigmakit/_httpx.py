"""httpx, imported without its command-line client, and a transport that builds TLS only
when a request needs it.

httpx 0.28's ``__init__`` imports ``httpx._main`` (the ``httpx`` command) whenever click,
rich and pygments are installed, as they are beside sigmakit; that doubles httpx's import
time for a library that never runs that command. Importing httpx through this module
keeps ``httpx._main`` out (``httpx.main`` is then httpx's own stand-in that explains
the command is unavailable; ``import httpx._main`` still works afterwards).

Every SDK module imports httpx from here, so whichever comes first does it.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

if "httpx" not in sys.modules and "httpx._main" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]  # httpx catches the ImportError
    try:
        import httpx as httpx
    finally:
        if sys.modules.get("httpx._main", 0) is None:
            del sys.modules["httpx._main"]
else:  # pragma: no cover - httpx was imported before sigmakit
    import httpx as httpx

__all__ = ["OnDemandTransport", "httpx", "plain_pool_options"]


def plain_pool_options(limits: httpx.Limits) -> dict[str, Any]:
    """httpcore's pool options for ``http://`` URLs, as ``HTTPTransport.__init__`` (and its
    async twin) pass them, without the TLS context httpx builds for every transport. No
    TLS is ever spoken on an ``http://`` URL, and the process's first context is the
    costly one (OpenSSL sets itself up: 2-15 ms)."""
    return {
        "ssl_context": None,  # httpcore makes one only for an https:// origin: never here
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
        "http1": True,
        "http2": False,
    }


class _PlainHTTPTransport(httpx.HTTPTransport):
    """httpx's ``HTTPTransport`` for ``http://`` URLs: the same requests, errors and
    connection pool (httpcore's, with the same limits), made without a TLS context."""

    def __init__(self, *, limits: httpx.Limits) -> None:
        import httpcore

        # HTTPTransport.__init__ builds the pool the same way, after create_ssl_context()
        self._pool = httpcore.ConnectionPool(**plain_pool_options(limits))


class OnDemandTransport(httpx.BaseTransport):
    """httpx's own ``HTTPTransport``, one per URL scheme, each built on the first request
    that uses it.

    httpx builds an SSL context for every client it creates (with certifi's CA bundle,
    the costliest step of making a client), even when every request goes to an
    ``http://`` URL (a local emulator). Here a plain-HTTP transport, which never
    speaks TLS and builds no SSL context, serves ``http://`` URLs, and the TLS transport,
    with httpx's default and full certificate verification, is built when an ``https://``
    URL is first asked for.
    Proxies from the environment are unaffected (httpx mounts them in front of this).
    """

    def __init__(self, *, limits: httpx.Limits) -> None:
        self._limits = limits
        self._lock = threading.Lock()
        self._by_scheme: dict[str, httpx.HTTPTransport] = {}

    def _transport(self, scheme: str) -> httpx.HTTPTransport:
        with self._lock:
            transport = self._by_scheme.get(scheme)
            if transport is None:
                if scheme == "http":
                    transport = _PlainHTTPTransport(limits=self._limits)
                else:
                    transport = httpx.HTTPTransport(limits=self._limits)  # verify=True
                self._by_scheme[scheme] = transport
            return transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._transport(request.url.scheme).handle_request(request)

    def close(self) -> None:
        with self._lock:
            transports, self._by_scheme = list(self._by_scheme.values()), {}
        for transport in transports:
            transport.close()
