"""``sigmakit connections``: list the warehouse connections, sync a database, schema or table."""

from __future__ import annotations

import click

from .context import AppContext, pass_app
from .output import emit, output_options, resolve

__all__ = ["group", "split_path"]

TABLE_COLUMNS = ("name", "type", "connectionId", "lastActiveAt", "isSample")


@click.group()
def group() -> None:
    """Warehouse connections."""


def split_path(text: str) -> list[str]:
    """``RETAIL.PUBLIC.ORDERS`` or ``RETAIL/PUBLIC/ORDERS`` -> ``["RETAIL", "PUBLIC", "ORDERS"]``.

    With a ``/`` in it, only ``/`` separates (so names may hold dots).
    """
    from .._errors import InputError

    parts = [p.strip() for p in text.strip().split("/" if "/" in text else ".")]
    if not 1 <= len(parts) <= 3 or not all(parts):
        raise InputError(f"a sync path is DATABASE[.SCHEMA[.TABLE]] (or with /), not {text!r}")
    return parts


@group.command("list")
@click.option("--search", help="Connections whose name contains this text.")
@output_options
@pass_app
def list_connections(
    app: AppContext, search: str | None, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
    """List the organization's connections."""
    emit(
        (c.to_dict() for c in app.client().connections.list(search=search)),
        resolve(output_format, fields),
        columns=TABLE_COLUMNS,
    )


@group.command()
@click.argument("connection")
@click.option(
    "--path",
    "sync_path",
    required=True,
    help="What to re-read: DATABASE, DATABASE.SCHEMA or DATABASE.SCHEMA.TABLE (or with /).",
)
@pass_app
def sync(app: AppContext, connection: str, sync_path: str) -> None:
    """Have Sigma re-read a database, schema or table of CONNECTION (id or name)."""
    parts = split_path(sync_path)
    sigma = app.client()
    target = sigma.connections.resolve(connection)
    sigma.connections.sync(target.connection_id, parts)
    click.echo(f"synced {'.'.join(parts)} in {target.name} ({target.connection_id})", err=True)
