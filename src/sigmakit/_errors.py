"""Every error sigmakit raises.

    SigmaError
    ├── ConfigError                 a setting is missing, malformed or contradictory
    ├── InputError                  bad input caught before any request was sent
    │   └── UnknownOperationError   a raw call's path, method or query parameter is not in
    │                               the bundled API description
    ├── APIConnectionError          the request never got an HTTP answer
    │   ├── APITimeoutError
    │   └── ServerUnreachableError  no answer at all for a while: the run stops (fail fast)
    ├── APIStatusError              Sigma answered with an error status
    │   ├── BadRequestError         400
    │   ├── AuthenticationError     401 (and refused client credentials)
    │   ├── PermissionDeniedError   403
    │   ├── NotFoundError           404
    │   ├── ConflictError           409
    │   ├── RateLimitError          429
    │   └── ServerError             5xx
    └── JobError                    a long job did not finish well
        ├── JobFailedError
        └── JobTimeoutError

No error ever carries a client secret, an access token or a refresh token.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigError",
    "ConflictError",
    "InputError",
    "JobError",
    "JobFailedError",
    "JobTimeoutError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "ServerUnreachableError",
    "SigmaError",
    "UnknownOperationError",
    "status_error",
]


class SigmaError(Exception):
    """Base of every sigmakit error."""


class ConfigError(SigmaError):
    """A setting is missing, malformed or contradicts another one."""


class InputError(SigmaError, ValueError):
    """Input that cannot be right (unknown control, malformed file...), refused before any call."""


class UnknownOperationError(InputError):
    """A raw call (``sigma.request``, ``sigmakit api``) names a path, a method or a query
    parameter that Sigma's API description bundled with sigmakit does not have; nothing was
    sent. ``closest`` holds the nearest operations (``"GET /v2/members"``...), best first."""

    def __init__(
        self,
        reason: str,
        *,
        method: str,
        path: str,
        closest: tuple[str, ...] = (),
        hint: str = "check=False sends it anyway",
    ) -> None:
        self.reason = reason
        self.method = method
        self.path = path
        self.closest = closest
        self.hint = hint
        super().__init__(f"{reason} ({hint})" if hint else reason)

    def with_hint(self, hint: str) -> UnknownOperationError:
        """The same error, telling how to skip the check in another way (``--no-check``)."""
        return UnknownOperationError(
            self.reason, method=self.method, path=self.path, closest=self.closest, hint=hint
        )


class APIConnectionError(SigmaError):
    """The request got no HTTP answer: refused, reset or dropped connection."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class ServerUnreachableError(APIConnectionError):
    """Every request for ``fail_fast`` seconds failed without an HTTP answer: the client
    stops trying (one quick try per request) until the server answers again."""


class APIStatusError(SigmaError):
    """Sigma answered with an error status. Carries Sigma's `code`, `message` and `requestId`."""

    def __init__(
        self,
        status_code: int,
        *,
        message: str,
        code: str | None = None,
        request_id: str | None = None,
        method: str | None = None,
        url: str | None = None,
        body: Any = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.code = code
        self.request_id = request_id
        self.method = method
        self.url = url
        self.body = body
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.method is None and self.url is None and self.request_id is None:
            return self.message  # found out on our side (a lookup by email...), no request failed
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        code = f" {self.code}" if self.code else ""
        rid = f" [request id {self.request_id}]" if self.request_id else ""
        return f"HTTP {self.status_code}{code}: {self.message}{where}{rid}"


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class ServerError(APIStatusError):
    pass


class JobError(SigmaError):
    """A long job (materialization, export) did not end well."""


class JobFailedError(JobError):
    pass


class JobTimeoutError(JobError):
    pass


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def status_error(status_code: int) -> type[APIStatusError]:
    """The error class for an HTTP status."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIStatusError)
