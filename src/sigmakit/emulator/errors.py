"""The emulator's error types and Sigma's error body: the ground floor, importing nothing
of the emulator.

Stores and routes raise ``NotFound``, ``BadRequest``, ``Conflict``, ``Forbidden``,
``Unauthorized``, ``RateLimited`` (or ``ApiError`` for any other status); the handlers in
``handlers.py``, above the routes, render them all."""

from __future__ import annotations

import re
import uuid

from fastapi import Request

__all__ = [
    "ApiError",
    "BadRequest",
    "Conflict",
    "DroppedConnection",
    "Forbidden",
    "NotEmulated",
    "NotFound",
    "RateLimited",
    "Unauthorized",
    "error_body",
    "request_id",
    "shorten",
]

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


def shorten(message: str) -> str:
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
        message = shorten(message)
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


class NotEmulated(ApiError):
    """A 501 from a stub that ``scripts/scaffold.py`` wrote: the route is there, its store
    method is not written yet. The message names the operation."""

    def __init__(self, operation_id: str) -> None:
        super().__init__(
            501,
            f"{operation_id} is not emulated yet (a stub written by scripts/scaffold.py)",
            "not_implemented",
        )


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
