"""``sigmakit user-attributes create``: a new user attribute."""

from __future__ import annotations

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, info, output_options
from .shared import ATTRIBUTE_FIELDS, attribute_row


@click.command()
@click.argument("name")
@click.option("--description", help="What the attribute is for.")
@click.option("--default", "default", metavar="VALUE", help="The value of anyone not given one.")
@output_options(fields=ATTRIBUTE_FIELDS)
@pass_app
def create(
    app: AppContext, name: str, description: str | None, default: str | None, out: OutputOptions
) -> None:
    """Create the user attribute NAME (an Admin's credentials)."""
    made = app.client().user_attributes.create(name, description=description, default_value=default)
    info(f"created {made.name} ({made.user_attribute_id})")
    emit_one(attribute_row(made), out)
