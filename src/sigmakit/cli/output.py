"""One output layer for every command that prints data.

``--output table|json|jsonl|csv`` and ``--fields``. Data goes to stdout, everything else
to stderr. Tables are for people (the default on a terminal); JSON is the default in a
pipe. json, jsonl and csv stream: rows are written as they arrive, so memory stays flat
however long the list.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar

import click

__all__ = ["OutputOptions", "emit", "emit_one", "output_options"]

FORMATS = ("table", "json", "jsonl", "csv")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class OutputOptions:
    format: str
    fields: tuple[str, ...] | None


def output_options(func: F) -> F:
    """Adds ``--output`` and ``--fields`` to a command; it receives ``out: OutputOptions``."""

    func = click.option(
        "--fields",
        help="Comma-separated fields to show, in order (API names, e.g. email,memberType).",
        callback=lambda ctx, p, v: (
            tuple(f.strip() for f in v.split(",") if f.strip()) if v else None
        ),
    )(func)
    func = click.option(
        "--output",
        "-o",
        "output_format",
        type=click.Choice(FORMATS),
        help="Output format. Default: table on a terminal, json otherwise.",
    )(func)
    return func


def resolve(output_format: str | None, fields: tuple[str, ...] | None) -> OutputOptions:
    if output_format is None:
        output_format = "table" if sys.stdout.isatty() else "json"
    return OutputOptions(output_format, fields)


def _check_fields(fields: Sequence[str], available: Iterable[str]) -> None:
    known = list(dict.fromkeys(available))
    unknown = [f for f in fields if f not in known]
    if unknown:
        raise click.UsageError(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"valid fields: {', '.join(known)}"
        )


def _select(row: Mapping[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    if fields is None:
        return dict(row)
    return {f: row.get(f) for f in fields}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def emit(
    rows: Iterable[Mapping[str, Any]],
    options: OutputOptions,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    stream: TextIO | None = None,
    markup: bool = False,
) -> int:
    """Write rows in the chosen format; returns how many were written.

    ``columns`` are the fields a table shows by default (machine formats show every field
    unless ``--fields`` says otherwise).
    """
    out = stream or sys.stdout
    fields = options.fields
    iterator = iter(rows)
    first = next(iterator, None)
    if first is not None and fields:
        _check_fields(fields, first.keys())
    if first is None:
        if options.format == "table":
            click.echo("no results", err=True)
        elif options.format == "json":
            out.write("[]\n")
        return 0
    every = itertools.chain((first,), iterator)
    if options.format == "table":
        listed = list(every)
        _table(listed, list(fields or columns or first.keys()), title, out, markup=markup)
        return len(listed)
    count = 0
    if options.format == "jsonl":
        for row in every:
            out.write(json.dumps(_select(row, fields), ensure_ascii=False) + "\n")
            count += 1
    elif options.format == "json":
        for row in every:
            out.write("[\n  " if count == 0 else ",\n  ")
            out.write(json.dumps(_select(row, fields), ensure_ascii=False))
            count += 1
        out.write("\n]\n")
    else:
        header = list(fields or first.keys())
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in every:
            writer.writerow([_cell(row.get(h)) for h in header])
            count += 1
    return count


def emit_one(
    row: Mapping[str, Any], options: OutputOptions, *, stream: TextIO | None = None
) -> None:
    """One object: a two-column table for people, a JSON object (not a list) for machines."""
    out = stream or sys.stdout
    if options.fields:
        _check_fields(options.fields, row.keys())
    selected = _select(row, options.fields)
    if options.format == "table":
        _table(
            [{"field": k, "value": _cell(v)} for k, v in selected.items()],
            ["field", "value"],
            None,
            out,
            header=False,
        )
    elif options.format == "json":
        out.write(json.dumps(selected, indent=2, ensure_ascii=False) + "\n")
    else:
        emit([selected], options, stream=out)


def _table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str | None,
    out: TextIO,
    *,
    header: bool = True,
    markup: bool = False,
) -> None:
    """Values are shown as they are; with ``markup`` they may carry Rich markup (links)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    render = Text.from_markup if markup else Text

    # On a terminal, fit its width; in a pipe or a file, never cut a value short.
    console = Console(file=out, soft_wrap=False, width=None if out.isatty() else 4096)
    table = Table(title=title, show_header=header, header_style="bold", box=None, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(render(_cell(row.get(c))) for c in columns))
    console.print(table)
