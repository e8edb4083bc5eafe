"""``sigmakit user-attributes``: list, show, create and delete user attributes; set or clear a
value for members and teams (a plan first); a member's values.

An attribute is named by name or id, a member by email or id, a team by name or id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .complete import complete_members, complete_teams, names
from .confirm import approved, yes_option
from .context import AppContext, pass_app
from .output import OutputOptions, emit, emit_one, info, output_options
from .report import report_output

if TYPE_CHECKING:
    from ..resources.user_attributes import UserAttribute

__all__ = ["group"]

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


_attribute_argument = click.argument("attribute", shell_complete=complete_attributes)


@click.group()
def group() -> None:
    """User attributes, and their values for members and teams."""


@group.command("list")
@click.option("--name", help="Only the attribute with exactly this name.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many.")
@output_options(fields=ATTRIBUTE_FIELDS, columns=ATTRIBUTE_COLUMNS, noun="user attribute")
@pass_app
def list_attributes(
    app: AppContext, name: str | None, limit: int | None, out: OutputOptions
) -> None:
    """List the user attributes, every page of them."""
    found = app.client().user_attributes.list(name=name, limit=limit)
    emit((attribute_row(a) for a in found), out)


@group.command()
@_attribute_argument
@output_options(fields=ASSIGNMENT_FIELDS, columns=ASSIGNMENT_COLUMNS, noun="value")
@pass_app
def show(app: AppContext, attribute: str, out: OutputOptions) -> None:
    """Who has a value of ATTRIBUTE (name or id): members (by email) and teams (by name,
    in priority order). The attribute itself is described on stderr."""
    from ..workflows.teams import member_directory

    sigma = app.client()
    found = sigma.user_attributes.resolve(attribute)
    aid = found.user_attribute_id
    default = repr(found.default) if found.default is not None else "none"
    about = f"{found.name} ({aid}): default {default}"
    info(f"{about}; {found.description}" if found.description else about)
    emails = {m.member_id: m.email for m in member_directory(sigma).values()}
    team_names = {t.team_id: t.name for t in sigma.teams.list()}

    def rows() -> Any:
        for m in sigma.user_attributes.members(aid):
            yield {
                "kind": "member",
                "name": emails.get(m.user_id, m.user_id),
                "value": m.value.val,
                "priority": None,
                "id": m.user_id,
                "updatedAt": m.to_dict().get("updatedAt"),
            }
        for t in sigma.user_attributes.teams(aid):
            yield {
                "kind": "team",
                "name": team_names.get(t.team_id, t.team_id),
                "value": t.value.val,
                "priority": int(t.priority) if t.priority is not None else None,
                "id": t.team_id,
                "updatedAt": t.to_dict().get("updatedAt"),
            }

    emit(rows(), out)


@group.command()
@click.argument("name")
@click.option("--description", help="What the attribute is for.")
@click.option("--default", "default", metavar="VALUE", help="The value of anyone not given one.")
@output_options(fields=ATTRIBUTE_FIELDS)
@pass_app
def create(
    app: AppContext, name: str, description: str | None, default: str | None, out: OutputOptions
) -> None:
    """Create the user attribute NAME (an Admin's credentials)."""
    made = app.client().user_attributes.create(name, description=description, default_value=default)
    info(f"created {made.name} ({made.user_attribute_id})")
    emit_one(attribute_row(made), out)


@group.command()
@_attribute_argument
@yes_option
@report_output("target", columns=REPORT_COLUMNS)
@pass_app
def delete(app: AppContext, attribute: str, yes: bool, out: OutputOptions) -> None:
    """Delete ATTRIBUTE (name or id) and every value set with it. Shows what goes, then
    deletes with --yes or when you confirm at a terminal."""
    from ..workflows.report import Item, Report, Status
    from .report import finish

    sigma = app.client()
    found = sigma.user_attributes.resolve(attribute)
    aid = found.user_attribute_id
    members = sum(1 for _ in sigma.user_attributes.members(aid))
    teams = sum(1 for _ in sigma.user_attributes.teams(aid))
    info(f"to delete: {found.name}, with {members} member value(s) and {teams} team value(s)")
    if not approved(yes, f"Delete the user attribute {found.name}?"):
        message = f"would be deleted with {members} member and {teams} team value(s)"
        finish(
            Report([Item(found.name, Status.PLANNED, message, id=aid)], applied=False),
            out,
            subject="target",
        )
        return
    sigma.user_attributes.delete(aid)
    item = Item(found.name, Status.CHANGED, "deleted", id=aid)
    finish(Report([item]), out, subject="target")


def _change(
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

    from ..workflows.report import Status
    from ..workflows.user_attributes import ValueChange, change_values
    from .report import finish

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


def _with_file(members: tuple[str, ...], emails_file: str | None) -> tuple[str, ...]:
    """The members named, then those of the emails file (read before any request)."""
    if emails_file is None:
        return members
    from ..workflows.emails import read_emails

    return (*members, *read_emails(emails_file))


_members_option = click.option(
    "--member",
    "members",
    multiple=True,
    metavar="MEMBER",
    shell_complete=complete_members,
    help="A member, by email or id (repeat for more).",
)
_teams_option = click.option(
    "--team",
    "teams",
    multiple=True,
    metavar="TEAM",
    shell_complete=complete_teams,
    help="A team, by name or id (repeat for more).",
)
_emails_option = click.option(
    "--emails",
    "emails_file",
    type=click.Path(dir_okay=False),
    help="Also the members a file of emails names (comma- or newline-separated, or a CSV "
    "with an email column).",
)
_dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Show what would change; change nothing."
)


@group.command("set")
@_attribute_argument
@click.argument("value")
@_members_option
@_emails_option
@_teams_option
@_dry_run_option
@yes_option
@report_output("target", columns=REPORT_COLUMNS)
@pass_app
def set_value(
    app: AppContext,
    attribute: str,
    value: str,
    members: tuple[str, ...],
    emails_file: str | None,
    teams: tuple[str, ...],
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    """Give the members and teams named the VALUE of ATTRIBUTE. Shows the plan (who changes,
    who already has it), then applies it with --yes or when you confirm at a terminal."""
    _change(app, attribute, value, _with_file(members, emails_file), teams, dry_run, yes, out)


@group.command()
@_attribute_argument
@_members_option
@_emails_option
@_teams_option
@_dry_run_option
@yes_option
@report_output("target", columns=REPORT_COLUMNS)
@pass_app
def clear(
    app: AppContext,
    attribute: str,
    members: tuple[str, ...],
    emails_file: str | None,
    teams: tuple[str, ...],
    dry_run: bool,
    yes: bool,
    out: OutputOptions,
) -> None:
    """Remove the value of ATTRIBUTE from the members and teams named; they fall back to
    their teams' value or the default. A plan first, as for `set`."""
    _change(app, attribute, None, _with_file(members, emails_file), teams, dry_run, yes, out)


@group.command()
@click.argument("member", shell_complete=complete_members)
@output_options(fields=VALUE_FIELDS, columns=VALUE_COLUMNS, noun="value")
@pass_app
def values(app: AppContext, member: str, out: OutputOptions) -> None:
    """The value MEMBER (email or id) has for each attribute, and where it comes from:
    their own (member), a team's (team) or the attribute's default."""
    sigma = app.client()
    target = sigma.members.resolve(member)
    found = sigma.user_attributes.member_values(target.member_id)
    names = {t.team_id: t.name for t in sigma.teams.list()} if found else {}
    emit(
        (
            {
                "name": v.name,
                "value": v.value,
                "source": v.source,
                "team": names.get(v.team_id, v.team_id) if v.team_id else None,
                "teamId": v.team_id,
                "userAttributeId": v.user_attribute_id,
            }
            for v in found
        ),
        out,
    )
