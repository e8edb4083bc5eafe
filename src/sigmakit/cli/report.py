"""Showing a workflow's report: a table for people, JSONL in a pipe (or what ``-o`` says),
a one-line summary on stderr, and exit code 1 when an item failed or was unknown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .output import OutputOptions, emit, info, output_options

if TYPE_CHECKING:
    from ..workflows.report import Report

__all__ = ["finish", "report_fields", "report_output", "show"]

F = TypeVar("F", bound=Callable[..., Any])


def report_fields(subject: str = "email", *, step: bool = False) -> tuple[str, ...]:
    """What a report item shows (``workflows.report.Item.to_dict``)."""
    return (subject, *(("step",) if step else ()), "status", "message", "id")


def report_output(
    subject: str = "email", *, step: bool = False, columns: tuple[str, ...] | None = None
) -> Callable[[F], F]:
    """``--output``/``--fields`` for a command that shows a report: JSONL in a pipe, one
    line per item as it is reported."""
    fields = report_fields(subject, step=step)
    return output_options(
        fields=fields, columns=columns or tuple(f for f in fields if f != "id"), pipe="jsonl"
    )


def show(report: Report, out: OutputOptions, *, subject: str = "email") -> int:
    """Emit the report's items and print the summary on stderr; the exit code: 1 if the
    run was not ok, 7 (with a line saying why) if the server stopped answering."""
    from ..workflows.report import Status
    from .confirm import plan_rows_shown
    from .exits import ExitCode

    if report.applied or plan_rows_shown(out) or not report.by_status(Status.PLANNED):
        emit((item.to_dict(subject) for item in report.items), out)
    info(report.summary(), out)
    if report.stopped:  # the server stopped answering: one line, and the "try again" code
        import click

        click.echo(f"error: stopped early: {report.stopped}", err=True)
        return ExitCode.UNAVAILABLE
    return ExitCode.OK if report.ok else ExitCode.FAILURE


def finish(report: Report, out: OutputOptions, *, subject: str = "email") -> None:
    """:func:`show`, then exit with its code unless it is 0 (in a click command)."""
    code = show(report, out, subject=subject)
    if code:
        import click

        raise click.exceptions.Exit(code)
