"""``sigmakit workbooks``: list, find input tables, materialize, export, copy and transfer.

A workbook is named by id, urlId or exact name; a member by id or email.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import click

from .context import AppContext, pass_app
from .output import OutputOptions, emit, emit_one, output_options, resolve

if TYPE_CHECKING:
    from ..workflows.materialize import MaterializeReport

__all__ = ["emit_linked", "group", "linked_rows"]

LIST_COLUMNS = ("name", "path", "url", "ownerId", "latestVersion", "workbookId")
MEMBER_COLUMNS = ("name", "path", "url", "permission", "ownerId", "workbookId")
RECENT_COLUMNS = ("name", "lastInteractionAt", "permission", "url", "workbookId")
INPUT_TABLE_COLUMNS = ("workbook", "page", "element", "workbookId", "pageId", "elementId")
JOB_COLUMNS = ("element", "status", "seconds", "message", "materializationId")
EXPORT_FORMATS = ("csv", "json", "jsonl", "xlsx", "pdf", "png")
DEFAULT_TIMEOUT = 600.0


@click.group()
def group() -> None:
    """Workbooks: list, input tables, materialize, export, copy and transfer."""


def linked_rows(
    rows: Iterable[Mapping[str, Any]], options: OutputOptions, *, terminal: bool | None = None
) -> Iterable[Mapping[str, Any]]:
    """On a terminal's table, make each name a link to its ``url`` (Rich ``[link=...]``);
    elsewhere the rows go out untouched. Other values are escaped from Rich markup."""
    if terminal is None:
        terminal = sys.stdout.isatty()
    if options.format != "table" or not terminal:
        yield from rows
        return
    from rich.markup import escape

    for row in rows:
        out = {k: escape(v) if isinstance(v, str) else v for k, v in row.items()}
        if row.get("url") and row.get("name"):
            out["name"] = f"[link={row['url']}]{escape(str(row['name']))}[/link]"
        yield out


def emit_linked(
    rows: Iterable[Mapping[str, Any]],
    output_format: str | None,
    fields: tuple[str, ...] | None,
    columns: tuple[str, ...],
) -> None:
    """Emit workbook rows; on a terminal each name links to its workbook."""
    options = resolve(output_format, fields)
    linked = options.format == "table" and sys.stdout.isatty()
    emit(linked_rows(rows, options, terminal=linked), options, columns=columns, markup=linked)


@group.command("list")
@click.option("--member", help="Only the workbooks this member (id or email) can open.")
@click.option("--owner", help="Only the workbooks this member (id or email) owns.")
@output_options
@pass_app
def list_workbooks(
    app: AppContext,
    member: str | None,
    owner: str | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """List every workbook (all of the organization's with admin credentials), those a
    member can open, or those a member owns."""
    if member and owner:
        raise click.UsageError("give --member or --owner, not both")
    sigma = app.client()
    rows: Iterable[Mapping[str, Any]]
    if member is None:
        owner_id = sigma.members.resolve(owner).member_id if owner else None
        rows = (
            w.to_dict()
            for w in sigma.workbooks.list(exclude_tags=True, skip_permission_check=True)
            if owner_id is None or w.owner_id == owner_id
        )
        columns = LIST_COLUMNS
    else:
        from ..workflows.member_workbooks import reachable_workbooks

        target = sigma.members.resolve(member)
        rows = (w.to_dict() for w in reachable_workbooks(sigma, target.member_id))
        columns = MEMBER_COLUMNS
    emit_linked(rows, output_format, fields, columns)


@group.command("shared-with")
@click.argument("member")
@output_options
@pass_app
def shared_with_member(
    app: AppContext, member: str, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
    """Workbooks MEMBER (id or email) can open but does not own."""
    from ..workflows.member_workbooks import shared_with

    sigma = app.client()
    target = sigma.members.resolve(member)
    rows = (w.to_dict() for w in shared_with(sigma, target.member_id))
    emit_linked(rows, output_format, fields, MEMBER_COLUMNS)


@group.command()
@click.argument("member")
@click.option("--limit", type=click.IntRange(min=1), help="Only the most recent N.")
@output_options
@pass_app
def recent(
    app: AppContext,
    member: str,
    limit: int | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Workbooks MEMBER (id or email) opened or changed lately, most recent first."""
    from ..workflows.member_workbooks import recent_workbooks

    sigma = app.client()
    target = sigma.members.resolve(member)
    rows = (w.to_dict() for w in recent_workbooks(sigma, target.member_id, limit=limit))
    emit_linked(rows, output_format, fields, RECENT_COLUMNS)


@group.command("input-tables")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=64),
    default=8,
    show_default=True,
    help="Workbooks read at the same time.",
)
@output_options
@pass_app
def input_tables(
    app: AppContext, concurrency: int, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
    """Every input-table element of every workbook. A workbook that cannot be read is
    reported on stderr and makes the exit code 1."""
    from ..workflows.input_tables import InputTablesOptions, find_input_tables
    from .exits import ExitCode
    from .progress import progress

    sigma = app.client()
    with progress("Scanning workbooks") as update:
        report = find_input_tables(
            sigma,
            InputTablesOptions(concurrency=concurrency),
            on_workbook=lambda _wb, _ok: update(),
        )
    emit(
        (t.to_dict() for t in report.tables),
        resolve(output_format, fields),
        columns=INPUT_TABLE_COLUMNS,
    )
    for failure in report.failures:
        click.echo(f"failed: {failure.subject} ({failure.id}): {failure.message}", err=True)
    click.echo(
        f"{len(report.tables)} input tables in {report.workbooks_scanned} workbooks"
        + (f"; {len(report.failures)} workbooks could not be read" if report.failures else ""),
        err=True,
    )
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.FAILURE)


@group.command()
@click.argument("workbook")
@click.option("--element", help="The element (name or sheet id) whose schedule to run.")
@click.option("--all", "every", is_flag=True, help="Run every schedule of the workbook.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for all of them.",
)
@output_options
@pass_app
def materialize(
    app: AppContext,
    workbook: str,
    element: str | None,
    every: bool,
    timeout: float,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Run WORKBOOK's materializations now and wait for them (exit 8 if one fails or
    does not finish in time). Without --element or --all, the workbook's only schedule."""
    from ..workflows.materialize import MaterializeOptions
    from ..workflows.materialize import materialize as run
    from .exits import ExitCode
    from .progress import progress

    if element is not None and every:
        raise click.UsageError("--element and --all cannot be used together")
    sigma = app.client()
    wb = sigma.workbooks.resolve(workbook)
    options = MaterializeOptions(wb.workbook_id, element=element, all=every, timeout=timeout)
    with progress(f"Materializing {wb.name}") as update:

        def show(report: MaterializeReport) -> None:
            done = sum(r.finished for r in report.runs)
            update(
                completed=done, description=f"Materializing {wb.name}: {done}/{len(report.runs)}"
            )

        report = run(sigma, options, on_progress=show)
    for r in report.runs:
        took = f" in {r.seconds:.0f} s" if r.seconds is not None else ""
        why = f": {r.message}" if r.message else ""
        click.echo(f"{r.element_name} ({r.sheet_id}): {r.status}{took}{why}", err=True)
    emit(
        (r.to_dict() for r in report.runs),
        _report_options(output_format, fields),
        columns=JOB_COLUMNS,
    )
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.JOB)


def _report_options(output_format: str | None, fields: tuple[str, ...] | None) -> OutputOptions:
    from .report import report_options

    return report_options(output_format, fields)


def _assignments(values: tuple[str, ...], what: str) -> list[tuple[str, str]]:
    from ..workflows.export import parse_assignment

    return [parse_assignment(v, what) for v in values]


@group.command()
@click.argument("workbook")
@click.option("--element", help="Export one element (id or name).")
@click.option("--page", help="Export one page (id or name).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="An element: any; a page: pdf, png, xlsx; the whole workbook: pdf, xlsx.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="CONTROL=VALUE",
    help="A control's value as Sigma spells it (East,West; min:1,max:5). Repeatable.",
)
@click.option(
    "--date-range",
    "date_ranges",
    multiple=True,
    metavar="CONTROL=START..END",
    help="A date-range control, e.g. DateFilter=2024-01-01..2024-03-31; a side may be empty.",
)
@click.option("--layout", type=click.Choice(["portrait", "landscape"]), help="PDF only.")
@click.option("--row-limit", type=click.IntRange(min=1), help="At most this many rows.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The file to write (replaced only once the whole export has arrived).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the file.",
)
@pass_app
def export(
    app: AppContext,
    workbook: str,
    element: str | None,
    page: str | None,
    fmt: str,
    params: tuple[str, ...],
    date_ranges: tuple[str, ...],
    layout: str | None,
    row_limit: int | None,
    out: str,
    timeout: float,
) -> None:
    """Export WORKBOOK, one page or one element to a file. Element, page and controls are
    checked first: a wrong one changes nothing (exit 2)."""
    from ..workflows.export import ExportOptions
    from ..workflows.export import export as run
    from .progress import progress

    if element and page:
        raise click.UsageError("--element and --page cannot be used together")
    options = ExportOptions(
        workbook=workbook,
        dest=out,
        format=fmt,
        element=element,
        page=page,
        params=_assignments(params, "--param"),
        date_ranges=_assignments(date_ranges, "--date-range"),
        layout=layout,
        row_limit=row_limit,
        timeout=timeout,
    )
    with progress("Exporting") as update:
        result = run(
            app.client(),
            options,
            on_progress=lambda p: update(description=f"Exporting: {p.status}, {p.elapsed:.0f} s"),
        )
    click.echo(f"wrote {result.path} ({_size(result.size)})", err=True)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    size = n / 1024
    for unit in ("KB", "MB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


@group.command()
@click.argument("workbook")
@click.option("--to", "to", required=True, help="The member (id or email) to copy it for.")
@click.option("--name", help="The copy's name (default: the workbook's).")
@output_options
@pass_app
def copy(
    app: AppContext,
    workbook: str,
    to: str,
    name: str | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Copy WORKBOOK into a member's My Documents."""
    from .._errors import InputError

    sigma = app.client()
    source = sigma.workbooks.resolve(workbook)
    member = sigma.members.resolve(to)
    if not member.home_folder_id:
        raise InputError(f"{member.email} has no My Documents folder")
    if name is not None and not name.strip():
        raise InputError("--name must not be empty")
    copied = sigma.workbooks.copy(
        source.workbook_id,
        destination_folder_id=member.home_folder_id,
        name=(name or source.name).strip(),
    )
    click.echo(
        f"copied {source.name!r} to {member.email}'s My Documents as {copied.name!r} "
        f"({copied.workbook_id})",
        err=True,
    )
    emit_one(copied.to_dict(), resolve(output_format, fields))


@group.command()
@click.argument("workbook", required=False)
@click.option("--from", "from_member", help="Every workbook this member (id or email) owns.")
@click.option("--to", "to", required=True, help="The new owner (id or email).")
@click.option("--yes", is_flag=True, help="Apply the plan; without it, only show it.")
@output_options
@pass_app
def transfer(
    app: AppContext,
    workbook: str | None,
    from_member: str | None,
    to: str,
    yes: bool,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Give WORKBOOK, or every workbook of --from MEMBER, to another member. Shows the
    plan; changes ownership only with --yes."""
    from ..workflows.transfer import TransferOptions
    from ..workflows.transfer import transfer as run
    from .report import finish

    if (workbook is None) == (from_member is None):
        raise click.UsageError("give a WORKBOOK or --from MEMBER (one of them)")
    report = run(
        app.client(),
        TransferOptions(to=to, workbook=workbook, from_member=from_member, apply=yes),
    )
    if not yes and report.items:
        click.echo("nothing changed; run again with --yes to apply this plan", err=True)
    finish(report, output_format, fields, subject="workbook")
