"""``sigmakit workbooks bookmarks``: the bookmarks saved on the version a tag marks."""

from __future__ import annotations

import click

from ..complete import complete_tags, complete_workbooks
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options


@click.command("bookmarks")
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--tag",
    required=True,
    shell_complete=complete_tags,
    help="The version tag (name or id), e.g. Production.",
)
@output_options(columns=("name", "isShared", "isDefault"), noun="bookmark")
@pass_app
def bookmarks(app: AppContext, workbook: str, tag: str, out: OutputOptions) -> None:
    """The bookmarks of WORKBOOK (id, urlId or name) saved on the version TAG marks."""
    sigma = app.client()
    workbook_id = sigma.workbooks.resolve(workbook).workbook_id
    emit((b.to_dict() for b in sigma.workbooks.bookmarks(workbook_id, tag=tag)), out)
