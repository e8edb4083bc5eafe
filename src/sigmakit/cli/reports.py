"""``sigmakit reports``: list, show, pages, sources and export to PDF.

A report is named by id, urlId or exact name; a page by id or name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from .._settings import DEFAULT_JOB_TIMEOUT
from .complete import complete_members
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

if TYPE_CHECKING:
    from .._client import Sigma

__all__ = ["group"]

#: a table for people: the name (a link on a terminal), where it is, the owner's email;
#: JSON and CSV keep every field as the API gives them
LIST_COLUMNS = ("name", "path", "ownerEmail", "latestVersion")
PAGE_FIELDS = ("pageId", "name", "hidden")
SOURCE_FIELDS = (
    "type",
    "dataModelId",
    "elementIds",
    "inodeId",
    "connectionId",
    "customSqlId",
    "definition",
)
SOURCE_COLUMNS = ("type", "dataModelId", "inodeId", "connectionId", "customSqlId")


def report_fields() -> list[str]:
    from ..resources.reports import Report

    return [*model_fields(Report), "ownerEmail"]


@click.group()
def group() -> None:
    """Reports: list, show, pages, sources and export to PDF."""


def _with_owner_emails(
    sigma: Sigma, rows: Iterable[dict[str, Any]], out: OutputOptions
) -> Iterator[dict[str, Any]]:
    """Add ``ownerEmail`` where it is shown (a table, or asked by --fields), from one
    member listing read once a row needs it."""
    wanted = out.fields is not None and "ownerEmail" in out.fields
    if not (wanted or (out.format == "table" and out.fields is None)):
        yield from rows
        return
    emails: dict[str, str] | None = None
    for row in rows:
        if emails is None:
            emails = {
                m.member_id: m.email
                for m in sigma.members.list(include_archived=True, include_inactive=True)
            }
        owner = row.get("ownerId")
        yield {**row, "ownerEmail": emails.get(owner, owner) if owner else None}


@group.command("list")
@click.option("--owner", shell_complete=complete_members, help="Only the reports this member owns.")
@output_options(fields=report_fields, columns=LIST_COLUMNS, noun="report")
@pass_app
def list_reports(app: AppContext, owner: str | None, out: OutputOptions) -> None:
    """List every report (all of the organization's with admin credentials), or those a
    member (id or email) owns."""
    sigma = app.client()
    owner_id = sigma.members.resolve(owner).member_id if owner else None
    rows = (
        r.to_dict()
        for r in sigma.reports.list(exclude_tags=True, skip_permission_check=True)
        if owner_id is None or r.owner_id == owner_id
    )
    emit_linked(_with_owner_emails(sigma, rows, out), out)


@group.command("get")
@click.argument("report")
@output_options(fields=report_fields)
@pass_app
def get_report(app: AppContext, report: str, out: OutputOptions) -> None:
    """Show REPORT (id, urlId or name), its version tags included."""
    sigma = app.client()
    found = sigma.reports.get(sigma.reports.resolve(report).report_id)
    row = found.to_dict()
    if found.tags is not None:
        row["tags"] = ", ".join(f"{t.tag_name} (v{t.source_version:g})" for t in found.tags)
    emit_one(next(_with_owner_emails(sigma, [row], out)), out)


@group.command("pages")
@click.argument("report")
@output_options(fields=PAGE_FIELDS, columns=PAGE_FIELDS, noun="page")
@pass_app
def list_pages(app: AppContext, report: str, out: OutputOptions) -> None:
    """The pages of REPORT, in order."""
    sigma = app.client()
    found = sigma.reports.resolve(report)
    emit((p.to_dict() for p in sigma.reports.pages(found.report_id)), out)


@group.command("sources")
@click.argument("report")
@output_options(fields=SOURCE_FIELDS, columns=SOURCE_COLUMNS, noun="source")
@pass_app
def list_sources(app: AppContext, report: str, out: OutputOptions) -> None:
    """What REPORT's elements read: data models, datasets, tables, custom SQL."""
    sigma = app.client()
    found = sigma.reports.resolve(report)
    emit((s.to_dict() for s in sigma.reports.sources(found.report_id)), out)


@group.command("export")
@click.argument("report")
@click.option("--page", help="Export one page (id or name); default: the whole report.")
@click.option(
    "--layout",
    type=click.Choice(["portrait", "landscape"]),
    default="portrait",
    show_default=True,
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="The file to write, or - for stdout. Default: a file here named after the report "
    "and the page (weekly-sales-report-stores.pdf). An existing file is an error unless "
    "--force.",
)
@click.option("--force", is_flag=True, help="Replace an existing file (once the PDF has arrived).")
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
    report: str,
    page: str | None,
    layout: str,
    out: str | None,
    force: bool,
    timeout: float,
) -> None:
    """Export REPORT, or one of its pages, to a PDF file (or stdout with --out -). The
    page and the file are checked first: a wrong one changes nothing (exit 2)."""
    from ..jobs import check_destination, download_export, pick
    from ..workflows.export import export_file_name
    from .progress import progress

    to_stdout = out == "-"
    if to_stdout and is_terminal():
        raise click.UsageError("a PDF is not for a terminal: redirect stdout or give --out FILE")
    if out is not None and not to_stdout:
        check_destination(out, overwrite=force)
    sigma = app.client()
    found = sigma.reports.resolve(report)
    page_id: str | None = None
    page_name: str | None = None
    if page is not None:
        pages = [(p.page_id, p.name) for p in sigma.reports.pages(found.report_id)]
        page_id = pick(page, pages, "page", f"report {found.name!r}")
        page_name = dict(pages)[page_id]
    dest: Any
    if to_stdout:
        dest = sys.stdout.buffer
    else:
        dest = check_destination(
            out or export_file_name(found.name, page_name or page_id, "pdf"), overwrite=force
        )
    query_id = sigma.reports.export(found.report_id, page_id=page_id, layout=layout)
    with progress("Exporting") as update:
        result = download_export(
            sigma,
            query_id,
            dest,
            timeout=timeout,
            overwrite=force,
            on_progress=lambda p: update(description=f"Exporting: {p.status}, {p.elapsed:.0f} s"),
        )
    info(f"wrote {'stdout' if to_stdout else result.path} ({result.size} bytes)")
