"""The emulator's error types, and the handlers that turn every failure into Sigma's body.

Stores and routes raise ``NotFound``, ``BadRequest``, ``Conflict``, ``Forbidden``,
``Unauthorized``, ``RateLimited`` (or ``ApiError`` for any other status); one handler below
renders them all."""

from __future__ import annotations

import logging
import re
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = [
    "ApiError",
    "BadRequest",
    "Conflict",
    "DroppedConnection",
    "Forbidden",
    "NotFound",
    "RateLimited",
    "Unauthorized",
    "error_body",
    "install_error_handlers",
    "unauthorized",
]

log = logging.getLogger("sigmakit.emulator")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    429: "too_many_requests",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
}


#: a run of this many characters without a space in a message (an id, a value the client
#: sent) is cut short: a 1 MB id is not echoed back whole
_LONG_WORD = re.compile(r"\S{121,}")
SHOWN_CHARS = 60


def _shorten(message: str) -> str:
    return _LONG_WORD.sub(lambda m: f"{m[0][:SHOWN_CHARS]}... ({len(m[0])} characters)", message)


class DroppedConnection(Exception):
    """Raised after the answer has started, so the server cuts the connection."""


class ApiError(Exception):
    """Raised by stores and routes; rendered as ``{"message", "code", "requestId"}``.

    Long words in the message (ids or values echoed from the request) are shortened."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        message = _shorten(message)
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")
        self.headers = headers or {}


class BadRequest(ApiError):
    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(400, message, code)


class Unauthorized(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(401, message)


class Forbidden(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(403, message)


class NotFound(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(404, message)

    @classmethod
    def of(cls, what: str, ident: object) -> NotFound:
        """Sigma's "<What> not found: <id>"."""
        return cls(f"{what} not found: {ident}")


class Conflict(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(409, message)

    @classmethod
    def duplicate(cls, key: str, ident: object) -> Conflict:
        """Sigma's "Duplicate record: <key>=<id of the one already there>"."""
        return cls(f"Duplicate record: {key}={ident}")


class RateLimited(ApiError):
    """Sigma's 429, with ``Retry-After`` (whole seconds, rounded up from ``wait``)."""

    def __init__(self, message: str, wait: float) -> None:
        super().__init__(429, message, headers={"Retry-After": str(round(wait + 0.5))})


def request_id(request: Request) -> str:
    rid = getattr(request.state, "request_id", None)
    if rid is None:
        rid = str(uuid.uuid4())
        request.state.request_id = rid
    return str(rid)


def error_body(status: int, message: str, code: str | None, rid: str) -> dict[str, str]:
    return {"message": message, "code": code or _CODES.get(status, "error"), "requestId": rid}


def _response(
    request: Request,
    status: int,
    message: str,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    rid = request_id(request)
    return JSONResponse(
        error_body(status, message, code, rid),
        status_code=status,
        headers={"x-request-id": rid, **(headers or {})},
    )


_API_PREFIXES = ("/v2/", "/v2.1/", "/v3alpha/")


def unauthorized(request: Request) -> str | None:
    """Sigma's 401 message when an API request needs a token and has no valid one."""
    from .routes.deps import OPEN_PATHS, token_refusal

    path = request.url.path
    if not path.startswith(_API_PREFIXES) or path in OPEN_PATHS:
        return None
    return token_refusal(request)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _response(request, exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI reads the body before it runs the route's dependencies; Sigma checks the
        # token first, so a malformed body without a token is a 401, not a 400
        refused = unauthorized(request)
        if refused is not None:
            return _response(request, 401, refused)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = first.get("msg", "invalid request")
        text = f"Invalid request: {where}: {msg}" if where else str(msg)
        return _response(request, 400, _shorten(text))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = "Not found" if exc.status_code == 404 else str(exc.detail)
        return _response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # the middleware answers unexpected errors itself; what reaches here is an injected
        # drop, already logged in one line, or an error after the answer started
        if not isinstance(exc, DroppedConnection):
            log.error("unexpected error in %s: %s", request.method, type(exc).__name__)
        return _response(request, 500, "Internal server error")
