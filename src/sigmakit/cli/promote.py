"""``sigmakit promote``: promotion as one planned flow.

``sigmakit promote DOCUMENT --tag TAG`` takes a workbook or a data model (which of the two
the id or name is, the API says: :func:`~sigmakit.workflows.promotion.kind_of`).
``sigmakit promote WORKBOOK --tag TAG (--to-folder FOLDER | --to-tenant TENANT --policy P)
[--map FILE]`` shows the plan (the version to tag, where the tagged version goes, the
sources to swap, what is there already), applies it with the confirmation rule
(``--yes``/``--dry-run``), then checks that the deployed copy reads what the map says: a
copy that does not is reported and the exit code is 1. ``sigmakit promote rollback
WORKBOOK --tag TAG`` moves the tag back to the version it marked before. ``--to-profile
NAME --map FILE`` promotes into another organization instead (:mod:`.promote_org`).
"""

from __future__ import annotations

import click

from .complete import complete_tags, complete_workbooks
from .confirm import approved, show_plan, yes_option
from .context import AppContext, pass_app
from .output import OutputOptions
from .promote_flow import plan_apply_verify
from .report import finish, report_output

__all__ = ["group"]


class _PromoteGroup(click.Group):
    """``promote WORKBOOK ...`` runs ``promote apply WORKBOOK ...``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["apply", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_PromoteGroup)
def group() -> None:
    """Promote a workbook or a data model: tag, deploy, swap sources, verify; or roll the
    tag back."""


@group.command("apply")
@click.argument("workbook", metavar="DOCUMENT", shell_complete=complete_workbooks)
@click.option("--tag", required=True, shell_complete=complete_tags, help="The version tag.")
@click.option("--version", metavar="N", help="The version to tag (default: the latest).")
@click.option(
    "--to-folder",
    "folder",
    metavar="FOLDER_ID",
    help="Copy the tagged version here (with --to-profile: a folder of that organization).",
)
@click.option("--name", help="The copy's name in --to-folder (default: the document's).")
@click.option("--to-tenant", "tenant", help="Deploy to this tenant (id, slug or name).")
@click.option("--policy", help="The deployment policy (id or name) for --to-tenant.")
@click.option(
    "--to-profile",
    "profile",
    metavar="NAME",
    help="Promote into another organization, with this profile's credentials (needs --map).",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False),
    help="Source map (YAML or JSON): connections, paths, dataModels -> the target's.",
)
@click.option(
    "--adopt",
    is_flag=True,
    help="Lay the contents over a same-named document in the target folder that no earlier "
    "promotion created (else refused).",
)
@click.option("--dry-run", is_flag=True, help="Only show the plan.")
@yes_option
@report_output("document", step=True)
@pass_app
def apply(
    app: AppContext,
    workbook: str,
    tag: str,
    version: str | None,
    folder: str | None,
    name: str | None,
    tenant: str | None,
    policy: str | None,
    profile: str | None,
    map_file: str | None,
    adopt: bool,
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    """Tag the version of DOCUMENT (a workbook or a data model), put it in --to-folder,
    --to-tenant or the organization of --to-profile, swap its sources as --map says, and
    verify the deployed copy. Running it again changes nothing."""
    from ..workflows.promotion import apply_promotion, kind_of, plan_promotion, verify_promotion
    from ..workflows.report import Report
    from ..workflows.source_map import SourceMap, load_source_map

    kind, workbook = kind_of(app.client(), workbook)  # its id from here on: no more lookups
    if adopt and profile is None and (kind == "workbook" or folder is None):
        raise click.UsageError("--adopt goes with --to-profile, or a data model's --to-folder")
    if profile is not None:
        from .promote_org import promote_to_profile

        if tenant or policy or name:
            raise click.UsageError(
                "--to-profile takes --to-folder and --map, not --to-tenant, --policy or --name"
            )
        if not map_file:
            raise click.UsageError("--to-profile needs --map: another organization's ids differ")
        promote_to_profile(
            app,
            workbook,
            tag,
            version,
            folder,
            profile,
            map_file,
            dry_run,
            yes,
            out,
            kind=kind,
            adopt=adopt,
        )
        return
    source_map = load_source_map(map_file) if map_file else None
    if kind == "data-model" and folder is not None:
        from .promote_org import promote_model_to_folder

        if tenant or policy:
            raise click.UsageError("name one target: --to-folder or --to-tenant")
        promote_model_to_folder(
            app,
            workbook,
            tag,
            version,
            folder,
            name,
            source_map or SourceMap(),
            adopt,
            dry_run,
            yes,
            out,
        )
        return
    sigma = app.client()
    plan = plan_promotion(
        sigma,
        workbook,
        tag,
        version=version,
        folder=folder,
        name=name,
        tenant=tenant,
        policy=policy,
        source_map=source_map,
        kind=kind,
    )
    plan_apply_verify(
        Report(plan.items(), applied=False),
        pending=bool(plan.changes),
        title=f"promote {plan.tag.name}:",
        subject=plan.tag.name,
        apply=lambda: apply_promotion(sigma, plan),
        verify=lambda: verify_promotion(sigma, plan),
        verified="the deployed copy reads what the map says" if source_map else "deployed",
        yes=yes,
        dry_run=dry_run,
        out=out,
    )


@group.command("rollback")
@click.argument("workbook", metavar="DOCUMENT", shell_complete=complete_workbooks)
@click.option("--tag", required=True, shell_complete=complete_tags, help="The version tag.")
@click.option(
    "--to-profile",
    "profile",
    metavar="NAME",
    help="Roll back the copy in this profile's organization instead: its contents before.",
)
@yes_option
@report_output("document", step=True)
@pass_app
def rollback(
    app: AppContext, workbook: str, tag: str, profile: str | None, yes: bool, out: OutputOptions
) -> None:
    """Move --tag on DOCUMENT (a workbook or a data model) back to the version it marked
    before the last promotion; with --to-profile, put the copy in that organization back to
    its contents before it."""
    from ..workflows.promotion import Ledger, kind_of
    from ..workflows.promotion import rollback as run
    from ..workflows.promotion.models import resolve_model
    from ..workflows.report import Item, Report, Status

    sigma = app.client()
    kind, workbook = kind_of(sigma, workbook)
    if profile is not None:
        from .promote_org import rollback_profile

        rollback_profile(app, workbook, tag, profile, yes, out, kind=kind)
        return
    if kind == "data-model":
        model = resolve_model(sigma, workbook)
        name, document_id = model.name, model.data_model_id
    else:
        found = sigma.workbooks.resolve(workbook)
        name, document_id = found.name, found.workbook_id
    found_tag = sigma.tags.get(tag)
    previous = Ledger().previous(document_id, found_tag.version_tag_id)
    if previous is not None:
        message = f"move {found_tag.name} back to version {previous}"
        planned = Report([Item(name, Status.PLANNED, message, step="rollback")], applied=False)
        show_plan(planned, "roll back:")
        if not approved(yes, "Roll back?"):
            finish(planned, out, subject="document")
            return
    finish(
        Report([run(sigma, document_id, found_tag.version_tag_id, kind=kind)]),
        out,
        subject="document",
    )
