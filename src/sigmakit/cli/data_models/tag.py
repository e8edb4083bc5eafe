"""``sigmakit data-models tag``: put a version tag on a version of a data model."""

from __future__ import annotations

import click

from ..complete import complete_tags
from ..confirm import dry_run_option, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions
from ..report import finish, report_output
from .shared import REPORT_SUBJECT, data_model_argument, go_ahead


@click.command()
@data_model_argument
@click.option(
    "--tag",
    required=True,
    shell_complete=complete_tags,
    help="The version tag (name or id), e.g. Production.",
)
@click.option(
    "--version",
    type=click.IntRange(min=1),
    metavar="N",
    help="The version to tag (default: the latest).",
)
@yes_option
@dry_run_option
@report_output(REPORT_SUBJECT)
@pass_app
def tag(
    app: AppContext,
    data_model: str,
    tag: str,
    version: int | None,
    yes: bool,
    dry_run: bool,
    out: OutputOptions,
) -> None:
    """Put a version tag on a version.

    Tags DATA_MODEL's latest version (or version N) with --tag TAG. Shows what moves (the
    version TAG marks now, and the one it will), then tags with --yes or when you confirm at
    a terminal. Tagging the version TAG already marks changes nothing."""
    from ...workflows.promotion.models import plan_model_tag, tag_model
    from ...workflows.report import Item, Report, Status

    sigma = app.client()
    plan = plan_model_tag(sigma, data_model, tag, version=version)
    if plan.needed:
        was = f"version {plan.current}" if plan.current is not None else "no version of it"
        change = f"{plan.tag.name}: {was} -> version {plan.version}"
        planned = Item(plan.name, Status.PLANNED, change, id=plan.document_id)
        question = f"Move {plan.tag.name} to version {plan.version} of {plan.name}?"
        if not go_ahead(
            planned, plan.name, question, subject=REPORT_SUBJECT, yes=yes, dry_run=dry_run, out=out
        ):
            return
    finish(Report([tag_model(sigma, plan)]), out, subject=REPORT_SUBJECT)
