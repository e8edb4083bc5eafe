"""``sigmakit workbooks lineage``: what each data element of a workbook reads."""

from __future__ import annotations

import click

from ..complete import complete_workbooks
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, info, output_options
from .shared import LINEAGE_COLUMNS, LINEAGE_FIELDS


@click.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@output_options(fields=LINEAGE_FIELDS, columns=LINEAGE_COLUMNS, noun="source")
@pass_app
def lineage(app: AppContext, workbook: str, out: OutputOptions) -> None:
    """What each data element of WORKBOOK (id, urlId or name) reads: a row per data model
    element, dataset, table, custom SQL or control feeding it. Controls and texts have no
    lineage and are skipped; an element whose lineage cannot be read is reported on stderr
    and makes the exit code 1."""
    from ...workflows.lineage import workbook_lineage
    from ..exits import ExitCode

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
