"""``sigmakit tags``: version tags, the workbooks they mark, and a workbook's versions.

A tag is named by name (any case) or id; a workbook by id, urlId or exact name. Tagging a
version is ``sigmakit workbooks promote WORKBOOK --tag TAG``.
"""

from __future__ import annotations

from typing import Any

import click

from .complete import complete_tags, complete_workbooks
from .confirm import approved, yes_option
from .context import AppContext, pass_app
from .output import OutputOptions, emit, emit_linked, emit_one, info, model_fields, output_options

__all__ = ["group"]

TAG_COLUMNS = ("name", "color", "description", "versionTagId")
TAGGED_COLUMNS = ("name", "path", "taggedVersion", "latestVersion")
VERSION_COLUMNS = ("version", "publishedAt", "publishedByEmail", "tagNames")
COLORS = ("cyan", "grass", "violet", "plum", "amber", "bronze")


def tag_fields() -> list[str]:
    from ..resources.tags import Tag

    return model_fields(Tag)


def tagged_fields() -> list[str]:
    from ..resources.workbooks import Workbook

    return [*model_fields(Workbook), "taggedVersion"]


def version_fields() -> list[str]:
    from ..resources.tags import WorkbookVersion

    return [*model_fields(WorkbookVersion), "publishedByEmail", "tagNames"]


@click.group()
def group() -> None:
    """Version tags (Production, Staging...) and the workbook versions they mark."""


@group.command("list")
@click.option("--search", help="Only tags whose name contains this text.")
@output_options(fields=tag_fields, columns=TAG_COLUMNS, noun="tag")
@pass_app
def list_tags(app: AppContext, search: str | None, out: OutputOptions) -> None:
    """List the organization's version tags."""
    emit((t.to_dict() for t in app.client().tags.list(search=search)), out)


@group.command()
@click.argument("tag", shell_complete=complete_tags)
@output_options(fields=tag_fields)
@pass_app
def show(app: AppContext, tag: str, out: OutputOptions) -> None:
    """One tag (by name or id)."""
    emit_one(app.client().tags.get(tag).to_dict(), out)


@group.command()
@click.argument("name")
@click.option(
    "--color", type=click.Choice(COLORS), default="cyan", show_default=True, help="Its color."
)
@click.option("--description", help="What the tag means.")
@output_options(fields=tag_fields)
@pass_app
def create(
    app: AppContext, name: str, color: str, description: str | None, out: OutputOptions
) -> None:
    """Create a version tag NAME (needs an Admin's credentials)."""
    made = app.client().tags.create(name, color=color, description=description)
    info(f"created tag {made.name!r} ({made.version_tag_id})")
    emit_one(made.to_dict(), out)


@group.command()
@click.argument("tag", shell_complete=complete_tags)
@yes_option
@pass_app
def delete(app: AppContext, tag: str, yes: bool) -> None:
    """Delete TAG (by name or id): every workbook version it marks loses it. Shows how many
    workbooks it marks, then deletes with --yes or when you confirm at a terminal."""
    sigma = app.client()
    found = sigma.tags.get(tag)
    marked = sum(1 for _ in sigma.tags.workbooks(found))
    info(f"to delete: tag {found.name!r}, which marks a version of {marked} workbook(s)")
    if not approved(yes, f"Delete tag {found.name!r}?"):
        return
    sigma.tags.delete(found)
    info(f"deleted tag {found.name!r}")


@group.command()
@click.argument("tag", shell_complete=complete_tags)
@output_options(fields=tagged_fields, columns=TAGGED_COLUMNS, noun="workbook")
@pass_app
def workbooks(app: AppContext, tag: str, out: OutputOptions) -> None:
    """The workbooks with a version under TAG, and which version it is."""
    sigma = app.client()
    found = sigma.tags.get(tag)

    def rows() -> Any:
        for workbook in sigma.tags.workbooks(found):
            row = workbook.to_dict()
            row["taggedVersion"] = next(
                (
                    int(t.source_workbook_version)
                    for t in workbook.tags or []
                    if t.version_tag_id == found.version_tag_id
                    and t.source_workbook_version is not None
                ),
                None,
            )
            yield row

    emit_linked(rows(), out)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option("--limit", type=click.IntRange(min=1), help="Only the newest N versions.")
@output_options(fields=version_fields, columns=VERSION_COLUMNS, noun="version")
@pass_app
def versions(app: AppContext, workbook: str, limit: int | None, out: OutputOptions) -> None:
    """WORKBOOK's versions, newest first, with the tags that mark them."""
    from .workbooks.shared import owner_emails

    sigma = app.client()
    found = sigma.workbooks.resolve(workbook)
    names = {t.version_tag_id: t.name for t in sigma.tags.list()}
    emails = owner_emails(sigma)

    def rows() -> Any:
        for version in sigma.tags.version_history(found.workbook_id, limit=limit):
            row = version.to_dict()
            row["publishedByEmail"] = emails.get(version.published_by, version.published_by)
            row["tagNames"] = ", ".join(
                names.get(m.version_tag_id, m.version_tag_id) for m in version.tags
            )
            yield row

    emit(rows(), out)
