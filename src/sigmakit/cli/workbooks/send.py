"""``sigmakit workbooks send``: a workbook (or one element or page of it) sent now to
emails, members and teams."""

from __future__ import annotations

from typing import cast

import click

from ..complete import complete_teams, complete_workbooks
from ..context import AppContext, pass_app
from ..output import info

FORMATS = ("pdf", "csv", "excel", "png", "json", "jsonl", "none")


@click.command("send")
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option(
    "--to",
    "recipients",
    multiple=True,
    required=True,
    help="An email address or a member's id (repeat it).",
)
@click.option(
    "--team", "teams", multiple=True, shell_complete=complete_teams, help="A team (id or name)."
)
@click.option("--title", required=True, help="The message's subject.")
@click.option("--message", default="", help="The message's text.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="pdf",
    show_default=True,
    help="The attachment's format (none: a link only).",
)
@click.option("--element", "element_id", help="Send this element only (its id).")
@click.option("--page", "page_id", help="Send this page only (its id).")
@pass_app
def send(
    app: AppContext,
    workbook: str,
    recipients: tuple[str, ...],
    teams: tuple[str, ...],
    title: str,
    message: str,
    fmt: str,
    element_id: str | None,
    page_id: str | None,
) -> None:
    """Send WORKBOOK (id, urlId or name) now, as one attachment, to emails, members and
    teams."""
    from ..._errors import InputError
    from ...types.workbook_sharing import AttachmentFormat

    if element_id and page_id:
        raise InputError("send an --element or a --page, not both")
    sigma = app.client()
    source = sigma.workbooks.resolve(workbook)
    emails = [r for r in recipients if "@" in r]
    members = [r for r in recipients if "@" not in r]
    team_ids = [sigma.teams.resolve(t).team_id for t in teams]
    sigma.workbooks.send(
        source.workbook_id,
        title=title,
        message=message,
        emails=emails,
        member_ids=members,
        team_ids=team_ids,
        attachments=[(cast("AttachmentFormat", fmt), element_id, page_id)],
    )
    count = len(recipients) + len(team_ids)
    info(f"sent {source.name!r} ({fmt}) to {count} recipient{'s' if count != 1 else ''}")
