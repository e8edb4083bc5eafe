"""``sigmakit members create``: a member, its account type checked first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info
from .shared import member_output

if TYPE_CHECKING:
    from ...resources.members import UserKind


@click.command()
@click.option("--email", required=True)
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@click.option(
    "--account-type",
    required=True,
    help="Account type, as the organization names it (any case), e.g. Lite, Pro, Viewer.",
)
@click.option(
    "--user-kind", type=click.Choice(["internal", "guest", "embed"]), help="Default: internal."
)
@click.option("--no-invite", is_flag=True, help="Do not send the invitation email.")
@member_output
@pass_app
def create(
    app: AppContext,
    email: str,
    first_name: str,
    last_name: str,
    account_type: str,
    user_kind: UserKind | None,
    no_invite: bool,
    out: OutputOptions,
) -> None:
    """Create a member. The account type is checked against the organization's first."""
    client = app.client()
    member = client.members.create(
        email=email,
        first_name=first_name,
        last_name=last_name,
        member_type=client.account_types.check(account_type),
        user_kind=user_kind,
        send_invite=False if no_invite else None,
    )
    info(f"created {member.email} ({member.member_id})")
    emit_one(member.to_dict(), out)
