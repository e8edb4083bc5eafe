"""``sigmakit data-models tag``: put a version tag on a version of a data model."""

from __future__ import annotations

import click

from ..complete import complete_tags
from ..confirm import approved, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, info
from ..report import finish, report_output
from .shared import REPORT_SUBJECT, data_model_argument, dry_run_option


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
    from ..._errors import InputError
    from ...workflows.report import Item, Report, Status

    sigma = app.client()
    model = sigma.data_models.resolve(data_model)
    found = sigma.tags.get(tag)
    latest = model.latest_version
    if version is not None and latest is not None and version > latest:
        raise InputError(f"{model.name} has no version {version} (its versions: 1 to {latest})")
    target = version if version is not None else latest
    now = next(
        (
            t.source_version
            for t in sigma.data_models.tags(model.data_model_id)
            if t.version_tag_id == found.version_tag_id
        ),
        None,
    )
    where = f"version {target}" if target is not None else "the latest version"
    if now is not None and now == target:
        item = Item(
            model.name,
            Status.ALREADY,
            f"{found.name} already marks {where}",
            id=model.data_model_id,
        )
        finish(Report([item]), out, subject=REPORT_SUBJECT)
        return
    was = f"version {now}" if now is not None else "no version of it"
    plan = f"{found.name}: {was} -> {where}"
    info(f"to change: {model.name}: {plan}", out)
    if not approved(
        yes, f"Move {found.name} to {where} of {model.name}?", dry_run=dry_run, out=out
    ):
        item = Item(model.name, Status.PLANNED, plan, id=model.data_model_id)
        finish(Report([item], applied=False), out, subject=REPORT_SUBJECT)
        return
    done = sigma.data_models.tag(model.data_model_id, found.name, version=target)
    message = f"{found.name}: {was} -> version {done.tagged_data_model_version}"
    item = Item(model.name, Status.CHANGED, message, id=model.data_model_id)
    finish(Report([item]), out, subject=REPORT_SUBJECT)
