"""``sigmakit members list``: every member, page after page."""

from __future__ import annotations

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options
from .shared import TABLE_COLUMNS, member_fields


@click.command("list")
@click.option("--email", help="Only the member with exactly this email.")
@click.option(
    "--search",
    help="Deprecated (Sigma removed it 2026-09-15): members whose email or name contains "
    "this text, matched by sigmakit over every member; use --email for one address.",
)
@click.option("--include-archived", is_flag=True, help="Include deactivated members.")
@click.option("--include-inactive", is_flag=True, help="Include inactive members.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many members.")
@output_options(fields=member_fields, columns=TABLE_COLUMNS, noun="member")
@pass_app
def list_members(
    app: AppContext,
    email: str | None,
    search: str | None,
    include_archived: bool,
    include_inactive: bool,
    limit: int | None,
    out: OutputOptions,
) -> None:
    """List members, every page of them."""
    import warnings

    from ...types.members import SEARCH_REMOVED

    if email and search:
        raise click.UsageError("--email and --search cannot be used together")
    if search is not None:
        # shown even with -q: the option goes away
        click.echo(f"Warning: --{SEARCH_REMOVED}", err=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # told above, in the CLI's words
        members = app.client().members.list(
            email=email,
            search=search,
            include_archived=include_archived or None,
            include_inactive=include_inactive or None,
            limit=limit,
        )
    wanted = email.strip().lower() if email else None
    emit(
        # Sigma's email filter is re-checked here: exact, case-insensitive
        (m.to_dict() for m in members if wanted is None or m.email.lower() == wanted),
        out,
    )
