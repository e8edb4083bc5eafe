"""``sigmakit promote ... --to-profile NAME``: promotion into another organization, whose
credentials a profile of the config file holds (the source is the organization the command
talks to as usual). Everything is read and checked, in both organizations, before anything
is written in either."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .confirm import approved, show_plan
from .report import finish

if TYPE_CHECKING:
    from .._client import Sigma
    from .context import AppContext
    from .output import OutputOptions

__all__ = ["promote_to_profile", "rollback_profile"]


def _target(profile: str) -> Sigma:
    from .startup import make_client

    return make_client(profile)


def promote_to_profile(
    app: AppContext,
    workbook: str,
    tag: str,
    version: str | None,
    folder: str | None,
    profile: str,
    map_file: str,
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    from ..workflows.promotion import apply_org_promotion, plan_org_promotion, verify_org
    from ..workflows.report import Item, Report, Status
    from ..workflows.source_map import load_source_map

    source_map = load_source_map(map_file)
    target = _target(profile)
    try:
        source = app.client()
        plan = plan_org_promotion(
            source, target, workbook, tag, source_map, version=version, folder=folder
        )
        planned = Report(plan.items(), applied=False)
        if plan.pending:
            show_plan(planned, f"promote {plan.name} to profile {profile}:")
            if not approved(yes, "Apply this promotion?", dry_run=dry_run):
                finish(planned, out, subject="workbook")
                return
        elif dry_run:
            finish(planned, out, subject="workbook")
            return
        report = apply_org_promotion(source, target, plan)
        problems = verify_org(target, plan)
        report.items += [Item(plan.name, Status.FAILED, p, step="verify") for p in problems]
        if not problems:
            message = "verified: the target copy's sources and lineage read what the map says"
            report.items.append(Item(plan.name, Status.ALREADY, message, step="verify"))
    finally:
        target.close()
    finish(report, out, subject="workbook")


def rollback_profile(
    app: AppContext, workbook: str, tag: str, profile: str, yes: bool, out: OutputOptions
) -> None:
    from ..workflows.promotion import rollback_org
    from ..workflows.report import Item, Report, Status

    target = _target(profile)
    try:
        name = app.client().workbooks.resolve(workbook).name
        message = f"put {name!r} in profile {profile}'s organization back to its contents before"
        planned = Report([Item(name, Status.PLANNED, message, step="rollback")], applied=False)
        show_plan(planned, "roll back:")
        if not approved(yes, "Roll back?"):
            finish(planned, out, subject="workbook")
            return
        report = Report([rollback_org(target, name, tag)])
    finally:
        target.close()
    finish(report, out, subject="workbook")
