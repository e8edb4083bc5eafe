"""Showing a workflow's report: a table for people, JSONL in a pipe (or what ``-o`` says),
a one-line summary on stderr, and exit code 1 when an item failed or was unknown."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from .output import OutputOptions, emit

if TYPE_CHECKING:
    from ..workflows.report import Report

__all__ = ["finish", "report_options"]


def report_options(output_format: str | None, fields: tuple[str, ...] | None) -> OutputOptions:
    """Like ``output.resolve``, but a pipe gets JSONL: one line per item as it is reported."""
    if output_format is None:
        output_format = "table" if sys.stdout.isatty() else "jsonl"
    return OutputOptions(output_format, fields)


def finish(
    report: Report,
    output_format: str | None,
    fields: tuple[str, ...] | None,
    *,
    subject: str = "email",
    columns: Sequence[str] | None = None,
) -> None:
    """Emit the report's items, print the summary on stderr, exit 1 if the run was not ok."""
    from .exits import ExitCode

    emit(
        (item.to_dict(subject) for item in report.items),
        report_options(output_format, fields),
        columns=columns,
    )
    click.echo(report.summary(), err=True)
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.FAILURE)
