"""``sigmakit members change-email``: give a member a new address."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info
from .shared import member_output


@click.command("change-email")
@click.argument("member", shell_complete=complete_members)
@click.argument("new_email")
@member_output
@pass_app
def change_email(app: AppContext, member: str, new_email: str, out: OutputOptions) -> None:
    """Give MEMBER (id or email) the address NEW_EMAIL; one already in use is a conflict
    (exit 6) and nothing changes."""
    from ...workflows.emails import is_email
    from ...workflows.people import change_email as change

    if not is_email(new_email.strip()):
        raise click.UsageError(f"{new_email!r} is not an email address")
    updated = change(app.client(), member, new_email)
    info(f"{updated.member_id} now has the email {updated.email}")
    emit_one(updated.to_dict(), out)
