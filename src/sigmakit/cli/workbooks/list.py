"""``sigmakit workbooks list``, ``shared-with`` and ``recent``: the workbooks of the
organization, or those a member can open or opened lately."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from ..complete import complete_members
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_linked, output_options
from .shared import (
    LIST_COLUMNS,
    MEMBER_COLUMNS,
    MEMBER_WORKBOOK_FIELDS,
    RECENT_COLUMNS,
    with_owner_emails,
    workbook_fields,
)


@click.command("list")
@click.option(
    "--member",
    shell_complete=complete_members,
    help="Only the workbooks this member (id or email) can open.",
)
@click.option(
    "--owner",
    shell_complete=complete_members,
    help="Only the workbooks this member (id or email) owns.",
)
@output_options(
    fields=lambda: dict.fromkeys([*workbook_fields(), *MEMBER_WORKBOOK_FIELDS]), noun="workbook"
)
@pass_app
def list_workbooks(
    app: AppContext, member: str | None, owner: str | None, out: OutputOptions
) -> None:
    """List every workbook (all of the organization's with admin credentials), those a
    member can open, or those a member owns."""
    from dataclasses import replace

    if member and owner:
        raise click.UsageError("give --member or --owner, not both")
    # the fields of the rows this listing gives, before any request
    _check_fields(out, MEMBER_WORKBOOK_FIELDS if member is not None else workbook_fields())
    sigma = app.client()
    rows: Iterable[dict[str, Any]]
    if member is None:
        owner_id = sigma.members.resolve(owner).member_id if owner else None
        rows = (
            w.to_dict()
            for w in sigma.workbooks.list(exclude_tags=True, skip_permission_check=True)
            if owner_id is None or w.owner_id == owner_id
        )
        columns = LIST_COLUMNS
    else:
        from ...workflows.member_workbooks import reachable_workbooks

        target = sigma.members.resolve(member)
        rows = (w.to_dict() for w in reachable_workbooks(sigma, target.member_id))
        columns = MEMBER_COLUMNS
    emit_linked(with_owner_emails(sigma, rows, out), replace(out, columns=columns))


def _check_fields(out: OutputOptions, available: Iterable[str]) -> None:
    from ..output import check_fields

    if out.fields:
        check_fields(out.fields, available)


@click.command("shared-with")
@click.argument("member", shell_complete=complete_members)
@output_options(fields=MEMBER_WORKBOOK_FIELDS, columns=MEMBER_COLUMNS, noun="workbook")
@pass_app
def shared_with_member(app: AppContext, member: str, out: OutputOptions) -> None:
    """Workbooks MEMBER (id or email) can open but does not own."""
    from ...workflows.member_workbooks import shared_with

    sigma = app.client()
    target = sigma.members.resolve(member)
    rows = (w.to_dict() for w in shared_with(sigma, target.member_id))
    emit_linked(with_owner_emails(sigma, rows, out), out)


@click.command()
@click.argument("member", shell_complete=complete_members)
@click.option("--limit", type=click.IntRange(min=1), help="Only the most recent N.")
@output_options(fields=MEMBER_WORKBOOK_FIELDS, columns=RECENT_COLUMNS, noun="workbook")
@pass_app
def recent(app: AppContext, member: str, limit: int | None, out: OutputOptions) -> None:
    """Workbooks MEMBER (id or email) opened or changed lately, most recent first."""
    from ...workflows.member_workbooks import recent_workbooks

    sigma = app.client()
    target = sigma.members.resolve(member)
    rows = (w.to_dict() for w in recent_workbooks(sigma, target.member_id, limit=limit))
    emit_linked(with_owner_emails(sigma, rows, out), out)
