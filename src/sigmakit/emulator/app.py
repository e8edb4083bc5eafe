"""``create_app``: the emulator as an ASGI app, and the middleware every request passes."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import EmulatorConfig
from .errors import error_body, install_error_handlers
from .routes import include_routes
from .state import EmulatorState

__all__ = ["DroppedConnection", "create_app"]

log = logging.getLogger("sigmakit.emulator")

_API_PREFIXES = ("/v2/", "/v2.1/", "/v3alpha/")


class DroppedConnection(Exception):
    """Raised after the answer has started, so the server cuts the connection."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedConnection)


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


class EmulatorMiddleware:
    """Request id, latency, faults, counts per route and one log line per request."""

    def __init__(self, app: ASGIApp, state: EmulatorState) -> None:
        self.app = app
        self.state = state

    @staticmethod
    def _route(scope: Scope, fault: str | None) -> str:
        """``GET /v2/members/{memberId}``: the route template the router matched."""
        if fault is not None:
            return f"{scope['method']} (fault: {fault})"
        route = scope.get("route")
        template = getattr(route, "path", None)
        return f"{scope['method']} {template or '(no route)'}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rid = str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = rid
        status = 500
        api = scope["path"].startswith(_API_PREFIXES)
        fault: str | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).setdefault("x-request-id", rid)
                if api:  # counted before the answer leaves, so a client never outruns it
                    self.state.stats.record(self._route(scope, fault), status)
                    self.state.requests.add(
                        method=scope["method"],
                        path=scope["path"],
                        route=self._route(scope, fault),
                        status=status,
                        latency_ms=(time.perf_counter() - started) * 1000,
                        fault=fault,
                        request_id=rid,
                    )
            await send(message)

        try:
            if api:
                faults = self.state.faults
                if faults.config.latency_ms:
                    await asyncio.sleep(faults.config.latency_ms / 1000)
                fault, hint = faults.decide()
                if fault is not None:
                    await self._inject(fault, hint, rid, send_with_id)
                    return
            await self.app(scope, receive, send_with_id)
        finally:
            ms = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status, ms)

    async def _inject(self, fault: str, hint: float, rid: str, send: Send) -> None:
        import json

        if fault == "drop":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
                }
            )
            raise DroppedConnection()
        if fault == "error":
            status = self.state.faults.error_status(hint)
            body = error_body(status, "Injected server error", None, rid)
            headers = [(b"content-type", b"application/json")]
        else:
            status = 429
            body = error_body(429, "Too many requests", "too_many_requests", rid)
            headers = [(b"content-type", b"application/json")]
            if fault == "rate_limit":
                headers.append((b"retry-after", str(max(1, round(hint))).encode()))
        payload = json.dumps(body).encode()
        headers.append((b"content-length", str(len(payload)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def create_app(config: EmulatorConfig | None = None, state: EmulatorState | None = None) -> FastAPI:
    """A fresh emulator. Seeds the demo organization unless ``config.db`` already holds one."""
    state = state or EmulatorState.create(config or EmulatorConfig())
    app = FastAPI(
        title="sigmakit Sigma API emulator",
        docs_url="/__emulator/docs",
        openapi_url="/__emulator/openapi.json",
        redoc_url=None,
    )
    app.state.emulator = state
    install_error_handlers(app)
    include_routes(app)
    app.add_middleware(EmulatorMiddleware, state=state)
    return app
