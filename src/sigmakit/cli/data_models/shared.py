"""What the ``sigmakit data-models`` commands share: fields and table columns, the
DATA_MODEL and ELEMENT arguments, finding an element by id or name, and the confirmation
options of the commands that change a model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..complete import complete_data_models

if TYPE_CHECKING:
    from ...resources.data_models import DataModel
    from ...resources.workbooks import Element, MaterializationSchedule
    from ...workflows.report import Item
    from ..output import OutputOptions


#: a table for people: the name, where it is, its version and when it changed; JSON and
#: CSV keep every field the API gives (ids, url, owner...)
LIST_COLUMNS = ("name", "path", "latestVersion", "updatedAt", "dataModelId")
TAG_COLUMNS = ("tag", "version", "taggedAt")
ELEMENT_COLUMNS = ("name", "type", "columns", "elementId")
LINEAGE_COLUMNS = ("element", "connection", "path")
LINEAGE_FIELDS = (*LINEAGE_COLUMNS, "elementId", "connectionId", "tableId")
SCHEDULE_COLUMNS = ("element", "cron", "timezone", "paused", "configuredAt")
SCHEDULE_FIELDS = (*SCHEDULE_COLUMNS, "elementId", "sheetId")
#: what a change command reports per subject
REPORT_SUBJECT = "dataModel"

#: fields the description gives a data model beyond the SDK model's
_DESCRIBED = ("createdBy", "updatedBy", "isArchived", "tags")


def data_model_fields() -> list[str]:
    from ...resources.data_models import DataModel
    from ..output import model_fields

    return list(dict.fromkeys([*model_fields(DataModel), *_DESCRIBED]))


def show_fields() -> list[str]:
    return [*data_model_fields(), "elements"]


data_model_argument = click.argument("data_model", shell_complete=complete_data_models)
element_argument = click.argument("element")


def list_row(model: DataModel) -> dict[str, Any]:
    """A data model as a listing shows it: its fields, without the raw tag list (``show``
    gives the tags with the version each marks)."""
    row = model.to_dict()
    row.pop("tags", None)
    return row


def find_element(elements: list[Element], ref: str, model: str) -> Element:
    """The element ``ref`` names, by id or exact name (:func:`sigmakit.jobs.pick`, as an
    export finds one); else an :class:`InputError` naming the closest and the elements."""
    from ...jobs import pick

    found = pick(ref.strip(), [(e.element_id, e.name) for e in elements], "element", model)
    return next(e for e in elements if e.element_id == found)


def go_ahead(
    planned: Item,
    where: str,
    question: str,
    *,
    subject: str,
    yes: bool,
    dry_run: bool,
    out: OutputOptions,
) -> bool:
    """The change ``planned`` shown (``to change: <where>: <message>``) and asked about:
    True to make it; else the plan is reported as planned (and False)."""
    from ...workflows.report import Report
    from ..confirm import approved
    from ..output import info
    from ..report import finish

    info(f"to change: {where}: {planned.message}", out)
    if approved(yes, question, dry_run=dry_run, out=out):
        return True
    finish(Report([planned], applied=False), out, subject=subject)
    return False


def schedule_row(entry: MaterializationSchedule) -> dict[str, Any]:
    """One element's materialization schedule as a flat row."""
    when = entry.schedule
    return {
        "element": entry.element_name,
        "cron": when.cron_spec if when else None,
        "timezone": when.timezone if when else None,
        "paused": entry.paused,
        "configuredAt": entry.to_dict().get("configuredAt"),
        "elementId": entry.element_id or entry.sheet_id,
        "sheetId": entry.sheet_id,
    }


def describe_schedule(entry: MaterializationSchedule | None) -> str:
    """``0 5 * * * America/New_York``, or ``no schedule``."""
    when = entry.schedule if entry is not None else None
    if when is None or not when.cron_spec:
        return "no schedule"
    return f"{when.cron_spec} {when.timezone}" if when.timezone else when.cron_spec
