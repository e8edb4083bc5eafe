"""``sigmakit user-attributes list``: every user attribute."""

from __future__ import annotations

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options
from .shared import ATTRIBUTE_COLUMNS, ATTRIBUTE_FIELDS, attribute_row


@click.command("list")
@click.option("--name", help="Only the attribute with exactly this name.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many.")
@output_options(fields=ATTRIBUTE_FIELDS, columns=ATTRIBUTE_COLUMNS, noun="user attribute")
@pass_app
def list_attributes(
    app: AppContext, name: str | None, limit: int | None, out: OutputOptions
) -> None:
    """List the user attributes, every page of them."""
    found = app.client().user_attributes.list(name=name, limit=limit)
    emit((attribute_row(a) for a in found), out)
