"""``sigmakit workbooks convert-to-report``: a new report made of a workbook (or some of its
pages); the workbook is left as it was."""

from __future__ import annotations

import click

from ..complete import complete_workbooks
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info, output_options

PAGE_SIZES = ("letter", "a4", "legal", "a3")


@click.command("convert-to-report")
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option("--name", required=True, help="The new report's name.")
@click.option("--folder", "folder_id", help="The folder id to put it in (default: My Documents).")
@click.option(
    "--page",
    "page_ids",
    multiple=True,
    help="A page id to convert (repeat it; default: every page).",
)
@click.option(
    "--page-size", type=click.Choice(PAGE_SIZES), help="The report's page size (default letter)."
)
@click.option("--landscape", is_flag=True, help="Lay the pages out landscape.")
@output_options(columns=("reportId", "name", "path", "url"))
@pass_app
def convert_to_report(
    app: AppContext,
    workbook: str,
    name: str,
    folder_id: str | None,
    page_ids: tuple[str, ...],
    page_size: str | None,
    landscape: bool,
    out: OutputOptions,
) -> None:
    """Convert WORKBOOK (id, urlId or name) into a new report."""
    sigma = app.client()
    source = sigma.workbooks.resolve(workbook)
    got = sigma.workbooks.convert_to_report(
        source.workbook_id,
        name=name,
        folder_id=folder_id,
        page_ids=list(page_ids) or None,
        page_size=page_size,
        landscape=landscape,
    )
    report = got.converted_report
    info(f"converted {source.name!r} to the report {report.name!r} ({report.report_id})", out)
    for warning in got.warnings:
        info(f"warning: {warning.message}", out)
    emit_one(report.to_dict(), out)
