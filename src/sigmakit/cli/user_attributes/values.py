"""``sigmakit user-attributes values``: a member's value of each attribute, and where it
comes from."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options
from .shared import VALUE_COLUMNS, VALUE_FIELDS


@click.command()
@click.argument("member", shell_complete=complete_members)
@output_options(fields=VALUE_FIELDS, columns=VALUE_COLUMNS, noun="value")
@pass_app
def values(app: AppContext, member: str, out: OutputOptions) -> None:
    """The value MEMBER (email or id) has for each attribute, and where it comes from:
    their own (member), a team's (team) or the attribute's default."""
    sigma = app.client()
    target = sigma.members.resolve(member)
    found = sigma.user_attributes.member_values(target.member_id)
    names = {t.team_id: t.name for t in sigma.teams.list()} if found else {}
    emit(
        (
            {
                "name": v.name,
                "value": v.value,
                "source": v.source,
                "team": names.get(v.team_id, v.team_id) if v.team_id else None,
                "teamId": v.team_id,
                "userAttributeId": v.user_attribute_id,
            }
            for v in found
        ),
        out,
    )
