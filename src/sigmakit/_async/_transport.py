"""httpx's async transport, built per URL scheme on first use: the async twin of
:class:`sigmakit._httpx.OnDemandTransport` (no SSL context for ``http://`` URLs)."""

from __future__ import annotations

from sigmakit._httpx import httpx, plain_pool_options

__all__ = ["AsyncOnDemandTransport"]


class _PlainAsyncHTTPTransport(httpx.AsyncHTTPTransport):
    """httpx's ``AsyncHTTPTransport`` for ``http://`` URLs, made without a TLS context
    (see :func:`sigmakit._httpx.plain_pool_options`)."""

    def __init__(self, *, limits: httpx.Limits) -> None:
        import httpcore

        # AsyncHTTPTransport.__init__ builds the pool the same way, after create_ssl_context()
        self._pool = httpcore.AsyncConnectionPool(**plain_pool_options(limits))


class AsyncOnDemandTransport(httpx.AsyncBaseTransport):
    """``httpx.AsyncHTTPTransport``, one per URL scheme, each built on its first request;
    plain HTTP never speaks TLS, ``https://`` keeps httpx's full verification."""

    def __init__(self, *, limits: httpx.Limits) -> None:
        self._limits = limits
        self._by_scheme: dict[str, httpx.AsyncHTTPTransport] = {}

    def _transport(self, scheme: str) -> httpx.AsyncHTTPTransport:
        # no await between the look-up and the store: one event loop can't interleave here
        transport = self._by_scheme.get(scheme)
        if transport is None:
            if scheme == "http":
                transport = _PlainAsyncHTTPTransport(limits=self._limits)
            else:
                transport = httpx.AsyncHTTPTransport(limits=self._limits)  # verify=True
            self._by_scheme[scheme] = transport
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._transport(request.url.scheme).handle_async_request(request)

    async def aclose(self) -> None:
        transports, self._by_scheme = list(self._by_scheme.values()), {}
        for transport in transports:
            await transport.aclose()
