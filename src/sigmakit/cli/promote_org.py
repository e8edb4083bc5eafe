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
    from ..workflows.source_map import SourceMap
    from .context import AppContext
    from .output import OutputOptions

__all__ = ["promote_model_to_folder", "promote_to_profile", "rollback_profile"]


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
    *,
    kind: str = "workbook",
    adopt: bool = False,
) -> None:
    from ..workflows.promotion import apply_org_promotion, plan_org_promotion, verify_org
    from ..workflows.report import Report
    from ..workflows.source_map import load_source_map

    source_map = load_source_map(map_file)
    target = _target(profile)
    try:
        source = app.client()
        plan = plan_org_promotion(
            source,
            target,
            workbook,
            tag,
            source_map,
            version=version,
            folder=folder,
            kind=kind,
            adopt=adopt,
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


def promote_model_to_folder(
    app: AppContext,
    model: str,
    tag: str,
    version: str | None,
    folder: str,
    name: str | None,
    source_map: SourceMap,
    adopt: bool,
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    """A data model to a folder of its own organization: its tagged version's spec, mapped,
    laid down there (Sigma has no copy of a tagged data model), then verified."""
    from ..workflows.promotion import apply_org_promotion, plan_org_promotion, verify_org
    from ..workflows.report import Report

    sigma = app.client()
    plan = plan_org_promotion(
        sigma,
        sigma,
        model,
        tag,
        source_map,
        version=version,
        folder=folder,
        kind="data-model",
        adopt=adopt,
        name=name,
    )
    plan_apply_verify(
        Report(plan.items(), applied=False),
        pending=bool(plan.pending),
        title=f"promote {plan.name}:",
        subject=plan.name,
        apply=lambda: apply_org_promotion(sigma, sigma, plan),
        verify=lambda: verify_org(sigma, plan),
        verified="the copy's lineage reads what the map says"
        if not source_map.empty
        else "the copy has the tagged version's spec",
        yes=yes,
        dry_run=dry_run,
        out=out,
    )


def rollback_profile(
    app: AppContext,
    workbook: str,
    tag: str,
    profile: str,
    yes: bool,
    out: OutputOptions,
    *,
    kind: str = "workbook",
) -> None:
    from ..workflows.promotion import rollback_org
    from ..workflows.promotion.models import resolve_model
    from ..workflows.report import Item, Report, Status

    target = _target(profile)
    try:
        source = app.client()
        if kind == "data-model":
            name = resolve_model(source, workbook).name
        else:
            name = source.workbooks.resolve(workbook).name
        message = f"put {name!r} in profile {profile}'s organization back to its contents before"
        planned = Report([Item(name, Status.PLANNED, message, step="rollback")], applied=False)
        show_plan(planned, "roll back:")
        if not approved(yes, "Roll back?"):
            finish(planned, out, subject="document")
            return
        report = Report([rollback_org(target, name, tag, kind=kind)])
    finally:
        target.close()
    finish(report, out, subject="document")
