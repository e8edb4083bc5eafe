"""``sigmakit members get``: one member, by id or email."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one
from .shared import member_output


@click.command()
@click.argument("member", shell_complete=complete_members)
@member_output
@pass_app
def get(app: AppContext, member: str, out: OutputOptions) -> None:
    """Show one member (MEMBER is an id or an email)."""
    emit_one(app.client().members.resolve(member).to_dict(), out)
