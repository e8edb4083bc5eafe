"""The bodies of the commands both runners serve (``auth check``, ``teams bulk-assign`` and
``bulk-remove``): the click commands call them, and so does the plain-line runner of
``fast.py``, so the two give the same output. Never imports click.

A body is named after its command's path (``teams bulk-assign`` -> ``teams_bulk_assign``)
and takes ``client_of`` (a function giving the SDK client), ``out`` (the output options,
``-q`` and ``--no-pager`` in them) and the command's own parameters by their click names;
it returns the exit code. ``scripts/plain_lines.py`` checks the names against the click
command when it writes the runner's table (``plain_table.py``)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Literal

    from .._client import Sigma
    from ..workflows.report import Report
    from .output import OutputOptions

__all__ = [
    "CHECK_FIELDS",
    "REPORT_COLUMNS",
    "auth_check",
    "change_team",
    "confirm_team_change",
    "identity",
    "teams_bulk_assign",
    "teams_bulk_remove",
]

#: what ``sigmakit auth check`` shows
CHECK_FIELDS = (
    "name",
    "email",
    "memberType",
    "userId",
    "organizationId",
    "baseUrl",
    "source",
    "profile",
)
#: the columns of a team change's report in a table
REPORT_COLUMNS = ("email", "status", "message")


def identity(client: Sigma) -> dict[str, Any]:
    """What ``sigmakit auth check`` shows: who the credentials belong to, and where they
    point (as the API spells it: no model is built for a line of output)."""
    from .._request import shown_url
    from ..resources.whoami import full_name

    me = client.raw.whoami()
    return {
        "name": full_name(me.get("firstName"), me.get("lastName")),
        "email": me.get("email"),
        "memberType": me.get("memberType"),
        "userId": me["userId"],
        "organizationId": me["organizationId"],
        "baseUrl": shown_url(client.base_url),
        # where the credentials came from, whole: arguments, environment, .env or a profile
        "source": client.settings.credentials_source,
        "profile": client.settings.profile,
    }


def auth_check(client_of: Callable[[], Sigma], out: OutputOptions) -> int:
    """``sigmakit auth check``."""
    from .output import emit_one

    emit_one(identity(client_of()), out)
    return 0


def teams_bulk_assign(
    client_of: Callable[[], Sigma],
    out: OutputOptions,
    team: str,
    emails_file: str,
    dry_run: bool,
) -> int:
    """``sigmakit teams bulk-assign TEAM --emails FILE``."""
    return change_team(client_of, "add", team, emails_file, dry_run, out)


def teams_bulk_remove(
    client_of: Callable[[], Sigma],
    out: OutputOptions,
    team: str,
    emails_file: str,
    dry_run: bool,
    yes: bool,
) -> int:
    """``sigmakit teams bulk-remove TEAM --emails FILE``."""
    return change_team(client_of, "remove", team, emails_file, dry_run, out, yes)


def confirm_team_change(
    action: Literal["add", "remove"], dry_run: bool, yes: bool, out: OutputOptions | None = None
) -> Callable[[Report], bool] | None:
    """What a team change asks before it is made (``TeamMembershipOptions.confirm``): taking
    people out follows the one rule of :mod:`.confirm` (the plan, then ``--yes``, a prompt
    at a terminal, or nothing changed); adding them is made at once, and only shows its
    plan with ``--dry-run``."""
    removing = action == "remove"
    if not removing and not dry_run:
        return None

    def decide(plan: Report) -> bool:
        from ..workflows.report import Status
        from .confirm import approved, show_plan

        n = len(plan.by_status(Status.PLANNED))
        heading = f"{n} member(s) to {'take out of' if removing else 'add to'} the team:"
        show_plan(plan, heading, out)
        question = f"{'Remove' if removing else 'Add'} these {n} member(s)?"
        return approved(yes, question, dry_run=dry_run, out=out)

    return decide


def change_team(
    client_of: Callable[[], Sigma],
    action: Literal["add", "remove"],
    team: str,
    emails_file: str,
    dry_run: bool,
    out: OutputOptions,
    yes: bool = False,
) -> int:
    """``sigmakit teams bulk-assign|bulk-remove TEAM --emails FILE``: the file read (before
    any request or setting), the plan confirmed (:func:`confirm_team_change`), the change
    made, the report shown; the exit code."""
    from ..workflows.emails import read_emails
    from ..workflows.teams import TeamMembershipOptions, change_team_members
    from .report import show

    emails = read_emails(emails_file)
    options = TeamMembershipOptions(
        team=team,
        emails=emails,
        action=action,
        dry_run=dry_run,
        confirm=confirm_team_change(action, dry_run, yes, out),
    )
    return show(change_team_members(client_of(), options), out)
