"""What the ``sigmakit members`` commands share: their fields, columns and outputs, and
how one member's outcome is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..output import OutputOptions, emit_one, info, model_fields, output_options

if TYPE_CHECKING:
    from ...workflows.report import Item


TABLE_COLUMNS = ("firstName", "lastName", "email", "memberType", "userKind", "memberId")
RECENT_COLUMNS = ("name", "type", "permission", "lastInteractionAt", "id")
REPORT_COLUMNS = ("email", "status", "message")

#: what a report item has (workflows.report.Item.to_dict("email"))
ITEM_FIELDS = ("email", "status", "message", "id")


def member_fields() -> list[str]:
    from ...resources.members import Member

    return model_fields(Member)


def recent_fields() -> list[str]:
    from ...resources.files import RecentFile

    return model_fields(RecentFile)


#: a member as one object (get, create, update...)
member_output = output_options(fields=member_fields, noun="member")

#: the outcome of one member's change
item_output = output_options(fields=ITEM_FIELDS, columns=REPORT_COLUMNS)


def show_outcome(item: Item, out: OutputOptions) -> None:
    """One member's outcome: a line on stderr, the item on stdout; exit 1 if it failed."""
    from ...workflows.report import Status

    info(f"{item.subject}: {item.message}")
    emit_one(item.to_dict("email"), out)
    if item.status is Status.FAILED:
        raise click.exceptions.Exit(1)
