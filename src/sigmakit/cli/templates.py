"""``sigmakit templates``: the organization's workbook templates (its own and those shared
with it). A template is named by id, urlId or name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .context import AppContext, pass_app
from .output import OutputOptions, emit, emit_one, model_fields, output_options

if TYPE_CHECKING:
    from ..resources.templates import TemplateSource

__all__ = ["group"]

TABLE_COLUMNS = ("name", "path", "latestVersion", "updatedAt", "templateId")


def template_fields() -> list[str]:
    from ..resources.templates import Template

    return model_fields(Template)


@click.group()
def group() -> None:
    """Workbook templates."""


@group.command("list")
@click.option(
    "--source",
    type=click.Choice(["internal", "external"]),
    help="internal: made in this organization; external: shared with it by another.",
)
@click.option("--search", metavar="TEXT", help="Templates whose name contains TEXT.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many.")
@output_options(fields=template_fields, columns=TABLE_COLUMNS, noun="template")
@pass_app
def list_templates(
    app: AppContext,
    source: TemplateSource | None,
    search: str | None,
    limit: int | None,
    out: OutputOptions,
) -> None:
    """List templates, every page of them."""
    templates = app.client().templates.list(source=source, search=search, limit=limit)
    emit((t.to_dict() for t in templates), out)


@group.command()
@click.argument("template")
@output_options(fields=template_fields, noun="template")
@pass_app
def show(app: AppContext, template: str, out: OutputOptions) -> None:
    """Show one TEMPLATE (id, urlId or exact name)."""
    emit_one(app.client().templates.resolve(template).to_dict(), out)
