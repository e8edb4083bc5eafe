"""``sigmakit code``: data models as YAML files in a folder, kept in git.

``pull`` writes them, ``plan`` says what applying the folder would change (exit 0: nothing,
2: something), ``apply`` applies exactly that under the one confirmation rule, and
``drift`` says where Sigma moved away from the files (exit 2). The logic is in
:mod:`sigmakit.workflows.code`.
"""

from __future__ import annotations

from pathlib import Path

import click

from .confirm import approved, yes_option
from .context import AppContext, pass_app
from .output import info

__all__ = ["group"]

#: plan and drift: something differs (Terraform's ``-detailed-exitcode``); errors keep
#: their own codes (``exits.py``)
DIFFERS = 2

_FOLDER = click.Path(file_okay=False, path_type=Path)


@click.group()
def group() -> None:
    """Data models as code: pull them to YAML files, plan and apply edits, find drift."""


@group.command()
@click.argument("folder", type=_FOLDER, default=Path("sigma"))
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="ID|NAME",
    help="Only this data model (repeat for more); default: every one you can see.",
)
@click.option("--force", is_flag=True, help="Replace files edited since the last pull.")
@pass_app
def pull(app: AppContext, folder: Path, documents: tuple[str, ...], force: bool) -> None:
    """Write each data model to FOLDER (default ./sigma) as one YAML file. A file edited
    since it was pulled is not replaced (nothing is written) unless --force."""
    from ..workflows.code import pull as pull_documents

    for done in pull_documents(app.client(), folder, documents, force=force):
        click.echo(f"{done.status}: {done.path} ({done.name}, version {done.document_version})")


@group.command()
@click.argument("folder", type=_FOLDER)
@pass_app
def plan(app: AppContext, folder: Path) -> None:
    """Show what applying FOLDER would change in Sigma, per data model. Reads only.
    Exit 0 when nothing would change, 2 when something would (or a model changed in
    Sigma since it was pulled)."""
    from ..workflows.code import plan as plan_documents

    plans = plan_documents(app.client(), folder)
    for p in plans:
        click.echo(f"{p.file.path.name}: {p.name}: {p.status}")
        for line in p.changes:
            click.echo(f"  {line}")
    if any(p.changes or p.stale or p.gone for p in plans):
        raise click.exceptions.Exit(DIFFERS)


@group.command()
@click.argument("folder", type=_FOLDER)
@click.option(
    "--force", is_flag=True, help="Apply over data models changed in Sigma since the pull."
)
@yes_option
@pass_app
def apply(app: AppContext, folder: Path, force: bool, yes: bool) -> None:
    """Apply FOLDER's edits to Sigma: shows the plan, then applies it with --yes or when you
    confirm at a terminal. Refuses (nothing applied, exit 6) when a data model changed in
    Sigma since its file was pulled, unless --force. Each file gets the new documentVersion."""
    from ..workflows.code import apply_plans, refusals
    from ..workflows.code import plan as plan_documents

    sigma = app.client()
    plans = plan_documents(sigma, folder)
    refused = refusals(plans, force=force)
    if refused:
        from .._errors import ConflictError

        raise ConflictError(409, message="; ".join(refused) + "; nothing applied")
    todo = [p for p in plans if p.changes]
    if not todo:
        info("nothing to apply: Sigma already matches the files")
        return
    info(f"Apply to {len(todo)} data model(s):")
    for p in todo:
        info(f"  {p.file.path.name}: {p.name}")
        for line in p.changes:
            info(f"    {line}")
    if not approved(yes, f"Apply these changes to {len(todo)} data model(s)?"):
        return
    for done in apply_plans(sigma, todo, force=force):
        click.echo(
            f"applied: {done.plan.file.path} ({done.plan.name}, version {done.document_version})"
        )


@group.command()
@click.argument("folder", type=_FOLDER)
@pass_app
def drift(app: AppContext, folder: Path) -> None:
    """Compare Sigma with FOLDER without writing anything: per data model, in sync, changed
    in Sigma, edited here, or gone. Exit 2 when any differs, 0 when all are in sync."""
    from ..workflows.code import drift as find_drift

    found = find_drift(app.client(), folder)
    for d in found:
        click.echo(f"{d.file.path.name}: {d.name}: {d.status}")
        for line in d.changes:
            click.echo(f"  {line}")
    if any(d.status != "in sync" for d in found):
        raise click.exceptions.Exit(DIFFERS)
