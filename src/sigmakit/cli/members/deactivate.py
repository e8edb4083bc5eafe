"""``sigmakit members deactivate`` (alias ``delete``) and ``reactivate``."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..confirm import approved, plan_rows_shown, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info
from .shared import item_output, show_outcome


@click.command()
@click.argument("member", shell_complete=complete_members)
@click.option(
    "--new-owner",
    metavar="MEMBER",
    shell_complete=complete_members,
    help="Who gets their documents (id or email).",
)
@yes_option
@item_output
@pass_app
def deactivate(
    app: AppContext, member: str, new_owner: str | None, yes: bool, out: OutputOptions
) -> None:
    """Deactivate MEMBER (id or email); their documents go to --new-owner (default: the
    owner of the API credentials). Shows the plan, then applies it with --yes or when you
    confirm at a terminal. Deactivating someone already deactivated changes nothing.

    Also called `members delete`: Sigma's DELETE of a member deactivates too, the same
    way."""
    from ...workflows.people import deactivate as run
    from ...workflows.report import Item, Status

    sigma = app.client()
    target = sigma.members.resolve(member)
    if not target.is_archived:
        heir = sigma.members.resolve(new_owner).email if new_owner else None
        to = heir or "the owner of the API credentials"
        info(f"to deactivate: {target.name} <{target.email}>; their documents go to {to}")
        if not approved(yes, f"Deactivate {target.name} <{target.email}>?"):
            message = f"not deactivated (plan: documents would go to {to})"
            if plan_rows_shown(out):
                item = Item(target.email, Status.PLANNED, message, id=target.member_id)
                emit_one(item.to_dict("email"), out)
            return
    show_outcome(run(sigma, target.member_id, new_owner=new_owner), out)


@click.command()
@click.argument("member", shell_complete=complete_members)
@item_output
@pass_app
def reactivate(app: AppContext, member: str, out: OutputOptions) -> None:
    """Make a deactivated MEMBER active again."""
    from ...workflows.people import reactivate as run

    show_outcome(run(app.client(), member), out)
