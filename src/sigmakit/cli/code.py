"""``sigmakit code``: data models and workbooks as YAML files in a folder, kept in git.

``pull`` writes them, ``plan`` says what applying the folder would change (exit 0: nothing,
2: something), ``apply`` applies exactly that under the one confirmation rule, and
``drift`` says where Sigma moved away from the files (exit 2). ``--map FILE`` plans, applies
and checks the same files against another organization or tenant, its sources swapped as
the map says. The logic is in :mod:`sigmakit.workflows.code`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .confirm import approved, yes_option
from .context import AppContext, pass_app
from .output import info

if TYPE_CHECKING:
    from .._client import Sigma
    from ..workflows.source_map import SourceMap

__all__ = ["group"]

#: plan and drift: something differs (Terraform's ``-detailed-exitcode``); errors keep
#: their own codes (``exits.py``)
DIFFERS = 2

_FOLDER = click.Path(file_okay=False, path_type=Path)
_KINDS = {
    "all": ("data-model", "workbook"),
    "data-model": ("data-model",),
    "workbook": ("workbook",),
}

map_option = click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A source map (YAML or JSON): the files' connections, tables, data models, folders "
    "and documents -> the target's, to work on another organization or tenant.",
)


def _map(sigma: Sigma, map_file: Path | None) -> SourceMap | None:
    if map_file is None:
        return None
    from ..workflows.source_map import load_source_map

    return load_source_map(map_file).resolve(sigma)


@click.group()
def group() -> None:
    """Data models and workbooks as code: pull them to YAML files, plan and apply edits,
    find drift."""


@group.command()
@click.argument("folder", type=_FOLDER, default=Path("sigma"))
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="ID|NAME",
    help="Only this data model or workbook (repeat for more); default: every one you can see.",
)
@click.option(
    "--kind",
    type=click.Choice(list(_KINDS)),
    default="all",
    show_default=True,
    help="Which documents: data models, workbooks or both.",
)
@click.option(
    "--folder",
    "in_folder",
    metavar="PATH",
    help="Only documents in this folder path (as Sigma shows it: Workspace/Folder) or below.",
)
@click.option("--workspace", metavar="NAME", help="Only documents in this workspace.")
@click.option("--force", is_flag=True, help="Replace files edited since the last pull.")
@pass_app
def pull(
    app: AppContext,
    folder: Path,
    documents: tuple[str, ...],
    kind: str,
    in_folder: str | None,
    workspace: str | None,
    force: bool,
) -> None:
    """Write each data model and workbook to FOLDER (default ./sigma) as one YAML file. A
    file edited since it was pulled is not replaced (nothing is written) unless --force."""
    from ..workflows.code import pull as pull_documents

    done = pull_documents(
        app.client(),
        folder,
        documents,
        force=force,
        kinds=_KINDS[kind],
        in_folder=in_folder.strip("/") if in_folder else None,
        workspace=workspace,
    )
    for d in done:
        click.echo(f"{d.status}: {d.path} ({d.name}, version {d.document_version})")


@group.command()
@click.argument("folder", type=_FOLDER)
@map_option
@pass_app
def plan(app: AppContext, folder: Path, map_file: Path | None) -> None:
    """Show what applying FOLDER would change in Sigma, per document. Reads only.
    Exit 0 when nothing would change, 2 when something would (or a document changed in
    Sigma since it was pulled)."""
    from ..workflows.code import plan as plan_documents

    sigma = app.client()
    plans = plan_documents(sigma, folder, source_map=_map(sigma, map_file))
    for p in plans:
        click.echo(f"{p.file.path.name}: {p.name}: {p.status}")
        for line in p.changes:
            click.echo(f"  {line}")
    if any(p.changes or p.stale or p.gone for p in plans):
        raise click.exceptions.Exit(DIFFERS)


@group.command()
@click.argument("folder", type=_FOLDER)
@click.option("--force", is_flag=True, help="Apply over documents changed in Sigma since the pull.")
@map_option
@yes_option
@pass_app
def apply(app: AppContext, folder: Path, force: bool, map_file: Path | None, yes: bool) -> None:
    """Apply FOLDER's edits to Sigma: shows the plan, then applies it with --yes or when you
    confirm at a terminal. Refuses (nothing applied, exit 6) when a document changed in
    Sigma since its file was pulled, unless --force. Each file gets the new documentVersion
    (with --map the files stay as they are: they describe the source organization)."""
    from ..workflows.code import apply_plans, refusals
    from ..workflows.code import plan as plan_documents

    sigma = app.client()
    plans = plan_documents(sigma, folder, source_map=_map(sigma, map_file))
    refused = refusals(plans, force=force)
    if refused:
        from .._errors import ConflictError

        raise ConflictError(409, message="; ".join(refused) + "; nothing applied")
    todo = [p for p in plans if p.changes]
    if not todo:
        info("nothing to apply: Sigma already matches the files")
        return
    info(f"Apply to {len(todo)} document(s):")
    for p in todo:
        info(f"  {p.file.path.name}: {p.name}")
        for line in p.changes:
            info(f"    {line}")
    if not approved(yes, f"Apply these changes to {len(todo)} document(s)?"):
        return
    for done in apply_plans(sigma, todo, force=force):
        where = f" -> {done.document_id}" if done.plan.mapped else ""
        click.echo(
            f"applied: {done.plan.file.path} ({done.plan.name}{where}, "
            f"version {done.document_version})"
        )


@group.command()
@click.argument("folder", type=_FOLDER)
@map_option
@pass_app
def drift(app: AppContext, folder: Path, map_file: Path | None) -> None:
    """Compare Sigma with FOLDER without writing anything: per document, in sync, changed
    in Sigma, edited here, or gone. Exit 2 when any differs, 0 when all are in sync."""
    from ..workflows.code import drift as find_drift

    sigma = app.client()
    found = find_drift(sigma, folder, source_map=_map(sigma, map_file))
    for d in found:
        click.echo(f"{d.file.path.name}: {d.name}: {d.status}")
        for line in d.changes:
            click.echo(f"  {line}")
    if any(d.status != "in sync" for d in found):
        raise click.exceptions.Exit(DIFFERS)
