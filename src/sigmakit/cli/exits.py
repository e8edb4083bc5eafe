"""Exit codes, one per kind of failure, and the mapping from errors to them."""

from __future__ import annotations

import os
import sys
from enum import IntEnum

__all__ = [
    "ExitCode",
    "exit_code_for",
    "flush_stdout",
    "one_line",
    "os_error",
    "report_failure",
    "silence_stdout",
]


class ExitCode(IntEnum):
    OK = 0
    #: an API error not covered below, some items of a bulk run failed, or the system
    #: refused a read or a write (a full disk: ``> /dev/full``)
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


def os_error(exc: OSError) -> str:
    """``[Errno 13] Permission denied: 'x'`` -> ``x: Permission denied``: one line, no errno."""
    reason = " ".join((exc.strerror or str(exc)).split()) or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


def silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit has nothing to say."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def flush_stdout() -> None:
    """Write what stdout still holds now, while a failure can still be told in one line
    (at exit, Python prints a note of its own and exits 120). A reader gone away
    (``| head``) is no error; any other failure (a full disk) is one line and FAILURE."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(ExitCode.OK)
    except OSError as exc:
        silence_stdout()
        sys.stderr.write(f"error: cannot write the output: {os_error(exc)}\n")
        sys.exit(ExitCode.FAILURE)


def report_failure(exc: BaseException, *, debug: bool) -> ExitCode:
    """Say what went wrong in one line on stderr (with ``--debug``, the traceback first)
    and give the exit code: the one error boundary of both runners (click's, in
    ``main``, and ``fast.run``)."""
    if isinstance(exc, KeyboardInterrupt):
        _say("interrupted")
        return ExitCode.INTERRUPTED
    from .._errors import SigmaError

    if debug:
        import traceback

        traceback.print_exc()
    if isinstance(exc, SigmaError):
        _say(f"error: {one_line(str(exc))}")
    elif isinstance(exc, OSError):  # the system refused a read or a write (a full disk...)
        _say(f"error: {os_error(exc)}")
    elif isinstance(exc, RecursionError):
        _say("error: the input is nested too deeply to read")
    else:
        _say(
            f"internal error: {type(exc).__name__}: {one_line(str(exc))}"
            + ("" if debug else " (run with --debug for details)")
        )
    return exit_code_for(exc)


def one_line(text: str) -> str:
    return " ".join(text.split())


def _say(line: str) -> None:
    """One line on stderr, as ``click.echo(err=True)`` writes it, without importing click."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
