"""What the ``sigmakit user-attributes`` commands share: fields and columns, the
ATTRIBUTE argument, and the options and run of ``set`` and ``clear``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..complete import complete_members, complete_teams, names
from ..confirm import approved
from ..context import AppContext
from ..output import OutputOptions, info

if TYPE_CHECKING:
    from ...resources.user_attributes import UserAttribute


ATTRIBUTE_FIELDS = (
    "name",
    "default",
    "description",
    "userAttributeId",
    "createdBy",
    "updatedBy",
    "createdAt",
    "updatedAt",
)
ATTRIBUTE_COLUMNS = ("name", "default", "description", "userAttributeId")
ASSIGNMENT_FIELDS = ("kind", "name", "value", "priority", "id", "updatedAt")
ASSIGNMENT_COLUMNS = ("kind", "name", "value", "priority", "id")
VALUE_FIELDS = ("name", "value", "source", "team", "teamId", "userAttributeId")
VALUE_COLUMNS = ("name", "value", "source", "team")
REPORT_COLUMNS = ("target", "status", "message")


def attribute_row(attribute: UserAttribute) -> dict[str, Any]:
    """An attribute as a flat row: its default value as text."""
    raw = attribute.to_dict()
    row = {k: raw.get(k) for k in ATTRIBUTE_FIELDS if k != "default"}
    return {"name": row.pop("name"), "default": attribute.default, **row}


def complete_attributes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Attribute names from the organization, as teams and members complete."""
    from click.shell_completion import CompletionItem

    found = names(ctx, "user-attributes", lambda s: [a.name for a in s.user_attributes.list()])
    wanted = incomplete.lower()
    return [CompletionItem(n) for n in found if n.lower().startswith(wanted)]


attribute_argument = click.argument("attribute", shell_complete=complete_attributes)


def apply_change(
    app: AppContext,
    attribute: str,
    value: str | None,
    members: tuple[str, ...],
    teams: tuple[str, ...],
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    from dataclasses import replace

    from ...workflows.report import Status
    from ...workflows.user_attributes import ValueChange, change_values
    from ..report import finish

    if not members and not teams:
        raise click.UsageError("name at least one --member, --emails file or --team")
    client = app.client()
    change = ValueChange(attribute=attribute, value=value, members=members, teams=teams)
    plan = change_values(client, change)
    planned = plan.by_status(Status.PLANNED)
    verb = "clear" if value is None else f"set to {value!r}"
    info(f"{len(planned)} to {verb}:")
    for item in planned:
        info(f"  {item.subject}: {item.message}")
    for item in plan.by_status(Status.SKIPPED):
        info(f"  not {item.subject}: {item.message}")
    report = plan
    question = f"Apply these {len(planned)} change(s)?"
    if (planned or dry_run) and approved(yes, question, dry_run=dry_run):
        report = change_values(client, replace(change, apply=True))
    finish(report, out, subject="target")


def with_file(members: tuple[str, ...], emails_file: str | None) -> tuple[str, ...]:
    """The members named, then those of the emails file (read before any request)."""
    if emails_file is None:
        return members
    from ...workflows.emails import read_emails

    return (*members, *read_emails(emails_file))


members_option = click.option(
    "--member",
    "members",
    multiple=True,
    metavar="MEMBER",
    shell_complete=complete_members,
    help="A member, by email or id (repeat for more).",
)
teams_option = click.option(
    "--team",
    "teams",
    multiple=True,
    metavar="TEAM",
    shell_complete=complete_teams,
    help="A team, by name or id (repeat for more).",
)
emails_option = click.option(
    "--emails",
    "emails_file",
    type=click.Path(dir_okay=False),
    help="Also the members a file of emails names (comma- or newline-separated, or a CSV "
    "with an email column).",
)
