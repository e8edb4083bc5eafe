"""``sigmakit user-attributes clear``: take members' and teams' values away."""

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


@click.command()
@attribute_argument
@members_option
@emails_option
@teams_option
@dry_run_option
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
    apply_change(app, attribute, None, with_file(members, emails_file), teams, dry_run, yes, out)
