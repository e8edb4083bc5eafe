"""``sigmakit user-attributes set``: give members and teams a value."""

from __future__ import annotations

import click

from ..confirm import dry_run_option, yes_option
from ..context import AppContext, pass_app
from ..output import OutputOptions
from ..report import report_output
from .shared import (
    REPORT_COLUMNS,
    apply_change,
    attribute_argument,
    emails_option,
    members_option,
    teams_option,
    with_file,
)


@click.command("set")
@attribute_argument
@click.argument("value")
@members_option
@emails_option
@teams_option
@dry_run_option
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
    apply_change(app, attribute, value, with_file(members, emails_file), teams, dry_run, yes, out)
