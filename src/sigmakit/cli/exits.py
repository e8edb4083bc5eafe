"""Exit codes, one per kind of failure, and the mapping from errors to them."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode", "exit_code_for"]


class ExitCode(IntEnum):
    OK = 0
    #: an API error not covered below, or some items of a bulk run failed
    FAILURE = 1
    #: bad command line or bad input (unknown option, malformed file, unknown control...,
    #: or a request Sigma refused as malformed: 400)
    USAGE = 2
    #: a setting is missing or contradictory
    CONFIG = 3
    #: the credentials were refused, or they may not do this (401, 403)
    AUTH = 4
    #: the member, team, workbook... does not exist (404)
    NOT_FOUND = 5
    #: the change collides with what exists (409)
    CONFLICT = 6
    #: rate limited, server error or no connection, after retries: try again later
    UNAVAILABLE = 7
    #: a long job failed or did not finish in time
    JOB = 8
    #: not a failure: ``access review --since`` found access granted, raised, lowered or
    #: revoked since the snapshot (a scheduled review acts on it; 0 when nothing changed)
    CHANGED = 10
    INTERRUPTED = 130


def exit_code_for(exc: BaseException) -> ExitCode:
    from .._errors import (
        APIConnectionError,
        AuthenticationError,
        BadRequestError,
        ConfigError,
        ConflictError,
        InputError,
        JobError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ServerError,
    )

    table: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], ExitCode], ...] = (
        (ConfigError, ExitCode.CONFIG),
        ((InputError, BadRequestError), ExitCode.USAGE),
        ((AuthenticationError, PermissionDeniedError), ExitCode.AUTH),
        (NotFoundError, ExitCode.NOT_FOUND),
        (ConflictError, ExitCode.CONFLICT),
        ((RateLimitError, ServerError, APIConnectionError), ExitCode.UNAVAILABLE),
        (JobError, ExitCode.JOB),
    )
    for kinds, code in table:
        if isinstance(exc, kinds):
            return code
    return ExitCode.FAILURE
