"""``sigmakit access review``: who can reach what, with what permission, and why."""

from __future__ import annotations

from pathlib import Path

import click

from .context import AppContext, pass_app
from .exits import ExitCode
from .output import OutputOptions, emit, info, output_options

__all__ = ["group"]

ROW_COLUMNS = ("email", "kind", "path", "permission", "ceiling", "why")
FINDING_COLUMNS = ("finding", "subject", "detail")
CHANGE_COLUMNS = ("change", "email", "kind", "path", "before", "after")


def _fields() -> list[str]:
    from ..workflows.access import CHANGE_FIELDS, FINDING_FIELDS, ROW_FIELDS

    return list(dict.fromkeys((*ROW_FIELDS, *FINDING_FIELDS, *CHANGE_FIELDS)))


@click.group()
def group() -> None:
    """Access reviews: who can reach what, and why."""


@group.command()
@click.option(
    "--member", "members", multiple=True, metavar="ID|EMAIL", help="Only this member (repeatable)."
)
@click.option(
    "--team",
    "teams",
    multiple=True,
    metavar="ID|NAME",
    help="Only this team's members (repeatable).",
)
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="ID|URLID|NAME",
    help="Only this document (repeatable).",
)
@click.option(
    "--workspace",
    "workspaces",
    multiple=True,
    metavar="ID|NAME",
    help="Only this workspace and what is in it (repeatable).",
)
@click.option(
    "--folder",
    "folders",
    multiple=True,
    metavar="ID|PATH",
    help="Only this folder and what is in it, e.g. 'Sales Analytics/Drafts' (repeatable).",
)
@click.option(
    "--connection",
    "connections",
    multiple=True,
    metavar="ID|NAME",
    help="Only this connection and its tables (repeatable).",
)
@click.option(
    "--findings", "show_findings", is_flag=True, help="Print the findings instead of the rows."
)
@click.option(
    "--save",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the review in this JSON file (a snapshot for --since).",
)
@click.option(
    "--since",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Print only what changed since this snapshot; exit 10 if anything did.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a self-contained HTML report to this file.",
)
@click.option("--force", is_flag=True, help="Replace an existing --save or --html file.")
@click.option(
    "--concurrency",
    type=click.IntRange(1, 32),
    default=8,
    show_default=True,
    help="Requests in flight at most.",
)
@click.option(
    "--expected-paths",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="A member reaching a connection through more grants than this is a finding.",
)
@output_options(fields=_fields, columns=ROW_COLUMNS, noun="row")
@pass_app
def review(
    app: AppContext,
    members: tuple[str, ...],
    teams: tuple[str, ...],
    documents: tuple[str, ...],
    workspaces: tuple[str, ...],
    folders: tuple[str, ...],
    connections: tuple[str, ...],
    show_findings: bool,
    save: Path | None,
    since: Path | None,
    html_file: Path | None,
    force: bool,
    concurrency: int,
    expected_paths: int,
    out: OutputOptions,
) -> None:
    """One row per member and thing they can reach (workspace, folder, document,
    connection, connection table): the permission they finally have, and why (direct
    grant, team grant, inherited from a workspace or folder, owner, connection path grant).

    \b
    The rule is a guess to check against a real organization (Sigma does not document it):
    the highest of the member's own grants, their teams' grants and the grants on each
    folder and workspace above, or edit where they own it; then capped by their account
    type's ceiling (edit if it may create workbooks, explore if it may explore, else
    view), shown in the ceiling column where it lowers the grant.

    \b
    Findings (--findings, and in --save and --html): grants held by deactivated members,
    what is shared with everyone (a team named All Members or holding every active
    member), account types above what a member's grants need (license true-up),
    connections reached through more grants than --expected-paths, workspaces where no
    active member holds edit.

    \b
    Exit codes: 0 done (with --since: nothing changed); 10 with --since when access was
    granted, raised, lowered or revoked since the snapshot; 2 bad input (nothing read).
    """
    from ..workflows.access import (
        AccessOptions,
        changes,
        load_snapshot,
        save_snapshot,
        scope_of,
    )
    from ..workflows.access import review as run_review

    options = AccessOptions(
        members=members,
        teams=teams,
        documents=documents,
        workspaces=workspaces,
        folders=folders,
        connections=connections,
        concurrency=concurrency,
        expected_paths=expected_paths,
    )
    before = load_snapshot(since) if since is not None else None
    if before is not None and before.scope != scope_of(options):
        raise click.UsageError(
            f"{since} is a review of {_scope_text(before.scope)}, not of "
            f"{_scope_text(scope_of(options))}: compare reviews of the same scope"
        )
    rolling = save is not None and since is not None and _same(save, since)
    for target, replace in ((save, force or rolling), (html_file, force)):
        if target is None:
            continue
        if target.exists() and not replace:
            raise click.UsageError(f"{target} exists; pass --force to replace it")
        if not target.parent.is_dir():
            raise click.UsageError(f"no folder {target.parent} for {target.name}")
    done = run_review(app.client(), options)
    if save is not None:
        save_snapshot(done, save, force=force or rolling)
    changed = changes(before.rows, done.rows) if before is not None else None
    if html_file is not None:
        from ..workflows.access.html import write_html

        write_html(done, html_file, force=force, changes=changed)
    people = len({r.member_id for r in done.rows})
    if changed is not None:
        emit((c.to_dict() for c in changed), out, columns=CHANGE_COLUMNS)
        info(f"{len(changed)} change(s) since {since}")
    elif show_findings:
        emit((f.to_dict() for f in done.findings), out, columns=FINDING_COLUMNS)
    else:
        emit((r.to_dict() for r in done.rows), out)
    info(
        f"{len(done.rows)} row(s) for {people} member(s), {len(done.findings)} finding(s), "
        f"{done.requests} request(s)"
    )
    if changed:
        raise click.exceptions.Exit(ExitCode.CHANGED)


def _scope_text(scope: dict[str, list[str]]) -> str:
    if not scope:
        return "the whole organization"
    return "; ".join(f"{k} {', '.join(v)}" for k, v in scope.items())


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
