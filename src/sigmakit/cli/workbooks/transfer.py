"""``sigmakit workbooks transfer``: give workbooks to another member."""

from __future__ import annotations

import click

from ..complete import complete_members, complete_workbooks
from ..confirm import approved, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, info
from ..report import finish, report_output


@click.command()
@click.argument("workbook", required=False, shell_complete=complete_workbooks)
@click.option(
    "--from",
    "from_member",
    shell_complete=complete_members,
    help="Every workbook this member (id or email) owns.",
)
@click.option(
    "--to",
    "to",
    required=True,
    shell_complete=complete_members,
    help="The new owner (id or email).",
)
@yes_option
@report_output("workbook", columns=("workbook", "status", "message"))
@pass_app
def transfer(
    app: AppContext,
    workbook: str | None,
    from_member: str | None,
    to: str,
    yes: bool,
    out: OutputOptions,
) -> None:
    """Give WORKBOOK, or every workbook of --from MEMBER, to another member. Shows the
    plan, then applies it with --yes or when you confirm at a terminal."""
    from ...workflows.report import Status
    from ...workflows.transfer import TransferOptions
    from ...workflows.transfer import transfer as run

    if (workbook is None) == (from_member is None):
        raise click.UsageError("give a WORKBOOK or --from MEMBER (one of them)")
    options = TransferOptions(to=to, workbook=workbook, from_member=from_member)
    sigma = app.client()
    report = run(sigma, options)
    planned = report.by_status(Status.PLANNED)
    if planned:
        info(f"{len(planned)} workbook(s) to give to {to}:")
        for item in planned:
            info(f"  {item.subject}: {item.message}")
        if approved(yes, f"Transfer these {len(planned)} workbook(s)?"):
            from dataclasses import replace

            report = run(sigma, replace(options, apply=True))
    finish(report, out, subject="workbook")
