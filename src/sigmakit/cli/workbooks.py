"""``sigmakit workbooks``: list, find input tables, show lineage, materialize, export, copy
and transfer.

A workbook is named by id, urlId or exact name; a member by id or email.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from .._exports import EXPORT_FORMATS as _SDK_EXPORT_FORMATS
from .._settings import DEFAULT_JOB_TIMEOUT
from .complete import complete_members, complete_tags, complete_workbooks
from .confirm import approved, yes_option
from .context import AppContext, pass_app
from .output import (
    OutputOptions,
    emit,
    emit_linked,
    emit_one,
    info,
    is_terminal,
    model_fields,
    output_options,
)
from .report import finish, report_output

if TYPE_CHECKING:
    from .._client import Sigma
    from .._exports import ExportFormat, PdfLayout
    from ..workflows.materialize import MaterializeReport

__all__ = ["group"]

#: a table for people: the name (a link on a terminal), where it is, the owner's email;
#: JSON and CSV keep every field, ids included, as the API gives them (and --fields
#: workbookId,... puts ids in a table). Fits 120 columns.
LIST_COLUMNS = ("name", "path", "ownerEmail", "latestVersion")
MEMBER_COLUMNS = ("name", "path", "permission", "ownerEmail")
RECENT_COLUMNS = ("name", "lastInteractionAt", "permission", "path")
INPUT_TABLE_COLUMNS = ("workbook", "page", "element", "workbookId", "pageId", "elementId")
INPUT_TABLE_FIELDS = (*INPUT_TABLE_COLUMNS, "path", "columns")
LINEAGE_COLUMNS = ("element", "sourceType", "source", "edge")
LINEAGE_FIELDS = (*LINEAGE_COLUMNS, "elementType", "elementId", "sourceId")
JOB_COLUMNS = ("element", "status", "seconds", "message", "materializationId")
JOB_FIELDS = ("element", "status", "seconds", "message", "sheetId", "materializationId")
#: the member workbook rows (workflows.member_workbooks.MemberWorkbook.to_dict)
MEMBER_WORKBOOK_FIELDS = (
    "name",
    "path",
    "url",
    "permission",
    "ownerId",
    "ownerEmail",
    "workbookId",
    "workbookUrlId",
    "latestVersion",
    "lastInteractionAt",
)
#: the SDK's list (an element takes every format)
EXPORT_FORMATS = _SDK_EXPORT_FORMATS["element"]
#: formats that are not text: never written to a terminal
BINARY_FORMATS = ("xlsx", "pdf", "png")


def workbook_fields() -> list[str]:
    from ..resources.workbooks import Workbook

    return [*model_fields(Workbook), "ownerEmail"]


@click.group()
def group() -> None:
    """Workbooks: list, input tables, materialize, export, copy and transfer."""


def owner_emails(sigma: Sigma) -> dict[str, str]:
    """Every member's email by id, from one member listing (deactivated ones too, as they
    may still own workbooks): the owner of each row without a request per row."""
    return {
        m.member_id: m.email
        for m in sigma.members.list(include_archived=True, include_inactive=True)
    }


def with_owner_emails(
    sigma: Sigma, rows: Iterable[dict[str, Any]], out: OutputOptions
) -> Iterator[dict[str, Any]]:
    """Add ``ownerEmail`` where it will be shown (a table, or asked by --fields); JSON and
    CSV stay as the API gives them otherwise."""
    wanted = out.fields is not None and "ownerEmail" in out.fields
    if not (wanted or (out.format == "table" and out.fields is None)):
        yield from rows
        return
    emails: dict[str, str] | None = None
    for row in rows:
        if emails is None:  # the listing only once a row needs it
            emails = owner_emails(sigma)
        owner = row.get("ownerId")
        yield {**row, "ownerEmail": emails.get(owner, owner) if owner else None}


@group.command("list")
@click.option(
    "--member",
    shell_complete=complete_members,
    help="Only the workbooks this member (id or email) can open.",
)
@click.option(
    "--owner",
    shell_complete=complete_members,
    help="Only the workbooks this member (id or email) owns.",
)
@output_options(
    fields=lambda: dict.fromkeys([*workbook_fields(), *MEMBER_WORKBOOK_FIELDS]), noun="workbook"
)
@pass_app
def list_workbooks(
    app: AppContext, member: str | None, owner: str | None, out: OutputOptions
) -> None:
    """List every workbook (all of the organization's with admin credentials), those a
    member can open, or those a member owns."""
    from dataclasses import replace

    if member and owner:
        raise click.UsageError("give --member or --owner, not both")
    # the fields of the rows this listing gives, before any request
    _check_fields(out, MEMBER_WORKBOOK_FIELDS if member is not None else workbook_fields())
    sigma = app.client()
    rows: Iterable[dict[str, Any]]
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
    emit_linked(with_owner_emails(sigma, rows, out), replace(out, columns=columns))


def _check_fields(out: OutputOptions, available: Iterable[str]) -> None:
    from .output import check_fields

    if out.fields:
        check_fields(out.fields, available)


@group.command("shared-with")
@click.argument("member", shell_complete=complete_members)
@output_options(fields=MEMBER_WORKBOOK_FIELDS, columns=MEMBER_COLUMNS, noun="workbook")
@pass_app
def shared_with_member(app: AppContext, member: str, out: OutputOptions) -> None:
    """Workbooks MEMBER (id or email) can open but does not own."""
    from ..workflows.member_workbooks import shared_with

    sigma = app.client()
    target = sigma.members.resolve(member)
    rows = (w.to_dict() for w in shared_with(sigma, target.member_id))
    emit_linked(with_owner_emails(sigma, rows, out), out)


@group.command()
@click.argument("member", shell_complete=complete_members)
@click.option("--limit", type=click.IntRange(min=1), help="Only the most recent N.")
@output_options(fields=MEMBER_WORKBOOK_FIELDS, columns=RECENT_COLUMNS, noun="workbook")
@pass_app
def recent(app: AppContext, member: str, limit: int | None, out: OutputOptions) -> None:
    """Workbooks MEMBER (id or email) opened or changed lately, most recent first."""
    from ..workflows.member_workbooks import recent_workbooks

    sigma = app.client()
    target = sigma.members.resolve(member)
    rows = (w.to_dict() for w in recent_workbooks(sigma, target.member_id, limit=limit))
    emit_linked(with_owner_emails(sigma, rows, out), out)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@output_options(fields=LINEAGE_FIELDS, columns=LINEAGE_COLUMNS, noun="source")
@pass_app
def lineage(app: AppContext, workbook: str, out: OutputOptions) -> None:
    """What each data element of WORKBOOK (id, urlId or name) reads: a row per data model
    element, dataset, table, custom SQL or control feeding it. Controls and texts have no
    lineage and are skipped; an element whose lineage cannot be read is reported on stderr
    and makes the exit code 1."""
    from ..workflows.lineage import workbook_lineage
    from .exits import ExitCode

    sigma = app.client()
    report = workbook_lineage(sigma, sigma.workbooks.resolve(workbook).workbook_id)
    emit((r.to_dict() for r in report.rows), out)
    for name, element_id, message in report.failures:
        click.echo(f"failed: {name} ({element_id}): {message}", err=True)
    info(
        f"{len(report.rows)} sources of {report.elements} data elements; "
        f"{len(report.skipped)} elements without lineage skipped"
        + (f"; {len(report.failures)} could not be read" if report.failures else "")
    )
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.FAILURE)


@group.command("input-tables")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=64),
    default=8,
    show_default=True,
    help="Workbooks read at the same time.",
)
@output_options(fields=INPUT_TABLE_FIELDS, columns=INPUT_TABLE_COLUMNS, noun="input table")
@pass_app
def input_tables(app: AppContext, concurrency: int, out: OutputOptions) -> None:
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
    emit((t.to_dict() for t in report.tables), out)
    for failure in report.failures:
        click.echo(f"failed: {failure.subject} ({failure.id}): {failure.message}", err=True)
    info(
        f"{len(report.tables)} input tables in {report.workbooks_scanned} workbooks"
        + (f"; {len(report.failures)} workbooks could not be read" if report.failures else "")
    )
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.FAILURE)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option("--element", help="The element (name or sheet id) whose schedule to run.")
@click.option("--all", "every", is_flag=True, help="Run every schedule of the workbook.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_JOB_TIMEOUT,
    show_default=True,
    help="Seconds to wait for all of them.",
)
@output_options(fields=JOB_FIELDS, columns=JOB_COLUMNS, pipe="jsonl")
@pass_app
def materialize(
    app: AppContext,
    workbook: str,
    element: str | None,
    every: bool,
    timeout: float,
    out: OutputOptions,
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
        info(f"{r.element_name} ({r.sheet_id}): {r.status}{took}{why}")
    emit((r.to_dict() for r in report.runs), out)
    if not report.ok:
        raise click.exceptions.Exit(ExitCode.JOB)


def _assignments(values: tuple[str, ...], what: str) -> list[tuple[str, str]]:
    from ..workflows.export import parse_assignment

    return [parse_assignment(v, what) for v in values]


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
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
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="The file to write, or - for stdout; a FIFO or device (/dev/null) is written "
    "into. Default: a file here named after the workbook, the page or element, and the "
    "format (sales-overview-revenue-by-category.csv). An existing file is an error "
    "unless --force.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing file (only once the whole export has arrived).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_JOB_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the file.",
)
@pass_app
def export(
    app: AppContext,
    workbook: str,
    element: str | None,
    page: str | None,
    fmt: ExportFormat,
    params: tuple[str, ...],
    date_ranges: tuple[str, ...],
    layout: PdfLayout | None,
    row_limit: int | None,
    out: str | None,
    force: bool,
    timeout: float,
) -> None:
    """Export WORKBOOK, one page or one element to a file, or to stdout with --out -
    (progress and notes stay on stderr). Element, page and controls are checked first: a
    wrong one changes nothing (exit 2)."""
    from ..workflows.export import ExportOptions
    from ..workflows.export import export as run
    from .progress import progress

    if element and page:
        raise click.UsageError("--element and --page cannot be used together")
    to_stdout = out == "-"
    if to_stdout and fmt in BINARY_FORMATS and is_terminal():
        raise click.UsageError(
            f"a {fmt} file is not for a terminal: redirect stdout (> file.{fmt}) or give --out FILE"
        )
    options = ExportOptions(
        workbook=workbook,
        dest=sys.stdout.buffer if to_stdout else out,
        format=fmt,
        element=element,
        page=page,
        params=_assignments(params, "--param"),
        date_ranges=_assignments(date_ranges, "--date-range"),
        layout=layout,
        row_limit=row_limit,
        timeout=timeout,
        overwrite=force,
    )
    with progress("Exporting") as update:
        result = run(
            app.client(),
            options,
            on_progress=lambda p: update(description=f"Exporting: {p.status}, {p.elapsed:.0f} s"),
        )
    where = "stdout" if to_stdout else str(result.path)
    info(f"wrote {where} ({_size(result.size)})")


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
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--to",
    "to",
    required=True,
    shell_complete=complete_members,
    help="The member (id or email) to copy it for.",
)
@click.option("--name", help="The copy's name (default: the workbook's).")
@output_options(fields=workbook_fields)
@pass_app
def copy(app: AppContext, workbook: str, to: str, name: str | None, out: OutputOptions) -> None:
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
    info(
        f"copied {source.name!r} to {member.email}'s My Documents as {copied.name!r} "
        f"({copied.workbook_id})"
    )
    emit_one(copied.to_dict(), out)


@group.command()
@click.argument("workbook", required=False, shell_complete=complete_workbooks)
@click.option(
    "--from",
    "from_member",
    shell_complete=complete_members,
    help="Every workbook this member (id or email) owns.",
)
@click.option(
    "--to",
    "to",
    required=True,
    shell_complete=complete_members,
    help="The new owner (id or email).",
)
@yes_option
@report_output("workbook", columns=("workbook", "status", "message"))
@pass_app
def transfer(
    app: AppContext,
    workbook: str | None,
    from_member: str | None,
    to: str,
    yes: bool,
    out: OutputOptions,
) -> None:
    """Give WORKBOOK, or every workbook of --from MEMBER, to another member. Shows the
    plan, then applies it with --yes or when you confirm at a terminal."""
    from ..workflows.report import Status
    from ..workflows.transfer import TransferOptions
    from ..workflows.transfer import transfer as run

    if (workbook is None) == (from_member is None):
        raise click.UsageError("give a WORKBOOK or --from MEMBER (one of them)")
    options = TransferOptions(to=to, workbook=workbook, from_member=from_member)
    sigma = app.client()
    report = run(sigma, options)
    planned = report.by_status(Status.PLANNED)
    if planned:
        info(f"{len(planned)} workbook(s) to give to {to}:")
        for item in planned:
            info(f"  {item.subject}: {item.message}")
        if approved(yes, f"Transfer these {len(planned)} workbook(s)?"):
            from dataclasses import replace

            report = run(sigma, replace(options, apply=True))
    finish(report, out, subject="workbook")


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--tag",
    required=True,
    shell_complete=complete_tags,
    help="The version tag (name or id), e.g. Production.",
)
@click.option("--version", "version", metavar="N", help="The version to tag (default: the latest).")
@yes_option
@report_output("workbook")
@pass_app
def promote(
    app: AppContext, workbook: str, tag: str, version: str | None, yes: bool, out: OutputOptions
) -> None:
    """Tag WORKBOOK's latest version (or version N) with --tag TAG, in one step.

    Running it again changes nothing (the version is already tagged). If TAG marks another
    version of WORKBOOK now, moving it is shown first and applied with --yes or when you
    confirm at a terminal."""
    from ..workflows.promote import plan_promotion
    from ..workflows.promote import promote as run
    from ..workflows.report import Item, Report, Status

    sigma = app.client()
    plan = plan_promotion(sigma, workbook, tag, version=version)
    if plan.moves:
        info(f"to change: {plan.workbook.name}: {plan.describe()}")
        if not approved(yes, f"Move {plan.tag.name} to version {plan.version}?"):
            item = Item(plan.workbook.name, Status.PLANNED, plan.describe(), id=None)
            finish(Report([item], applied=False), out, subject="workbook")
            return
    finish(Report([run(sigma, plan)]), out, subject="workbook")


@group.command("bookmarks")
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--tag",
    required=True,
    shell_complete=complete_tags,
    help="The version tag (name or id), e.g. Production.",
)
@output_options(columns=("name", "isShared", "isDefault"), noun="bookmark")
@pass_app
def bookmarks(app: AppContext, workbook: str, tag: str, out: OutputOptions) -> None:
    """The bookmarks of WORKBOOK (id, urlId or name) saved on the version TAG marks."""
    sigma = app.client()
    workbook_id = sigma.workbooks.resolve(workbook).workbook_id
    emit((b.to_dict() for b in sigma.workbooks.bookmarks(workbook_id, tag=tag)), out)
