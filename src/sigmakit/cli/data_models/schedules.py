"""``sigmakit data-models schedules``, ``schedule`` and ``unschedule``: the element
materialization schedules of a data model, listed, set and removed (through
``sigma.materialization_schedules``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..confirm import dry_run_option, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options
from ..report import finish, report_output
from .shared import (
    SCHEDULE_COLUMNS,
    SCHEDULE_FIELDS,
    data_model_argument,
    describe_schedule,
    element_argument,
    find_element,
    go_ahead,
    schedule_row,
)

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.data_models import DataModel
    from ...resources.workbooks import Element, MaterializationSchedule

SUBJECT = "element"


@click.command()
@data_model_argument
@output_options(fields=SCHEDULE_FIELDS, columns=SCHEDULE_COLUMNS, noun="schedule")
@pass_app
def schedules(app: AppContext, data_model: str, out: OutputOptions) -> None:
    """List the element materialization schedules.

    A row per schedule of DATA_MODEL: the element, its cron and timezone, whether it is
    paused and when it was set."""
    sigma = app.client()
    model = sigma.data_models.resolve(data_model)
    emit(
        (schedule_row(s) for s in sigma.data_models.materialization_schedules(model.data_model_id)),
        out,
    )


def _target(
    sigma: Sigma, data_model: str, element: str
) -> tuple[DataModel, Element, MaterializationSchedule | None]:
    """The model, the element named and its schedule now (None: it has none)."""
    model = sigma.data_models.resolve(data_model)
    elements = list(sigma.data_models.elements(model.data_model_id))
    found = find_element(elements, element, model.name)
    now = next(
        (
            s
            for s in sigma.data_models.materialization_schedules(model.data_model_id)
            if (s.element_id or s.sheet_id) == found.element_id
        ),
        None,
    )
    return model, found, now


@click.command()
@data_model_argument
@element_argument
@click.option("--cron", required=True, metavar="SPEC", help='When to run, e.g. "0 4 * * *".')
@click.option("--timezone", metavar="TZ", help="An IANA timezone (default: the organization's).")
@yes_option
@dry_run_option
@report_output(SUBJECT)
@pass_app
def schedule(
    app: AppContext,
    data_model: str,
    element: str,
    cron: str,
    timezone: str | None,
    yes: bool,
    dry_run: bool,
    out: OutputOptions,
) -> None:
    """Set an element's materialization schedule.

    Materializes ELEMENT (id or name) of DATA_MODEL on --cron, in --timezone: a new
    schedule, or a change of the one it has (keeping its timezone without --timezone).
    Shows the change, then makes it with --yes or when you confirm at a terminal. Sigma
    checks the cron and the timezone."""
    from ...workflows.report import Item, Report, Status

    if not cron.strip():
        raise click.UsageError('--cron is empty; give a cron expression, e.g. "0 4 * * *"')
    sigma = app.client()
    model, found, now = _target(sigma, data_model, element)
    name = found.name or found.element_id
    current = now.schedule if now is not None else None
    if timezone is None and current is not None:
        timezone = current.timezone  # a change of time keeps the schedule's timezone
    wanted = f"{cron} {timezone}" if timezone else f"{cron} (the organization's timezone)"
    if current is not None and (current.cron_spec, current.timezone) == (cron, timezone):
        item = Item(name, Status.ALREADY, f"already {describe_schedule(now)}", id=found.element_id)
        finish(Report([item]), out, subject=SUBJECT)
        return
    planned = Item(
        name, Status.PLANNED, f"{describe_schedule(now)} -> {wanted}", id=found.element_id
    )
    question = f"Schedule {name} of {model.name}?"
    where = f"{model.name}: {name}"
    if not go_ahead(planned, where, question, subject=SUBJECT, yes=yes, dry_run=dry_run, out=out):
        return
    schedules = sigma.materialization_schedules
    if now is None:
        made = schedules.create_in_data_model(
            model.data_model_id, found.element_id, cron, timezone=timezone
        )
        status = Status.CREATED
    else:
        made = schedules.update_in_data_model(
            model.data_model_id, found.element_id, cron, timezone=timezone
        )
        status = Status.CHANGED
    message = f"{describe_schedule(now)} -> {describe_schedule(made)}"
    finish(Report([Item(name, status, message, id=found.element_id)]), out, subject=SUBJECT)


@click.command()
@data_model_argument
@element_argument
@yes_option
@dry_run_option
@report_output(SUBJECT)
@pass_app
def unschedule(
    app: AppContext, data_model: str, element: str, yes: bool, dry_run: bool, out: OutputOptions
) -> None:
    """Remove an element's materialization schedule.

    Removes the schedule of ELEMENT (id or name) of DATA_MODEL; later runs are cancelled.
    Shows it, then removes it with --yes or when you confirm at a terminal. An element
    without a schedule changes nothing."""
    from ...workflows.report import Item, Report, Status

    sigma = app.client()
    model, found, now = _target(sigma, data_model, element)
    name = found.name or found.element_id
    if now is None:
        item = Item(name, Status.ALREADY, "has no schedule", id=found.element_id)
        finish(Report([item]), out, subject=SUBJECT)
        return
    plan = f"{describe_schedule(now)} -> no schedule"
    planned = Item(name, Status.PLANNED, plan, id=found.element_id)
    question = f"Remove the schedule of {name} in {model.name}?"
    where = f"{model.name}: {name}"
    if not go_ahead(planned, where, question, subject=SUBJECT, yes=yes, dry_run=dry_run, out=out):
        return
    sigma.materialization_schedules.delete_in_data_model(model.data_model_id, found.element_id)
    finish(Report([Item(name, Status.CHANGED, plan, id=found.element_id)]), out, subject=SUBJECT)
