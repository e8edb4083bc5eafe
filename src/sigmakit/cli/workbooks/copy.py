"""``sigmakit workbooks copy``: a workbook into a member's My Documents."""

from __future__ import annotations

import click

from ..complete import complete_members, complete_workbooks
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info, output_options
from .shared import workbook_fields


@click.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--to",
    "to",
    required=True,
    shell_complete=complete_members,
    help="The member (id or email) to copy it for.",
)
@click.option("--name", help="The copy's name (default: the workbook's).")
@output_options(fields=workbook_fields)
@pass_app
def copy(app: AppContext, workbook: str, to: str, name: str | None, out: OutputOptions) -> None:
    """Copy WORKBOOK into a member's My Documents."""
    from ..._errors import InputError

    sigma = app.client()
    source = sigma.workbooks.resolve(workbook)
    member = sigma.members.resolve(to)
    if not member.home_folder_id:
        raise InputError(f"{member.email} has no My Documents folder")
    if name is not None and not name.strip():
        raise InputError("--name must not be empty")
    copied = sigma.workbooks.copy(
        source.workbook_id,
        destination_folder_id=member.home_folder_id,
        name=(name or source.name).strip(),
    )
    info(
        f"copied {source.name!r} to {member.email}'s My Documents as {copied.name!r} "
        f"({copied.workbook_id})"
    )
    emit_one(copied.to_dict(), out)
