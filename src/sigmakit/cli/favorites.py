"""``sigmakit favorites``: the documents you (or a member) marked as favorites."""

from __future__ import annotations

import click

from .complete import complete_members
from .context import AppContext, pass_app
from .output import OutputOptions, emit, model_fields, output_options

__all__ = ["group"]

TABLE_COLUMNS = ("name", "type", "path", "permission", "id")


def file_fields() -> list[str]:
    from ..resources.files import File

    return model_fields(File)


@click.group()
def group() -> None:
    """Favorite documents."""


@group.command("list")
@click.option(
    "--member",
    metavar="MEMBER",
    shell_complete=complete_members,
    help="A member's favorites (id or email) instead of yours.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many.")
@output_options(fields=file_fields, columns=TABLE_COLUMNS, noun="favorite")
@pass_app
def list_favorites(
    app: AppContext, member: str | None, limit: int | None, out: OutputOptions
) -> None:
    """List favorites (yours: the owner of the API credentials), those still reachable."""
    sigma = app.client()
    if member:
        files = sigma.favorites.for_member(sigma.members.resolve(member).member_id, limit=limit)
    else:
        files = sigma.favorites.list(limit=limit)
    emit((f.to_dict() for f in files), out)
