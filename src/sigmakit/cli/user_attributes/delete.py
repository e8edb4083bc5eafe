"""``sigmakit user-attributes delete``: an attribute and every value set with it."""

from __future__ import annotations

import click

from ..confirm import approved, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, info
from ..report import report_output
from .shared import REPORT_COLUMNS, attribute_argument


@click.command()
@attribute_argument
@yes_option
@report_output("target", columns=REPORT_COLUMNS)
@pass_app
def delete(app: AppContext, attribute: str, yes: bool, out: OutputOptions) -> None:
    """Delete ATTRIBUTE (name or id) and every value set with it. Shows what goes, then
    deletes with --yes or when you confirm at a terminal."""
    from ...workflows.report import Item, Report, Status
    from ..report import finish

    sigma = app.client()
    found = sigma.user_attributes.resolve(attribute)
    aid = found.user_attribute_id
    members = sum(1 for _ in sigma.user_attributes.members(aid))
    teams = sum(1 for _ in sigma.user_attributes.teams(aid))
    info(f"to delete: {found.name}, with {members} member value(s) and {teams} team value(s)")
    if not approved(yes, f"Delete the user attribute {found.name}?"):
        message = f"would be deleted with {members} member and {teams} team value(s)"
        finish(
            Report([Item(found.name, Status.PLANNED, message, id=aid)], applied=False),
            out,
            subject="target",
        )
        return
    sigma.user_attributes.delete(aid)
    item = Item(found.name, Status.CHANGED, "deleted", id=aid)
    finish(Report([item]), out, subject="target")
