"""``sigmakit onboard``: a member, their own workspace, its grant, teams and connections,
for one person or for everyone in a CSV or YAML file. Safe to run again."""

from __future__ import annotations

import click

from .complete import complete_teams
from .context import AppContext, pass_app
from .output import OutputOptions
from .report import report_output

__all__ = ["onboard"]

REPORT_COLUMNS = ("email", "step", "status", "message")


@click.command()
@click.option("--email", help="The person's email (or use --file).")
@click.option("--first-name")
@click.option("--last-name")
@click.option(
    "--account-type",
    help="Admin, Pro, Essential, Lite (or Creator, Explorer, Viewer in older organizations).",
)
@click.option(
    "--team",
    "teams",
    multiple=True,
    shell_complete=complete_teams,
    help="A team to join, by id or name. Repeatable.",
)
@click.option(
    "--connection",
    "connections",
    multiple=True,
    help="A connection to grant, by id or name. Repeatable.",
)
@click.option(
    "--file",
    "people_file",
    type=click.Path(dir_okay=False),
    help="Many people: a .csv or .yaml with email, first_name, last_name, account_type, "
    "teams, connections.",
)
@click.option(
    "--workspace-permission",
    type=click.Choice(["view", "explore", "organize", "edit"]),
    help="Instead of the one the account type gives (Admin edit, Pro and Creator organize, "
    "Essential and Explorer explore, Lite and Viewer view; any other type view).",
)
@click.option(
    "--connection-permission",
    type=click.Choice(["usage", "annotate"]),
    help="Instead of annotate (Admin, Pro, Creator) or usage (others).",
)
@click.option("--no-invite", is_flag=True, help="Do not send invitation emails.")
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="People onboarded at a time (requests in flight).",
)
@report_output(step=True, columns=REPORT_COLUMNS)
@pass_app
def onboard(
    app: AppContext,
    email: str | None,
    first_name: str | None,
    last_name: str | None,
    account_type: str | None,
    teams: tuple[str, ...],
    connections: tuple[str, ...],
    people_file: str | None,
    workspace_permission: str | None,
    connection_permission: str | None,
    no_invite: bool,
    concurrency: int,
    out: OutputOptions,
) -> None:
    """Onboard people: create the member (or find them by email), their own workspace
    (named after their email) granted at the permission their account type gives, their
    teams and their connection grants. Run it again after a failure: it finishes the rest
    and makes nothing twice. Each step is reported as created, already there or failed."""
    from ..workflows.onboard import OnboardOptions, Person, read_people
    from ..workflows.onboard import onboard as run
    from .progress import progress
    from .report import finish

    single = (email, first_name, last_name, account_type)
    if people_file is not None:
        if any(single) or teams or connections:
            raise click.UsageError(
                "--file takes everything from the file; leave out --email, --first-name, "
                "--last-name, --account-type, --team and --connection"
            )
        people = read_people(people_file)
    else:
        if not all(single):
            raise click.UsageError(
                "give --email, --first-name, --last-name and --account-type, or --file"
            )
        assert email and first_name and last_name and account_type
        people = [
            Person(
                email=email.strip(),
                first_name=first_name,
                last_name=last_name,
                account_type=account_type,
                teams=teams,
                connections=connections,
            )
        ]
    with progress("Onboarding", total=len(people)) as update:
        options = OnboardOptions(
            people=people,
            workspace_permission=workspace_permission,
            connection_permission=connection_permission,
            send_invite=False if no_invite else None,
            concurrency=concurrency,
            progress=update,
        )
        report = run(app.client(), options)
    finish(report, out)
