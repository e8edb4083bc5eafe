"""``sigmakit promote ... --to-profile NAME``: promotion into another organization, whose
credentials a profile of the config file holds (the source is the organization the command
talks to as usual). Everything is read and checked, in both organizations, before anything
is written in either."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .confirm import approved, show_plan
from .promote_flow import plan_apply_verify
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
    from ..workflows.report import Report
    from ..workflows.source_map import load_source_map

    source_map = load_source_map(map_file)
    target = _target(profile)
    try:
        source = app.client()
        plan = plan_org_promotion(
            source, target, workbook, tag, source_map, version=version, folder=folder
        )
        plan_apply_verify(
            Report(plan.items(), applied=False),
            pending=bool(plan.pending),
            title=f"promote {plan.name} to profile {profile}:",
            subject=plan.name,
            apply=lambda: apply_org_promotion(source, target, plan),
            verify=lambda: verify_org(target, plan),
            verified="the target copy's sources and lineage read what the map says",
            yes=yes,
            dry_run=dry_run,
            out=out,
        )
    finally:
        target.close()


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
