"""``sigmakit workbooks export``: a workbook, a page or an element to a file or stdout."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..._settings import DEFAULT_JOB_TIMEOUT
from ..complete import complete_workbooks
from ..context import AppContext, pass_app
from ..output import info, is_terminal
from .shared import BINARY_FORMATS, EXPORT_FORMATS

if TYPE_CHECKING:
    from ..._exports import ExportFormat, PdfLayout


def _assignments(values: tuple[str, ...], what: str) -> list[tuple[str, str]]:
    from ...workflows.export import parse_assignment

    return [parse_assignment(v, what) for v in values]


@click.command()
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
    from ...workflows.export import ExportOptions
    from ...workflows.export import export as run
    from ..progress import progress

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
