"""``sigmakit data-models list``: every data model the credentials reach."""

from __future__ import annotations

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_linked, output_options
from .shared import LIST_COLUMNS, data_model_fields, list_row


@click.command("list")
@click.option(
    "--search", metavar="TEXT", help="Only the data models whose name contains TEXT (any case)."
)
@output_options(fields=data_model_fields, columns=LIST_COLUMNS, noun="data model")
@pass_app
def list_data_models(app: AppContext, search: str | None, out: OutputOptions) -> None:
    """List every data model.

    Name, folder path, latest version, last change and id. Pages are read as the rows are
    written, so a pipe gets the first at once."""
    wanted = search.strip().lower() if search else None
    rows = (
        list_row(m)
        for m in app.client().data_models.list()
        if wanted is None or wanted in m.name.lower()
    )
    emit_linked(rows, out)
