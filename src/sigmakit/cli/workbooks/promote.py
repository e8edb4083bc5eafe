"""``sigmakit workbooks promote``: tag a workbook's version in one step."""

from __future__ import annotations

import click

from ..complete import complete_tags, complete_workbooks
from ..confirm import approved, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, info
from ..report import finish, report_output


@click.command()
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
    from ...workflows.promote import plan_promotion
    from ...workflows.promote import promote as run
    from ...workflows.report import Item, Report, Status

    sigma = app.client()
    plan = plan_promotion(sigma, workbook, tag, version=version)
    if plan.moves:
        info(f"to change: {plan.workbook.name}: {plan.describe()}")
        if not approved(yes, f"Move {plan.tag.name} to version {plan.version}?"):
            item = Item(plan.workbook.name, Status.PLANNED, plan.describe(), id=None)
            finish(Report([item], applied=False), out, subject="workbook")
            return
    finish(Report([run(sigma, plan)]), out, subject="workbook")
