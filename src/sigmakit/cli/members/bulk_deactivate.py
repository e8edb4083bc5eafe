"""``sigmakit members bulk-deactivate``: every member a pattern or a file names."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..confirm import approved, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, info
from ..report import report_output
from .shared import REPORT_COLUMNS


@click.command("bulk-deactivate")
@click.option(
    "--pattern", metavar="GLOB", help="Emails matching a pattern, e.g. '*@vendor.example'."
)
@click.option(
    "--name-pattern",
    metavar="REGEX",
    help="Names (\"First Last\") matching a regular expression, any case, e.g. '^test '.",
)
@click.option(
    "--emails",
    "emails_file",
    type=click.Path(dir_okay=False),
    help="A file of emails: comma- or newline-separated, or a CSV with an email column.",
)
@click.option(
    "--new-owner",
    metavar="MEMBER",
    shell_complete=complete_members,
    help="Who gets their documents (id or email).",
)
@yes_option
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True)
@report_output(columns=REPORT_COLUMNS)
@pass_app
def bulk_deactivate(
    app: AppContext,
    pattern: str | None,
    name_pattern: str | None,
    emails_file: str | None,
    new_owner: str | None,
    yes: bool,
    concurrency: int,
    out: OutputOptions,
) -> None:
    """Deactivate every member an email pattern, a name pattern or a file names. Shows the
    plan, then applies it with --yes or when you confirm at a terminal. The owner of the
    API credentials is never deactivated."""
    from ...workflows.emails import read_emails
    from ...workflows.people import BulkDeactivateOptions, require_one_selector
    from ...workflows.people import bulk_deactivate as run
    from ...workflows.report import Status
    from ..progress import progress
    from ..report import finish

    require_one_selector(
        ("--pattern", "--name-pattern", "--emails"),
        *(given is not None for given in (pattern, name_pattern, emails_file)),
    )
    emails = read_emails(emails_file) if emails_file else ()
    options = BulkDeactivateOptions(
        pattern=pattern,
        name_pattern=name_pattern,
        emails=emails,
        new_owner=new_owner,
        concurrency=concurrency,
    )
    client = app.client()
    plan = run(client, options)
    planned = plan.by_status(Status.PLANNED)
    info(f"{len(planned)} member(s) to deactivate:")
    for item in planned:
        info(f"  {item.subject}")
    for item in plan.items:
        if item.status is not Status.PLANNED:
            info(f"  not {item.subject}: {item.status}, {item.message}")
    report = plan
    if planned and approved(yes, f"Deactivate these {len(planned)} member(s)?"):
        from dataclasses import replace

        with progress("Deactivating", total=len(planned)) as update:
            report = run(client, replace(options, apply=True, progress=update))
    finish(report, out)
