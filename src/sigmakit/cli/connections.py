"""``sigmakit connections``: list the warehouse connections, sync a database, schema or table."""

from __future__ import annotations

import click

from .context import AppContext, pass_app
from .output import OutputOptions, emit, info, model_fields, output_options

__all__ = ["group"]

TABLE_COLUMNS = ("name", "type", "lastActiveAt", "isSample", "connectionId")


def connection_fields() -> list[str]:
    from ..resources.connections import Connection

    return model_fields(Connection)


@click.group()
def group() -> None:
    """Warehouse connections."""


@group.command("list")
@click.option("--search", help="Connections whose name contains this text.")
@output_options(fields=connection_fields, columns=TABLE_COLUMNS, noun="connection")
@pass_app
def list_connections(app: AppContext, search: str | None, out: OutputOptions) -> None:
    """List the organization's connections."""
    emit((c.to_dict() for c in app.client().connections.list(search=search)), out)


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
    """Have Sigma re-read a database, schema or table of CONNECTION (id or name).

    The path is looked up in the connection first: one it lacks is an error, and nothing
    is synced."""
    from ..resources.connections import sync_path_parts

    parts = sync_path_parts(sync_path)
    sigma = app.client()
    target = sigma.connections.resolve(connection)
    found = sigma.connections.sync(target.connection_id, parts)
    what = "a table" if found.kind == "table" else "a database or schema"
    info(f"synced {'.'.join(parts)} in {target.name} ({target.connection_id}): {what}")
