"""``create_app``: the emulator as an ASGI app, and the middleware every request passes."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid

from fastapi import FastAPI, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .access import control_refusal, cross_site_refusal, host_refusal, needs_control
from .config import EmulatorConfig
from .errors import DroppedConnection, error_body
from .faults import AFTER_FAULTS
from .handlers import install_error_handlers, unauthorized
from .registry import RESOURCES
from .routes import include_routes
from .state import EmulatorState

__all__ = ["DroppedConnection", "create_app", "printable"]

log = logging.getLogger("sigmakit.emulator")

_API_PREFIXES = ("/v2/", "/v2.1/", "/v3alpha/")


_SURROGATE_MESSAGE = "Malformed request body: a string holds half of a UTF-16 surrogate pair"


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedConnection)


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``...), so a request path
    cannot write a line of its own into the log."""
    if text.isprintable():  # nearly every path: no character to look at one by one
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_HTML_429 = (
    b"<!DOCTYPE html>\n<html><head><title>Access denied | Error 1015</title></head>"
    b"<body><h1>Error 1015</h1><h2>You are being rate limited</h2>"
    b"<p>The owner of this website has banned you temporarily from accessing it.</p>"
    b"</body></html>\n"
)


#: every answer may be shown only by the emulator's own pages, never in another site's frame
_NO_FRAMING = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
)
#: a JSON escape of a UTF-16 surrogate (``\\ud800``): only a body holding one is parsed here
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def has_lone_surrogate(body: bytes) -> bool:
    """Whether a JSON body holds a string with half a UTF-16 pair (``"\\ud800"``, or its
    bytes, which ``json.loads`` lets through), which no UTF-8 text, database or answer can
    carry. Not JSON: False (the route says why). Only a body holding such an escape, or not
    strict UTF-8, is parsed here."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:  # surrogate bytes, another encoding, or not text at all
        pass
    else:
        if not _SURROGATE_ESCAPE.search(body):
            return False
    try:
        json.dumps(json.loads(body), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (ValueError, RecursionError):
        return False
    return False


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole request body, and a ``receive`` that hands it on to the app."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client left: pass that on
            return b"", _replay([message], receive)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    return body, _replay([{"type": "http.request", "body": body, "more_body": False}], receive)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    async def again() -> Message:
        return messages.pop(0) if messages else await receive()

    return again


class EmulatorMiddleware:
    """Request id, latency, faults, counts per route, the control plane's gate and one
    log line per request."""

    def __init__(self, app: ASGIApp, state: EmulatorState) -> None:
        self.app = app
        self.state = state

    @staticmethod
    def _route(scope: Scope, fault: str | None) -> str:
        """``GET /v2/members/{memberId}``: the route template the router matched."""
        if fault is not None and fault not in AFTER_FAULTS:
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
        outcome = ""

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers.setdefault("x-request-id", rid)
                for name, value in _NO_FRAMING:
                    headers.setdefault(name.decode(), value.decode())
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
            refusal = self._refusal(scope)
            if refusal is not None:
                status_of, message = refusal
                await self._answer(
                    send_with_id, status_of, error_body(status_of, message, None, rid)
                )
                return
            if scope["method"] in _BODY_METHODS:
                body, receive = await _buffered(receive)
                if has_lone_surrogate(body):
                    refused = unauthorized(Request(scope))
                    code, message = (401, refused) if refused else (400, _SURROGATE_MESSAGE)
                    await self._answer(send_with_id, code, error_body(code, message, None, rid))
                    return
            if api:
                faults = self.state.faults
                if faults.config.latency_ms:
                    await asyncio.sleep(faults.config.latency_ms / 1000)
                fault, hint = faults.decide(scope["method"])
                if fault is not None and fault not in AFTER_FAULTS:
                    await self._inject(fault, hint, rid, send_with_id)
                    return
                if fault is not None:
                    await self._after(scope, receive, fault, hint, rid, send_with_id)
                    return
            await self._run(scope, receive, send_with_id, rid)
        except DroppedConnection:
            outcome = f" (fault: {fault}: connection dropped)"
            raise
        finally:
            ms = (time.perf_counter() - started) * 1000
            shown = f" (fault: {fault})" if fault and not outcome else outcome
            log.info(
                "%s %s %s %.1fms%s", scope["method"], printable(scope["path"]), status, ms, shown
            )

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """``(status, message)`` if the request may not go on: a ``Host`` that is not this
        server's (400), or a control-plane request its client may not make (403)."""
        headers = scope["headers"]
        host = next((v.decode("latin-1") for k, v in headers if k == b"host"), None)
        refusal = host_refusal(host, scope.get("server"), self.state.config.allowed_hosts)
        if refusal is not None:
            return 400, refusal
        if needs_control(scope["path"]):
            client = scope.get("client")
            refusal = control_refusal(
                client[0] if client else None, headers, self.state.config.control_token
            )
            if refusal is not None:
                return 403, refusal
        refusal = cross_site_refusal(scope["method"], scope["path"], headers)
        return None if refusal is None else (403, refusal)

    async def _run(self, scope: Scope, receive: Receive, send: Send, rid: str) -> None:
        """The app, with an unexpected error answered as a plain 500 here (one log line and
        its traceback), so the server does not also cut the keep-alive connection."""
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except DroppedConnection:
            raise
        except Exception:
            log.exception("unexpected error in %s %s", scope["method"], printable(scope["path"]))
            if started:
                raise DroppedConnection() from None
            await self._answer(send, 500, error_body(500, "Internal server error", None, rid))

    async def _after(
        self, scope: Scope, receive: Receive, fault: str, hint: float, rid: str, send: Send
    ) -> None:
        """Carry the request out, throw its answer away, then fail as ``fault`` says."""

        async def swallow(message: Message) -> None:
            return None

        await self._run(scope, receive, swallow, rid)
        if fault == "drop_after":
            await self._drop(send)
        status = self.state.faults.error_status(hint)
        await self._answer(send, status, error_body(status, "Injected server error", None, rid))

    @staticmethod
    async def _drop(send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
            }
        )
        raise DroppedConnection()

    @staticmethod
    async def _answer(
        send: Send,
        status: int,
        body: dict[str, str] | bytes,
        headers: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        kind = b"text/html; charset=UTF-8" if isinstance(body, bytes) else b"application/json"
        all_headers = [(b"content-type", kind), *(headers or [])]
        all_headers.append((b"content-length", str(len(payload)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": all_headers})
        await send({"type": "http.response.body", "body": payload})

    async def _inject(self, fault: str, hint: float, rid: str, send: Send) -> None:
        if fault == "drop":
            await self._drop(send)
        if fault == "error":
            status = self.state.faults.error_status(hint)
            await self._answer(send, status, error_body(status, "Injected server error", None, rid))
        elif fault == "rate_limit_html":  # the edge's answer: HTML, no Retry-After
            await self._answer(send, 429, _HTML_429, [(b"server", b"cloudflare")])
        else:
            headers = []
            if fault == "rate_limit":
                headers.append((b"retry-after", str(max(1, round(hint))).encode()))
            body = error_body(429, "Too many requests", "too_many_requests", rid)
            await self._answer(send, 429, body, headers)


def create_app(config: EmulatorConfig | None = None, state: EmulatorState | None = None) -> FastAPI:
    """A fresh emulator. Seeds the demo organization unless ``config.db`` already holds one."""
    state = state or EmulatorState.create(config or EmulatorConfig(), RESOURCES)
    app = FastAPI(
        title="sigmakit Sigma API emulator",
        docs_url="/__emulator/docs",
        openapi_url="/__emulator/openapi.json",
        redoc_url=None,
    )
    app.state.emulator = state
    install_error_handlers(app)
    include_routes(app, RESOURCES)
    app.add_middleware(EmulatorMiddleware, state=state)
    return app
