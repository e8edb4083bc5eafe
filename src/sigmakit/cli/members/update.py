"""``sigmakit members update``: a member's account type, name or email."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info
from .shared import member_output


@click.command()
@click.argument("member", shell_complete=complete_members)
@click.option("--account-type", help="New account type.")
@click.option("--first-name")
@click.option("--last-name")
@click.option("--email", help="New email address.")
@member_output
@pass_app
def update(
    app: AppContext,
    member: str,
    account_type: str | None,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    out: OutputOptions,
) -> None:
    """Change a member's account type, name or email."""
    if not any((account_type, first_name, last_name, email)):
        raise click.UsageError(
            "nothing to change: give --account-type, --first-name, --last-name or --email"
        )
    client = app.client()
    member_type = None if account_type is None else client.account_types.check(account_type)
    target = client.members.resolve(member)
    updated = client.members.update(
        target.member_id,
        member_type=member_type,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    info(f"updated {updated.email} ({updated.member_id})")
    emit_one(updated.to_dict(), out)
