"""``sigmakit members recent``: what a member opened or edited lately."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options
from .shared import RECENT_COLUMNS, recent_fields


@click.command()
@click.argument("member", shell_complete=complete_members)
@click.option(
    "--all-types", is_flag=True, help="Every kind of file, not only workbooks and folders."
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@output_options(fields=recent_fields, columns=RECENT_COLUMNS, noun="document")
@pass_app
def recent(
    app: AppContext, member: str, all_types: bool, limit: int | None, out: OutputOptions
) -> None:
    """The workbooks and folders MEMBER opened or edited lately, newest first."""
    from ...workflows.people import DOCUMENT_TYPES, recent_documents

    files = recent_documents(
        app.client(), member, types=() if all_types else DOCUMENT_TYPES, limit=limit
    )
    emit((f.to_dict() for f in files), out)
