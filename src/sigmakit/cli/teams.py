"""``sigmakit teams``: list teams, show a team's members, add or remove many by email.

A team is named by id or by name everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

import click

from .complete import complete_members, complete_teams
from .confirm import dry_run_option, yes_option
from .context import AppContext, pass_app
from .output import OutputOptions, emit, model_fields, output_options
from .plain import REPORT_COLUMNS
from .report import report_output

__all__ = ["group"]

F = TypeVar("F", bound=Callable[..., Any])
TEAM_COLUMNS = ("name", "visibility", "description", "teamId")
MEMBER_COLUMNS = ("firstName", "lastName", "email", "memberType", "isTeamAdmin", "memberId")


def team_fields() -> list[str]:
    from ..resources.teams import Team

    return model_fields(Team)


def team_member_fields() -> list[str]:
    from ..resources.members import Member

    return [*model_fields(Member), "isTeamAdmin"]


@click.group()
def group() -> None:
    """Teams and their members."""


@group.command("list")
@click.option("--name", help="Only the team with exactly this name.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many teams.")
@output_options(fields=team_fields, columns=TEAM_COLUMNS, noun="team")
@pass_app
def list_teams(app: AppContext, name: str | None, limit: int | None, out: OutputOptions) -> None:
    """List teams, every page of them."""
    teams = app.client().teams.list(name=name, limit=limit)
    emit((t.to_dict() for t in teams), out)


@group.command()
@click.argument("team", shell_complete=complete_teams)
@output_options(fields=team_member_fields, columns=MEMBER_COLUMNS, noun="member")
@pass_app
def members(app: AppContext, team: str, out: OutputOptions) -> None:
    """The members of TEAM (id or name), with their emails."""
    from ..workflows.teams import member_directory

    client = app.client()
    found = client.teams.resolve(team)
    by_id = {m.member_id: m for m in member_directory(client).values()}

    def rows() -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for entry in client.teams.members(found.team_id):
            member = by_id.get(entry.user_id)
            row = member.to_dict() if member else {"memberId": entry.user_id}
            out.append({**row, "isTeamAdmin": entry.is_team_admin})
        return out

    emit(rows(), out)


def _bulk(
    app: AppContext,
    action: Literal["add", "remove"],
    team: str,
    emails_file: str | None,
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
    refs: tuple[str, ...] = (),
) -> None:
    from ..workflows.teams import TeamMembershipOptions, change_team_members
    from .plain import confirm_team_change, teams_bulk_assign, teams_bulk_remove
    from .report import finish

    if emails_file is not None:  # a plain line of this is run by fast.run: the same body
        if action == "add":
            code = teams_bulk_assign(app.client, out, team, emails_file, dry_run)
        else:
            code = teams_bulk_remove(app.client, out, team, emails_file, dry_run, yes)
        if code:
            raise click.exceptions.Exit(code)
        return
    # members named on the command line, by email or id
    client = app.client()
    emails = [r if "@" in r else client.members.get(r).email for r in refs]
    confirm = confirm_team_change(action, dry_run, yes, out)
    options = TeamMembershipOptions(
        team=team, emails=emails, action=action, dry_run=dry_run, confirm=confirm
    )
    finish(change_team_members(client, options), out)


def _confirmed(action: Literal["add", "remove"]) -> Callable[[F], F]:
    """Taking people out asks first (``-y/--yes``); adding them does not."""
    return yes_option if action == "remove" else lambda func: func


_CONFIRM_HELP = (
    " Shows the plan, then applies it with --yes or when you confirm at a terminal; "
    "elsewhere it changes nothing (exit 0)."
)


def _bulk_command(name: str, action: Literal["add", "remove"], verb: str) -> click.Command:
    @click.command(name)
    @click.argument("team", shell_complete=complete_teams)
    @click.option(
        "--emails",
        "emails_file",
        required=True,
        type=click.Path(dir_okay=False),
        help="Comma- or newline-separated emails (a QuickStart .member-emails), "
        "or a CSV with an email column.",
    )
    @dry_run_option
    @_confirmed(action)
    @report_output(columns=REPORT_COLUMNS)
    @pass_app
    def command(
        app: AppContext,
        team: str,
        emails_file: str,
        dry_run: bool,
        out: OutputOptions,
        yes: bool = False,
    ) -> None:
        _bulk(app, action, team, emails_file, dry_run, yes, out)

    command.help = (
        f"{verb} every member a file of emails names, in one request per 1,000 members. "
        "Exact, case-insensitive emails; unknown ones are reported; exit 1 if any email "
        "failed or was unknown." + (_CONFIRM_HELP if action == "remove" else "")
    )
    return command


def _direct_command(name: str, action: Literal["add", "remove"], verb: str) -> click.Command:
    @click.command(name)
    @click.argument("team", shell_complete=complete_teams)
    @click.argument("members", nargs=-1, required=True, shell_complete=complete_members)
    @dry_run_option
    @_confirmed(action)
    @report_output(columns=REPORT_COLUMNS)
    @pass_app
    def command(
        app: AppContext,
        team: str,
        members: tuple[str, ...],
        dry_run: bool,
        out: OutputOptions,
        yes: bool = False,
    ) -> None:
        _bulk(app, action, team, None, dry_run, yes, out, refs=members)

    command.help = (
        f"{verb} the MEMBERS named (by email or id), in one request. Exit 1 if any of "
        "them failed or was unknown." + (_CONFIRM_HELP if action == "remove" else "")
    )
    return command


group.add_command(_bulk_command("bulk-assign", "add", "Add to TEAM"))
group.add_command(_bulk_command("bulk-remove", "remove", "Take out of TEAM"))
group.add_command(_direct_command("add", "add", "Add to TEAM"))
group.add_command(_direct_command("remove", "remove", "Take out of TEAM"))
