"""``sigmakit members``: list, get, create, update and deactivate members.

A member is named by id or by email everywhere.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .context import AppContext, pass_app
from .output import emit, emit_one, output_options, resolve

if TYPE_CHECKING:
    from ..workflows.report import Item

__all__ = ["group"]

TABLE_COLUMNS = ("email", "firstName", "lastName", "memberType", "userKind", "memberId")


@click.group()
def group() -> None:
    """People in the organization."""


@group.command("list")
@click.option("--email", help="Only the member with exactly this email.")
@click.option("--search", help="Members whose email or name contains this text.")
@click.option("--include-archived", is_flag=True, help="Include deactivated members.")
@click.option("--include-inactive", is_flag=True, help="Include inactive members.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many members.")
@output_options
@pass_app
def list_members(
    app: AppContext,
    email: str | None,
    search: str | None,
    include_archived: bool,
    include_inactive: bool,
    limit: int | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """List members, every page of them."""
    if email and search:
        raise click.UsageError("--email and --search cannot be used together")
    members = app.client().members.list(
        email=email,
        search=search,
        include_archived=include_archived or None,
        include_inactive=include_inactive or None,
        limit=limit,
    )
    wanted = email.strip().lower() if email else None
    emit(
        # Sigma's email filter is re-checked here: exact, case-insensitive
        (m.to_dict() for m in members if wanted is None or m.email.lower() == wanted),
        resolve(output_format, fields),
        columns=TABLE_COLUMNS,
    )


@group.command()
@click.argument("member")
@output_options
@pass_app
def get(
    app: AppContext, member: str, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
    """Show one member (MEMBER is an id or an email)."""
    emit_one(app.client().members.resolve(member).to_dict(), resolve(output_format, fields))


@group.command()
@click.option("--email", required=True)
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@click.option(
    "--account-type", required=True, help="Account type, e.g. Lite, Essential, Pro, Admin."
)
@click.option(
    "--user-kind", type=click.Choice(["internal", "guest", "embed"]), help="Default: internal."
)
@click.option("--no-invite", is_flag=True, help="Do not send the invitation email.")
@output_options
@pass_app
def create(
    app: AppContext,
    email: str,
    first_name: str,
    last_name: str,
    account_type: str,
    user_kind: str | None,
    no_invite: bool,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Create a member."""
    member = app.client().members.create(
        email=email,
        first_name=first_name,
        last_name=last_name,
        member_type=account_type,
        user_kind=user_kind,
        send_invite=False if no_invite else None,
    )
    click.echo(f"created {member.email} ({member.member_id})", err=True)
    emit_one(member.to_dict(), resolve(output_format, fields))


@group.command()
@click.argument("member")
@click.option("--account-type", help="New account type.")
@click.option("--first-name")
@click.option("--last-name")
@click.option("--email", help="New email address.")
@output_options
@pass_app
def update(
    app: AppContext,
    member: str,
    account_type: str | None,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Change a member's account type, name or email."""
    if not any((account_type, first_name, last_name, email)):
        raise click.UsageError(
            "nothing to change: give --account-type, --first-name, --last-name or --email"
        )
    client = app.client()
    target = client.members.resolve(member)
    updated = client.members.update(
        target.member_id,
        member_type=account_type,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    click.echo(f"updated {updated.email} ({updated.member_id})", err=True)
    emit_one(updated.to_dict(), resolve(output_format, fields))


@group.command()
@click.argument("member")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def delete(app: AppContext, member: str, yes: bool) -> None:
    """Deactivate a member; their documents go to the owner of the API credentials."""
    client = app.client()
    target = client.members.resolve(member)
    if target.is_archived:
        click.echo(f"{target.email} is already deactivated", err=True)
        return
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("deactivating a member needs --yes when not run interactively")
        click.confirm(f"Deactivate {target.name} <{target.email}>?", abort=True, err=True)
    client.members.delete(target.member_id)
    click.echo(f"deactivated {target.email} ({target.member_id})", err=True)


RECENT_COLUMNS = ("name", "type", "permission", "lastInteractionAt", "id")
REPORT_COLUMNS = ("email", "status", "message")


@group.command("change-email")
@click.argument("member")
@click.argument("new_email")
@output_options
@pass_app
def change_email(
    app: AppContext,
    member: str,
    new_email: str,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Give MEMBER (id or email) the address NEW_EMAIL; one already in use is a conflict
    (exit 6) and nothing changes."""
    from ..workflows.inputs import is_email
    from ..workflows.people import change_email as change

    if not is_email(new_email.strip()):
        raise click.UsageError(f"{new_email!r} is not an email address")
    updated = change(app.client(), member, new_email)
    click.echo(f"{updated.member_id} now has the email {updated.email}", err=True)
    emit_one(updated.to_dict(), resolve(output_format, fields))


@group.command()
@click.argument("member")
@click.option(
    "--all-types", is_flag=True, help="Every kind of file, not only workbooks and folders."
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@output_options
@pass_app
def recent(
    app: AppContext,
    member: str,
    all_types: bool,
    limit: int | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """The workbooks and folders MEMBER opened or edited lately, newest first."""
    from ..workflows.people import DOCUMENT_TYPES, recent_documents

    files = recent_documents(
        app.client(), member, types=() if all_types else DOCUMENT_TYPES, limit=limit
    )
    emit((f.to_dict() for f in files), resolve(output_format, fields), columns=RECENT_COLUMNS)


def _show(item: Item, output_format: str | None, fields: tuple[str, ...] | None) -> None:
    """One member's outcome: a line on stderr, the item on stdout; exit 1 if it failed."""
    from ..workflows.report import Status

    click.echo(f"{item.subject}: {item.message}", err=True)
    emit_one(item.to_dict("email"), resolve(output_format, fields))
    if item.status is Status.FAILED:
        raise click.exceptions.Exit(1)


@group.command()
@click.argument("member")
@click.option("--new-owner", metavar="MEMBER", help="Who gets their documents (id or email).")
@output_options
@pass_app
def deactivate(
    app: AppContext,
    member: str,
    new_owner: str | None,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Deactivate MEMBER; their documents go to --new-owner (default: the owner of the API
    credentials). Deactivating someone already deactivated changes nothing."""
    from ..workflows.people import deactivate as run

    _show(run(app.client(), member, new_owner=new_owner), output_format, fields)


@group.command()
@click.argument("member")
@output_options
@pass_app
def reactivate(
    app: AppContext, member: str, output_format: str | None, fields: tuple[str, ...] | None
) -> None:
    """Make a deactivated MEMBER active again."""
    from ..workflows.people import reactivate as run

    _show(run(app.client(), member), output_format, fields)


@group.command("bulk-deactivate")
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
@click.option("--new-owner", metavar="MEMBER", help="Who gets their documents (id or email).")
@click.option("--yes", is_flag=True, help="Apply the plan (without it, only show it).")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True)
@output_options
@pass_app
def bulk_deactivate(
    app: AppContext,
    pattern: str | None,
    name_pattern: str | None,
    emails_file: str | None,
    new_owner: str | None,
    yes: bool,
    concurrency: int,
    output_format: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Deactivate every member an email pattern, a name pattern or a file names. Shows the
    plan; applies it only with --yes. The owner of the API credentials is never
    deactivated."""
    from ..workflows.inputs import read_emails
    from ..workflows.people import BulkDeactivateOptions
    from ..workflows.people import bulk_deactivate as run
    from ..workflows.report import Status
    from .progress import progress
    from .report import finish

    if [pattern, name_pattern, emails_file].count(None) != 2:
        raise click.UsageError("give exactly one of --pattern, --name-pattern and --emails")
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
    click.echo(f"{len(planned)} member(s) to deactivate:", err=True)
    for item in planned:
        click.echo(f"  {item.subject}", err=True)
    for item in plan.items:
        if item.status is not Status.PLANNED:
            click.echo(f"  not {item.subject}: {item.status}, {item.message}", err=True)
    if yes and planned:
        from dataclasses import replace

        with progress("Deactivating", total=len(planned)) as update:
            report = run(client, replace(options, apply=True, progress=update))
    else:
        if planned:
            click.echo("nothing changed: run again with --yes to apply", err=True)
        report = plan
    finish(report, output_format, fields, columns=REPORT_COLUMNS)
