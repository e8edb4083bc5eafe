"""One output layer for every command that prints data.

``--output table|json|jsonl|csv`` and ``--fields``. Data goes to stdout, everything else
to stderr. Tables are for people (the default on a terminal); JSON is the default in a
pipe. json, jsonl and csv stream: rows are written as they arrive, so memory stays flat
however long the list.

A table on a terminal fits its width as ``gh`` does: the columns people read least (ids,
then timestamps, then details) are hidden before any value is cut, and a note on stderr
says which; a table taller than the terminal goes through ``$PAGER`` (``less -FRX``).
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

from .pager import show
from .tables import column_priority, fit_columns

if TYPE_CHECKING:  # click is imported where it is used: fast.run prints without it
    import click

__all__ = [
    "FieldsCheck",
    "OutputOptions",
    "check_fields",
    "column_priority",
    "emit",
    "emit_linked",
    "emit_one",
    "info",
    "is_terminal",
    "linked_rows",
    "model_fields",
    "output_options",
    "pick_format",
]

FORMATS = ("table", "json", "jsonl", "csv")
F = TypeVar("F", bound=Callable[..., Any])
#: the fields a command can show: a list, or a function that gives it (called only when
#: --fields is used, so the SDK's models are imported only then)
FieldSpec = Iterable[str] | Callable[[], Iterable[str]]


def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (default: stdout) is a terminal: the one place that asks."""
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def _app_flag(name: str) -> bool:
    """A global flag of this run (``quiet``, ``no_pager``) from the click context, if any."""
    if "click" not in sys.modules:
        return False
    import click

    from .context import AppContext

    ctx = click.get_current_context(silent=True)
    app = ctx.find_object(AppContext) if ctx is not None else None
    return bool(app and getattr(app, name))


def quiet(out: OutputOptions | None = None) -> bool:
    """Whether -q/--quiet was given to this run (in ``out``, or to click's root)."""
    return (out is not None and out.quiet) or _app_flag("quiet")


def info(message: str, out: OutputOptions | None = None) -> None:
    """A line for the person (what was done, a summary) on stderr; -q (of the root
    command, or carried by ``out``) silences it. Errors are not sent here: they always show."""
    if quiet(out):
        return
    if "click" in sys.modules:
        import click

        click.echo(message, err=True)
    else:  # a command fast.run runs: its own plain-text lines, as click.echo writes them
        sys.stderr.write(f"{message}\n")
        sys.stderr.flush()


@dataclass(frozen=True)
class OutputOptions:
    """How a command shows its data: the format (``table`` on a terminal, else the
    command's pipe default), the fields asked for (already checked), the table's default
    columns and the noun for the row count."""

    format: str
    fields: tuple[str, ...] | None
    columns: tuple[str, ...] | None = None
    noun: str | None = None
    #: whether ``fields`` were checked against the command's declared fields
    checked: bool = False
    #: -q/--quiet and --no-pager of this run (the root command's, or the plain-line runner's)
    quiet: bool = False
    no_pager: bool = False

    @property
    def linked(self) -> bool:
        """A table on a terminal: names may be links."""
        return self.format == "table" and is_terminal()


def model_fields(model: Any) -> list[str]:
    """The API names of a model's fields (``memberId``...), in declaration order."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _parse_fields(value: str | None) -> tuple[str, ...] | None:
    """``"email, name"`` -> ``("email", "name")``; ``""`` (or none): every field. A value
    that names no field (``,,,``, ``" , "``) is a usage error, not every field."""
    if not value:
        return None
    fields = tuple(f.strip() for f in value.split(",") if f.strip())
    if not fields:
        import click

        raise click.UsageError(f"--fields {value!r} names no field; give names, comma-separated")
    return fields


class FieldsCheck:
    """``--fields``' callback: checks the names while the line is parsed. It also keeps
    what the command shows (the fields, table columns, pipe format and noun), which
    ``scripts/plain_lines.py`` reads for the plain-line runner's table."""

    def __init__(
        self, fields: FieldSpec | None, columns: tuple[str, ...] | None, pipe: str, noun: str | None
    ) -> None:
        self.fields, self.columns, self.pipe, self.noun = fields, columns, pipe, noun

    def known(self) -> list[str]:
        fields = self.fields
        return [] if fields is None else list(fields() if callable(fields) else fields)

    def __call__(self, ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        asked = _parse_fields(value)
        if asked and self.fields is not None:
            check_fields(asked, self.known())
        return asked


def output_options(
    *,
    fields: FieldSpec | None = None,
    columns: Sequence[str] | None = None,
    pipe: str = "json",
    noun: str | None = None,
) -> Callable[[F], F]:
    """Adds ``--output`` and ``--fields`` to a command.

    With ``fields`` (the names the command can show), the command receives one
    ``out: OutputOptions``, and ``--fields`` is checked while the command line is parsed,
    before any request. ``columns`` are what a table shows by default; ``pipe`` is the
    format when stdout is not a terminal (``jsonl`` for reports that stream).
    """
    import click

    check = FieldsCheck(fields, tuple(columns) if columns else None, pipe, noun)

    def decorate(f: F) -> F:
        @functools.wraps(f)
        def wrapper(*args: Any, output_format: str | None, fields: Any, **kwargs: Any) -> Any:
            chosen = pick_format(output_format, pipe)
            out = OutputOptions(
                chosen,
                fields,
                check.columns,
                noun,
                checked=True,
                quiet=_app_flag("quiet"),
                no_pager=_app_flag("no_pager"),
            )
            return f(*args, out=out, **kwargs)

        command = click.option(
            "--fields",
            help="Comma-separated fields to show, in order (API names, e.g. email,memberType).",
            callback=check,
        )(wrapper)
        command = click.option(
            "--output",
            "-o",
            "output_format",
            type=click.Choice(FORMATS),
            help=f"Output format. Default: table on a terminal, {pipe} otherwise.",
        )(command)
        return cast(F, command)

    return decorate


def pick_format(given: str | None, pipe: str = "json") -> str:
    """The output format: the one asked for, else a table on a terminal and ``pipe``
    (json, or jsonl for a streamed report) elsewhere."""
    return given or ("table" if is_terminal() else pipe)


def linked_rows(
    rows: Iterable[Mapping[str, Any]], options: OutputOptions, *, terminal: bool | None = None
) -> Iterable[Mapping[str, Any]]:
    """On a terminal's table, make each name a link to its ``url`` (Rich ``[link=...]``);
    elsewhere the rows go out untouched. Other values are escaped from Rich markup."""
    if terminal is None:
        terminal = is_terminal()
    if options.format != "table" or not terminal:
        yield from rows
        return
    from rich.markup import escape

    for row in rows:
        out = {k: escape(v) if isinstance(v, str) else v for k, v in row.items()}
        if row.get("url") and row.get("name"):
            out["name"] = f"[link={row['url']}]{escape(str(row['name']))}[/link]"
        yield out


def emit_linked(rows: Iterable[Mapping[str, Any]], out: OutputOptions) -> None:
    """Emit rows of things with a ``url`` (workbooks, embeds); on a terminal each name
    links to it (so no column repeats the link)."""
    linked = out.linked
    emit(linked_rows(rows, out, terminal=linked), out, markup=linked)


def check_fields(fields: Sequence[str], available: Iterable[str]) -> None:
    import click

    from .._suggest import suggestion

    known = list(dict.fromkeys(available))
    unknown = [f for f in fields if f not in known]
    if unknown:
        hint = suggestion(unknown[0], known, aside=True)
        raise click.UsageError(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
            f"{hint}; valid fields: {', '.join(known)}"
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

    ``columns`` (default: the options' columns) are the fields a table shows by default
    (machine formats show every field unless ``--fields`` says otherwise). A table is
    followed by its row count on stderr.
    """
    out = stream or sys.stdout
    fields = options.fields
    columns = columns or options.columns
    iterator = iter(rows)
    first = next(iterator, None)
    if first is not None and fields and not options.checked:
        check_fields(fields, first.keys())
    if first is None:
        if options.format == "table":
            info(f"no {_plural(options.noun, 0)}" if options.noun else "no results", options)
        elif options.format == "json":
            out.write("[]\n")
        return 0
    every = itertools.chain((first,), iterator)
    if options.format == "table":
        listed = list(every)
        shown = list(fields or columns or first.keys())
        # columns the user named with --fields are never hidden: they are cut instead
        note = _table(
            listed, shown, title, out, markup=markup, keep_all=bool(fields), options=options
        )
        if note:
            info(note, options)
        if options.noun:
            info(f"{len(listed)} {_plural(options.noun, len(listed))}", options)
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


def _plural(noun: str | None, n: int) -> str:
    noun = noun or "row"
    if n == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def emit_one(
    row: Mapping[str, Any], options: OutputOptions, *, stream: TextIO | None = None
) -> None:
    """One object: a two-column table for people, a JSON object (not a list) for machines."""
    out = stream or sys.stdout
    if options.fields and not options.checked:
        check_fields(options.fields, row.keys())
    selected = _select(row, options.fields)
    if options.format == "table":
        _table(
            [{"field": k, "value": _cell(v)} for k, v in selected.items()],
            ["field", "value"],
            None,
            out,
            header=False,
            options=options,
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
    keep_all: bool = False,
    options: OutputOptions | None = None,
) -> str | None:
    """Values are shown as they are; with ``markup`` they may carry Rich markup (links).
    On a terminal a row stays one line: columns are hidden or cut to fit its width
    (:func:`fit_columns`), and the note saying which were hidden is returned."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    render = Text.from_markup if markup else Text
    terminal = is_terminal(out)
    # On a terminal, fit its width; in a pipe or a file, never cut a value short.
    console = Console(file=out, soft_wrap=False, width=None if terminal else 4096)
    table = Table(title=title, show_header=header, header_style="bold", box=None, pad_edge=False)
    cells = [[render(_cell(row.get(c))) for c in columns] for row in rows]
    note = None
    if terminal and header:
        natural = [
            max([cell_len(name), *(max(map(cell_len, row[i].plain.split("\n"))) for row in cells)])
            for i, name in enumerate(columns)
        ]
        sizes = fit_columns(columns, natural, console.width, keep_all=keep_all)
        for i, size in sizes.items():
            table.add_column(columns[i], width=size, no_wrap=True, overflow="ellipsis")
        hidden = [c for i, c in enumerate(columns) if i not in sizes]
        if hidden:
            note = (
                f"note: {len(hidden)} column{'s' if len(hidden) > 1 else ''} hidden to fit "
                f"{console.width} columns ({', '.join(hidden)}); use -o json or --fields to "
                "see them"
            )
    else:
        sizes = {i: 0 for i in range(len(columns))}
        for column in columns:
            table.add_column(column, overflow="fold")
    for row in cells:
        table.add_row(*(row[i] for i in sizes))
    no_pager = (options is not None and options.no_pager) or _app_flag("no_pager")
    show(console, table, out, terminal=terminal, no_pager=no_pager)
    return note
