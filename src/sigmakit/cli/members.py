"""``sigmakit members``: list, get, create, update and deactivate members.

A member is named by id or by email everywhere.
"""

from __future__ import annotations

import sys

import click

from .context import AppContext, pass_app
from .output import emit, emit_one, output_options, resolve

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
