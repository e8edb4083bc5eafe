"""``sigmakit workbooks materialize``: run a workbook's materializations now and wait."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..._settings import DEFAULT_JOB_TIMEOUT
from ..complete import complete_workbooks
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, info, output_options
from .shared import JOB_COLUMNS, JOB_FIELDS

if TYPE_CHECKING:
    from ...workflows.materialize import MaterializeReport


@click.command()
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
    from ...workflows.materialize import MaterializeOptions
    from ...workflows.materialize import materialize as run
    from ..exits import ExitCode
    from ..progress import progress

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
