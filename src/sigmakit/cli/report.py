"""Showing a workflow's report: a table for people, JSONL in a pipe (or what ``-o`` says),
a one-line summary on stderr, and exit code 1 when an item failed or was unknown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .output import OutputOptions, emit, info, output_options

if TYPE_CHECKING:
    from ..workflows.report import Report

__all__ = ["finish", "report_fields", "report_output"]

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


def finish(report: Report, out: OutputOptions, *, subject: str = "email") -> None:
    """Emit the report's items, print the summary on stderr, exit 1 if the run was not ok."""
    from .exits import ExitCode

    emit((item.to_dict(subject) for item in report.items), out)
    info(report.summary())
    if report.stopped:  # the server stopped answering: one line, and the "try again" code
        click.echo(f"error: stopped early: {report.stopped}", err=True)
        raise click.exceptions.Exit(ExitCode.UNAVAILABLE)
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.FAILURE)
