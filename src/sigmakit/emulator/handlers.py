"""The handlers that turn every failure into Sigma's error body, installed by the app.

They sit above the routes: a malformed body without a token must be a 401, as in Sigma,
so the validation handler asks the routes' auth dependency (``routes.deps``) first."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import ApiError, DroppedConnection, error_body, request_id, shorten
from .routes.deps import OPEN_PATHS, token_refusal

__all__ = ["error_response", "install_error_handlers", "unauthorized"]

log = logging.getLogger("sigmakit.emulator")


def error_response(
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
    path = request.url.path
    if not path.startswith(_API_PREFIXES) or path in OPEN_PATHS:
        return None
    return token_refusal(request)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(request, exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI reads the body before it runs the route's dependencies; Sigma checks the
        # token first, so a malformed body without a token is a 401, not a 400
        refused = unauthorized(request)
        if refused is not None:
            return error_response(request, 401, refused)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = first.get("msg", "invalid request")
        text = f"Invalid request: {where}: {msg}" if where else str(msg)
        return error_response(request, 400, shorten(text))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = "Not found" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # the middleware answers unexpected errors itself; what reaches here is an injected
        # drop, already logged in one line, or an error after the answer started
        if not isinstance(exc, DroppedConnection):
            log.error("unexpected error in %s: %s", request.method, type(exc).__name__)
        return error_response(request, 500, "Internal server error")
