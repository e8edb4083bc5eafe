"""``sigmakit workbooks input-tables``: every input-table element of every workbook."""

from __future__ import annotations

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, info, output_options
from .shared import INPUT_TABLE_COLUMNS, INPUT_TABLE_FIELDS


@click.command("input-tables")
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
    from ...workflows.input_tables import InputTablesOptions, find_input_tables
    from ..exits import ExitCode
    from ..progress import progress

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
