"""``sigmakit schedules``: scheduled exports, a workbook's or a member's; suspend, resume and
delete them.

A workbook is named by id, urlId or name; a member by id or email; a schedule by id or by
its exact title within its workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from .complete import complete_members, complete_workbooks
from .confirm import approved, plan_rows_shown, yes_option
from .context import AppContext, pass_app
from .output import OutputOptions, emit, info, output_options

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.schedules import Schedule

__all__ = ["group"]

#: a schedule as a row: its own fields, flattened, with the workbook's name and the owner's email
ROW_FIELDS = (
    "scheduleId",
    "title",
    "workbookId",
    "workbook",
    "ownerId",
    "owner",
    "cronSpec",
    "timezone",
    "isSuspended",
    "disabledAt",
    "description",
    "createdAt",
    "updatedAt",
)
TABLE_COLUMNS = ("title", "workbook", "owner", "cronSpec", "timezone", "isSuspended", "scheduleId")
CHANGE_FIELDS = (*ROW_FIELDS, "status")
CHANGE_COLUMNS = ("title", "workbook", "isSuspended", "status", "scheduleId")


@click.group()
def group() -> None:
    """Scheduled exports of workbooks: list, suspend, resume, delete."""


class _Names:
    """Workbook names and owner emails for rows, each looked up once."""

    def __init__(self, sigma: Sigma) -> None:
        self.sigma = sigma
        self.workbooks: dict[str, str] = {}
        self.members: dict[str, str] = {}

    def workbook(self, workbook_id: str | None) -> str:
        if not workbook_id:
            return ""
        if workbook_id not in self.workbooks:
            from .._errors import NotFoundError, PermissionDeniedError

            try:
                self.workbooks[workbook_id] = self.sigma.workbooks.get(workbook_id).name
            except (NotFoundError, PermissionDeniedError):
                self.workbooks[workbook_id] = ""
        return self.workbooks[workbook_id]

    def member(self, member_id: str) -> str:
        if member_id not in self.members:
            from .._errors import NotFoundError, PermissionDeniedError

            try:
                self.members[member_id] = self.sigma.members.get(member_id).email
            except (NotFoundError, PermissionDeniedError):
                self.members[member_id] = ""
        return self.members[member_id]

    def row(self, schedule: Schedule, **extra: Any) -> dict[str, Any]:
        raw = schedule.to_dict()
        return {
            "scheduleId": schedule.schedule_id,
            "title": schedule.title,
            "workbookId": schedule.workbook_id,
            "workbook": self.workbook(schedule.workbook_id),
            "ownerId": schedule.owner_id,
            "owner": self.member(schedule.owner_id),
            "cronSpec": schedule.cron_spec,
            "timezone": schedule.timezone,
            "isSuspended": schedule.is_suspended,
            "disabledAt": raw.get("disabledAt"),
            "description": schedule.description,
            "createdAt": raw.get("createdAt"),
            "updatedAt": raw.get("updatedAt"),
            **extra,
        }


@group.command("list")
@click.option(
    "--workbook",
    metavar="WORKBOOK",
    shell_complete=complete_workbooks,
    help="The schedules of this workbook (id, urlId or name).",
)
@click.option(
    "--member",
    metavar="MEMBER",
    shell_complete=complete_members,
    help="The schedules this member owns, on any workbook (id or email).",
)
@click.option("--suspended", is_flag=True, help="Only suspended schedules.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many schedules.")
@output_options(fields=ROW_FIELDS, columns=TABLE_COLUMNS, noun="schedule")
@pass_app
def list_schedules(
    app: AppContext,
    workbook: str | None,
    member: str | None,
    suspended: bool,
    limit: int | None,
    out: OutputOptions,
) -> None:
    """List scheduled exports: a workbook's (--workbook), a member's (--member), or, with
    neither, those the owner of the API credentials owns."""
    if workbook and member:
        raise click.UsageError("--workbook and --member cannot be used together")
    sigma = app.client()
    if workbook:
        schedules = sigma.schedules.list(sigma.workbooks.resolve(workbook).workbook_id)
    else:
        member_id = (
            sigma.members.resolve(member).member_id
            if member
            else sigma.whoami(member=False).user_id
        )
        schedules = sigma.schedules.for_member(member_id)
    names = _Names(sigma)

    def rows() -> Iterator[dict[str, Any]]:
        count = 0
        for schedule in schedules:
            if suspended and not schedule.is_suspended:
                continue
            yield names.row(schedule)
            count += 1
            if limit is not None and count >= limit:
                return

    emit(rows(), out)


def _pick(sigma: Sigma, workbook: str, refs: Iterable[str]) -> tuple[str, list[Schedule]]:
    """The workbook's id and the schedules named (ids or exact titles), all found before
    anything changes; an unknown or ambiguous one is an InputError naming the valid ones."""
    from .._errors import InputError
    from .._suggest import listing, suggestion

    workbook_id = sigma.workbooks.resolve(workbook).workbook_id
    known = list(sigma.schedules.list(workbook_id))
    by_id = {s.schedule_id: s for s in known}
    picked: dict[str, Schedule] = {}
    for ref in refs:
        ref = ref.strip()
        if ref in by_id:
            picked[ref] = by_id[ref]
            continue
        titled = [s for s in known if s.title == ref]
        if len(titled) == 1:
            picked[titled[0].schedule_id] = titled[0]
        elif titled:
            ids = ", ".join(s.schedule_id for s in titled)
            raise InputError(f"{len(titled)} schedules are titled {ref!r}; use an id: {ids}")
        else:
            titles = [s.title for s in known if s.title]
            raise InputError(
                f"workbook {workbook!r} has no schedule with the id or title {ref!r}"
                f"{suggestion(ref, titles)} (schedules: "
                f"{listing([s.title or s.schedule_id for s in known]) or 'none'})"
            )
    return workbook_id, list(picked.values())


def _switch(
    app: AppContext, workbook: str, refs: tuple[str, ...], out: OutputOptions, *, suspend: bool
) -> None:
    sigma = app.client()
    workbook_id, schedules = _pick(sigma, workbook, refs)
    names = _Names(sigma)
    rows = []
    for schedule in schedules:
        if schedule.is_suspended == suspend:
            status = "unchanged"
            after = schedule
        elif suspend:
            status, after = "suspended", sigma.schedules.suspend(workbook_id, schedule.schedule_id)
        else:
            status, after = "resumed", sigma.schedules.resume(workbook_id, schedule.schedule_id)
        info(f"{after.title or after.schedule_id}: {status}")
        rows.append(names.row(after, status=status))
    emit(rows, out)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.argument("schedules", nargs=-1, required=True)
@output_options(fields=CHANGE_FIELDS, columns=CHANGE_COLUMNS, noun="schedule")
@pass_app
def suspend(app: AppContext, workbook: str, schedules: tuple[str, ...], out: OutputOptions) -> None:
    """Suspend SCHEDULES (ids or titles) of WORKBOOK; already suspended ones stay as they are.
    Every schedule is checked before any is changed."""
    _switch(app, workbook, schedules, out, suspend=True)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.argument("schedules", nargs=-1, required=True)
@output_options(fields=CHANGE_FIELDS, columns=CHANGE_COLUMNS, noun="schedule")
@pass_app
def resume(app: AppContext, workbook: str, schedules: tuple[str, ...], out: OutputOptions) -> None:
    """Resume suspended SCHEDULES (ids or titles) of WORKBOOK."""
    _switch(app, workbook, schedules, out, suspend=False)


@group.command()
@click.argument("workbook", shell_complete=complete_workbooks)
@click.argument("schedules", nargs=-1, required=True)
@yes_option
@output_options(fields=CHANGE_FIELDS, columns=CHANGE_COLUMNS, noun="schedule")
@pass_app
def delete(
    app: AppContext, workbook: str, schedules: tuple[str, ...], yes: bool, out: OutputOptions
) -> None:
    """Delete SCHEDULES (ids or titles) of WORKBOOK. Shows the plan, then applies it with
    --yes or when you confirm at a terminal."""
    sigma = app.client()
    workbook_id, picked = _pick(sigma, workbook, schedules)
    names = _Names(sigma)
    for schedule in picked:
        info(
            f"to delete: {schedule.title or '(untitled)'} ({schedule.cron_spec} "
            f"{schedule.timezone}) {schedule.schedule_id}"
        )
    if not approved(yes, f"Delete {len(picked)} schedule(s)?"):
        if plan_rows_shown(out):
            emit([names.row(s, status="planned") for s in picked], out)
        return
    rows = []
    for schedule in picked:
        sigma.schedules.delete(workbook_id, schedule.schedule_id)
        rows.append(names.row(schedule, status="deleted"))
    emit(rows, out)
