"""``sigmakit members offboard``: hand a member's files and schedules over, then
deactivate them."""

from __future__ import annotations

import click

from ..complete import complete_members
from ..confirm import approved, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, info
from ..report import report_output


@click.command()
@click.argument("member", shell_complete=complete_members)
@click.option(
    "--new-owner",
    metavar="MEMBER",
    required=True,
    shell_complete=complete_members,
    help="Who gets their documents and scheduled exports (id or email).",
)
@click.option(
    "--stop-schedules",
    is_flag=True,
    help="Suspend their scheduled exports before handing them over.",
)
@click.option("--dry-run", is_flag=True, help="Show the plan; change nothing.")
@yes_option
@report_output(step=True, columns=("step", "status", "message"))
@pass_app
def offboard(
    app: AppContext,
    member: str,
    new_owner: str,
    stop_schedules: bool,
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    """Offboard MEMBER (id or email): hand every file they own and their scheduled exports
    to --new-owner, take them out of every team, clear their user-attribute values, then
    deactivate them. Shows the plan, then applies it with --yes or when you confirm at a
    terminal. Safe to run again: what is done is reported as already there, and a run that
    stopped finishes the rest. The owner of the API credentials is never offboarded."""
    from ...workflows.offboard import OffboardOptions, apply_offboard, plan_offboard, plan_report
    from ..report import finish

    sigma = app.client()
    options = OffboardOptions(member=member, new_owner=new_owner, stop_schedules=stop_schedules)
    plan = plan_offboard(sigma, options)
    for line in plan.lines():
        info(line)
    if plan.is_done:
        finish(apply_offboard(sigma, plan), out)
        return
    question = f"Offboard {plan.member.name} <{plan.member.email}>?"
    if not approved(yes, question, dry_run=dry_run):
        finish(plan_report(plan), out)
        return
    finish(apply_offboard(sigma, plan), out)
