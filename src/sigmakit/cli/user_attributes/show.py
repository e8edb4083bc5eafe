"""``sigmakit user-attributes show``: who has a value of an attribute."""

from __future__ import annotations

from typing import Any

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, info, output_options
from .shared import ASSIGNMENT_COLUMNS, ASSIGNMENT_FIELDS, attribute_argument


@click.command()
@attribute_argument
@output_options(fields=ASSIGNMENT_FIELDS, columns=ASSIGNMENT_COLUMNS, noun="value")
@pass_app
def show(app: AppContext, attribute: str, out: OutputOptions) -> None:
    """Who has a value of ATTRIBUTE (name or id): members (by email) and teams (by name,
    in priority order). The attribute itself is described on stderr."""
    from ...workflows.teams import member_directory

    sigma = app.client()
    found = sigma.user_attributes.resolve(attribute)
    aid = found.user_attribute_id
    default = repr(found.default) if found.default is not None else "none"
    about = f"{found.name} ({aid}): default {default}"
    info(f"{about}; {found.description}" if found.description else about)
    emails = {m.member_id: m.email for m in member_directory(sigma).values()}
    team_names = {t.team_id: t.name for t in sigma.teams.list()}

    def rows() -> Any:
        for m in sigma.user_attributes.members(aid):
            yield {
                "kind": "member",
                "name": emails.get(m.user_id, m.user_id),
                "value": m.value.val,
                "priority": None,
                "id": m.user_id,
                "updatedAt": m.to_dict().get("updatedAt"),
            }
        for t in sigma.user_attributes.teams(aid):
            yield {
                "kind": "team",
                "name": team_names.get(t.team_id, t.team_id),
                "value": t.value.val,
                "priority": int(t.priority) if t.priority is not None else None,
                "id": t.team_id,
                "updatedAt": t.to_dict().get("updatedAt"),
            }

    emit(rows(), out)
