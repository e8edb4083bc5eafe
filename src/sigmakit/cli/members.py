"""``sigmakit members``: list, get, create, update, deactivate and offboard members.

A member is named by id or by email everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .complete import complete_members
from .confirm import approved, plan_rows_shown, yes_option
from .context import AliasGroup, AppContext, pass_app
from .output import OutputOptions, emit, emit_one, info, model_fields, output_options
from .report import report_output

if TYPE_CHECKING:
    from ..resources.members import UserKind
    from ..workflows.report import Item

__all__ = ["group"]

TABLE_COLUMNS = ("firstName", "lastName", "email", "memberType", "userKind", "memberId")
RECENT_COLUMNS = ("name", "type", "permission", "lastInteractionAt", "id")
REPORT_COLUMNS = ("email", "status", "message")
#: what a report item has (workflows.report.Item.to_dict("email"))
ITEM_FIELDS = ("email", "status", "message", "id")


def member_fields() -> list[str]:
    from ..resources.members import Member

    return model_fields(Member)


def recent_fields() -> list[str]:
    from ..resources.files import RecentFile

    return model_fields(RecentFile)


#: a member as one object (get, create, update...)
member_output = output_options(fields=member_fields, noun="member")
#: the outcome of one member's change
item_output = output_options(fields=ITEM_FIELDS, columns=REPORT_COLUMNS)


@click.group(cls=AliasGroup, aliases={"delete": "deactivate"})
def group() -> None:
    """People in the organization."""


@group.command("list")
@click.option("--email", help="Only the member with exactly this email.")
@click.option(
    "--search",
    help="Deprecated (Sigma removed it 2026-09-15): members whose email or name contains "
    "this text, matched by sigmakit over every member; use --email for one address.",
)
@click.option("--include-archived", is_flag=True, help="Include deactivated members.")
@click.option("--include-inactive", is_flag=True, help="Include inactive members.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many members.")
@output_options(fields=member_fields, columns=TABLE_COLUMNS, noun="member")
@pass_app
def list_members(
    app: AppContext,
    email: str | None,
    search: str | None,
    include_archived: bool,
    include_inactive: bool,
    limit: int | None,
    out: OutputOptions,
) -> None:
    """List members, every page of them."""
    import warnings

    from ..types.members import SEARCH_REMOVED

    if email and search:
        raise click.UsageError("--email and --search cannot be used together")
    if search is not None:
        # shown even with -q: the option goes away
        click.echo(f"Warning: --{SEARCH_REMOVED}", err=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # told above, in the CLI's words
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
        out,
    )


@group.command()
@click.argument("member", shell_complete=complete_members)
@member_output
@pass_app
def get(app: AppContext, member: str, out: OutputOptions) -> None:
    """Show one member (MEMBER is an id or an email)."""
    emit_one(app.client().members.resolve(member).to_dict(), out)


@group.command()
@click.option("--email", required=True)
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@click.option(
    "--account-type",
    required=True,
    help="Account type, as the organization names it (any case), e.g. Lite, Pro, Viewer.",
)
@click.option(
    "--user-kind", type=click.Choice(["internal", "guest", "embed"]), help="Default: internal."
)
@click.option("--no-invite", is_flag=True, help="Do not send the invitation email.")
@member_output
@pass_app
def create(
    app: AppContext,
    email: str,
    first_name: str,
    last_name: str,
    account_type: str,
    user_kind: UserKind | None,
    no_invite: bool,
    out: OutputOptions,
) -> None:
    """Create a member. The account type is checked against the organization's first."""
    client = app.client()
    member = client.members.create(
        email=email,
        first_name=first_name,
        last_name=last_name,
        member_type=client.account_types.check(account_type),
        user_kind=user_kind,
        send_invite=False if no_invite else None,
    )
    info(f"created {member.email} ({member.member_id})")
    emit_one(member.to_dict(), out)


@group.command()
@click.argument("member", shell_complete=complete_members)
@click.option("--account-type", help="New account type.")
@click.option("--first-name")
@click.option("--last-name")
@click.option("--email", help="New email address.")
@member_output
@pass_app
def update(
    app: AppContext,
    member: str,
    account_type: str | None,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    out: OutputOptions,
) -> None:
    """Change a member's account type, name or email."""
    if not any((account_type, first_name, last_name, email)):
        raise click.UsageError(
            "nothing to change: give --account-type, --first-name, --last-name or --email"
        )
    client = app.client()
    member_type = None if account_type is None else client.account_types.check(account_type)
    target = client.members.resolve(member)
    updated = client.members.update(
        target.member_id,
        member_type=member_type,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    info(f"updated {updated.email} ({updated.member_id})")
    emit_one(updated.to_dict(), out)


@group.command("change-email")
@click.argument("member", shell_complete=complete_members)
@click.argument("new_email")
@member_output
@pass_app
def change_email(app: AppContext, member: str, new_email: str, out: OutputOptions) -> None:
    """Give MEMBER (id or email) the address NEW_EMAIL; one already in use is a conflict
    (exit 6) and nothing changes."""
    from ..workflows.emails import is_email
    from ..workflows.people import change_email as change

    if not is_email(new_email.strip()):
        raise click.UsageError(f"{new_email!r} is not an email address")
    updated = change(app.client(), member, new_email)
    info(f"{updated.member_id} now has the email {updated.email}")
    emit_one(updated.to_dict(), out)


@group.command()
@click.argument("member", shell_complete=complete_members)
@click.option(
    "--all-types", is_flag=True, help="Every kind of file, not only workbooks and folders."
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@output_options(fields=recent_fields, columns=RECENT_COLUMNS, noun="document")
@pass_app
def recent(
    app: AppContext, member: str, all_types: bool, limit: int | None, out: OutputOptions
) -> None:
    """The workbooks and folders MEMBER opened or edited lately, newest first."""
    from ..workflows.people import DOCUMENT_TYPES, recent_documents

    files = recent_documents(
        app.client(), member, types=() if all_types else DOCUMENT_TYPES, limit=limit
    )
    emit((f.to_dict() for f in files), out)


def _show(item: Item, out: OutputOptions) -> None:
    """One member's outcome: a line on stderr, the item on stdout; exit 1 if it failed."""
    from ..workflows.report import Status

    info(f"{item.subject}: {item.message}")
    emit_one(item.to_dict("email"), out)
    if item.status is Status.FAILED:
        raise click.exceptions.Exit(1)


@group.command()
@click.argument("member", shell_complete=complete_members)
@click.option(
    "--new-owner",
    metavar="MEMBER",
    shell_complete=complete_members,
    help="Who gets their documents (id or email).",
)
@yes_option
@item_output
@pass_app
def deactivate(
    app: AppContext, member: str, new_owner: str | None, yes: bool, out: OutputOptions
) -> None:
    """Deactivate MEMBER (id or email); their documents go to --new-owner (default: the
    owner of the API credentials). Shows the plan, then applies it with --yes or when you
    confirm at a terminal. Deactivating someone already deactivated changes nothing.

    Also called `members delete`: Sigma's DELETE of a member deactivates too, the same
    way."""
    from ..workflows.people import deactivate as run
    from ..workflows.report import Item, Status

    sigma = app.client()
    target = sigma.members.resolve(member)
    if not target.is_archived:
        heir = sigma.members.resolve(new_owner).email if new_owner else None
        to = heir or "the owner of the API credentials"
        info(f"to deactivate: {target.name} <{target.email}>; their documents go to {to}")
        if not approved(yes, f"Deactivate {target.name} <{target.email}>?"):
            message = f"not deactivated (plan: documents would go to {to})"
            if plan_rows_shown(out):
                item = Item(target.email, Status.PLANNED, message, id=target.member_id)
                emit_one(item.to_dict("email"), out)
            return
    _show(run(sigma, target.member_id, new_owner=new_owner), out)


@group.command()
@click.argument("member", shell_complete=complete_members)
@item_output
@pass_app
def reactivate(app: AppContext, member: str, out: OutputOptions) -> None:
    """Make a deactivated MEMBER active again."""
    from ..workflows.people import reactivate as run

    _show(run(app.client(), member), out)


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
@click.option(
    "--new-owner",
    metavar="MEMBER",
    shell_complete=complete_members,
    help="Who gets their documents (id or email).",
)
@yes_option
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True)
@report_output(columns=REPORT_COLUMNS)
@pass_app
def bulk_deactivate(
    app: AppContext,
    pattern: str | None,
    name_pattern: str | None,
    emails_file: str | None,
    new_owner: str | None,
    yes: bool,
    concurrency: int,
    out: OutputOptions,
) -> None:
    """Deactivate every member an email pattern, a name pattern or a file names. Shows the
    plan, then applies it with --yes or when you confirm at a terminal. The owner of the
    API credentials is never deactivated."""
    from ..workflows.emails import read_emails
    from ..workflows.people import BulkDeactivateOptions, require_one_selector
    from ..workflows.people import bulk_deactivate as run
    from ..workflows.report import Status
    from .progress import progress
    from .report import finish

    require_one_selector(
        ("--pattern", "--name-pattern", "--emails"),
        *(given is not None for given in (pattern, name_pattern, emails_file)),
    )
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
    info(f"{len(planned)} member(s) to deactivate:")
    for item in planned:
        info(f"  {item.subject}")
    for item in plan.items:
        if item.status is not Status.PLANNED:
            info(f"  not {item.subject}: {item.status}, {item.message}")
    report = plan
    if planned and approved(yes, f"Deactivate these {len(planned)} member(s)?"):
        from dataclasses import replace

        with progress("Deactivating", total=len(planned)) as update:
            report = run(client, replace(options, apply=True, progress=update))
    finish(report, out)


@group.command()
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
    from ..workflows.offboard import OffboardOptions, apply_offboard, plan_offboard, plan_report
    from .report import finish

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
