"""The bodies of the commands both runners serve (``auth check``, ``teams bulk-assign`` and
``bulk-remove``): the click commands call them, and so does the plain-line runner of
``fast.py``, so the two give the same output. Never imports click."""

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
    "REPORT_FIELDS",
    "change_team",
    "confirm_team_change",
    "identity",
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
#: what a report shows (``report.report_fields()``), and its table's columns
REPORT_FIELDS = ("email", "status", "message", "id")
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


def confirm_team_change(
    action: Literal["add", "remove"], dry_run: bool, yes: bool
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
        show_plan(plan, f"{n} member(s) to {'take out of' if removing else 'add to'} the team:")
        question = f"{'Remove' if removing else 'Add'} these {n} member(s)?"
        return approved(yes, question, dry_run=dry_run)

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
        confirm=confirm_team_change(action, dry_run, yes),
    )
    return show(change_team_members(client_of(), options), out)
