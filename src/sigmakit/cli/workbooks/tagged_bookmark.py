"""``sigmakit workbooks tagged-bookmark``: one bookmark saved on the version a tag marks."""

from __future__ import annotations

import click

from ..complete import complete_tags, complete_workbooks
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit_one, output_options


@click.command("tagged-bookmark")
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--tag",
    required=True,
    shell_complete=complete_tags,
    help="The version tag (name or id), e.g. Production.",
)
@click.option("--bookmark", required=True, help="The bookmark's id.")
@output_options()
@pass_app
def tagged_bookmark(
    app: AppContext, workbook: str, tag: str, bookmark: str, out: OutputOptions
) -> None:
    """One bookmark of WORKBOOK (id, urlId or name) saved on the version TAG marks."""
    sigma = app.client()
    workbook_id = sigma.workbooks.resolve(workbook).workbook_id
    got = sigma.workbooks.tagged_bookmark(workbook_id, tag=tag, bookmark_id=bookmark)
    emit_one(got.to_dict(), out)
