"""``sigmakit embed``: the links to a member's workbooks, and JWT-signed secure embed URLs.

The embed client id and secret come from SIGMA_EMBED_CLIENT_ID / SIGMA_EMBED_SECRET or
the profile, never from the command line.
"""

from __future__ import annotations

import click

from .complete import complete_members, complete_workbooks
from .context import AppContext, pass_app
from .output import OutputOptions, emit_linked, output_options

__all__ = ["group"]

#: the URL is what `embed sign` signs: this command's content, so it stays in the table
URL_COLUMNS = ("name", "url", "embedUrls", "workbookId")
URL_FIELDS = ("name", "url", "embedUrls", "workbookId", "workbookUrlId", "path")


@click.group()
def group() -> None:
    """Embedding: workbook links and signed secure embed URLs."""


@group.command()
@click.argument("member", shell_complete=complete_members)
@click.option("--concurrency", type=click.IntRange(min=1, max=64), default=8, show_default=True)
@output_options(fields=URL_FIELDS, columns=URL_COLUMNS, noun="workbook")
@pass_app
def urls(app: AppContext, member: str, concurrency: int, out: OutputOptions) -> None:
    """The workbooks MEMBER (id or email) can open: each one's URL (what `embed sign`
    signs) and the embed URLs already made for it."""
    from concurrent.futures import ThreadPoolExecutor

    from ..workflows.member_workbooks import reachable_workbooks

    sigma = app.client()
    target = sigma.members.resolve(member)
    workbooks = reachable_workbooks(sigma, target.member_id)

    def embeds(workbook_id: str) -> list[str]:
        return [e.embed_url for e in sigma.workbooks.embeds(workbook_id)]

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        found = list(pool.map(embeds, [w.workbook_id for w in workbooks]))
    rows = (
        {
            "name": w.name,
            "url": w.url,
            "embedUrls": made,
            "workbookId": w.workbook_id,
            "workbookUrlId": w.url_id,
            "path": w.path,
        }
        for w, made in zip(workbooks, found, strict=True)
    )
    emit_linked(rows, out)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.option("--page", help="Embed one page (id or name).")
@click.option("--element", help="Embed one element (id or name).")
@click.option("--viewer", required=True, help="The viewer's email (the token's sub).")
@click.option("--account-type", help="The viewer's account type, e.g. Viewer or Creator.")
@click.option("--team", "teams", multiple=True, help="A team the viewer is in. Repeatable.")
@click.option(
    "--attr",
    "attrs",
    multiple=True,
    metavar="KEY=VALUE",
    help="A user attribute. Repeatable.",
)
@click.option(
    "--ttl",
    type=click.IntRange(min=1, max=30 * 24 * 3600),
    default=3600,
    show_default=True,
    help="Seconds the URL stays valid (at most 30 days).",
)
@pass_app
def sign(
    app: AppContext,
    workbook: str,
    page: str | None,
    element: str | None,
    viewer: str,
    account_type: str | None,
    teams: tuple[str, ...],
    attrs: tuple[str, ...],
    ttl: int,
) -> None:
    """Print a JWT-signed secure embed URL for WORKBOOK, one page or one element."""
    from ..embed import EmbedSigner, embed_target_url
    from ..workflows.export import parse_assignment, pick_page_or_element

    if page and element:
        raise click.UsageError("--page and --element cannot be used together")
    signer = EmbedSigner.from_settings(app.settings())
    attributes = dict(parse_assignment(a, "--attr") for a in attrs)
    # the claims are checked before any request
    signer.claims(viewer, ttl=ttl, teams=teams, user_attributes=attributes)
    sigma = app.client()
    wb = sigma.workbooks.resolve(workbook)
    page_id, element_id = pick_page_or_element(sigma, wb, page=page, element=element)
    url = signer.sign_url(
        embed_target_url(wb, page_id=page_id, element_id=element_id),
        viewer,
        ttl=ttl,
        account_type=account_type,
        teams=teams,
        user_attributes=attributes,
    )
    click.echo(url)
