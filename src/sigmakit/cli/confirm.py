"""The one confirmation rule for commands that change or remove things.

The command first shows its plan, once, on stderr (:func:`show_plan`). Then ``--yes``
applies it; without ``--yes``, a person at a terminal is asked; anywhere else nothing
changes and one line says so (:data:`NOT_APPLIED`, the same words in every command). A
plan that was not applied is not an error: exit 0. ``--dry-run``, where a command has it,
only shows the plan, with the same line. The planned items also go to stdout in the
machine formats (JSON, JSON lines, CSV), for scripts; not in a table, which would show the
plan a second time (:func:`plan_rows_shown`).

Click is imported only to ask: ``fast.run`` uses this without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .output import info, is_terminal

if TYPE_CHECKING:
    from ..workflows.report import Report
    from .output import OutputOptions

__all__ = [
    "NOT_APPLIED",
    "approved",
    "interactive",
    "plan_rows_shown",
    "show_plan",
    "yes_option",
]

F = TypeVar("F", bound=Callable[..., Any])
#: what a plan that was not applied says, in every command
NOT_APPLIED = "dry run: nothing changed; pass --yes to apply"


def interactive() -> bool:
    """A person can answer: stdin and stderr are both terminals."""
    return is_terminal(sys.stdin) and is_terminal(sys.stderr)


def yes_option(func: F) -> F:
    """``-y/--yes``: apply without asking."""
    import click

    return click.option(
        "-y",
        "--yes",
        is_flag=True,
        help="Apply the plan without asking (without it: asked on a terminal, "
        "only shown elsewhere).",
    )(func)


def dry_run_option(func: F) -> F:
    """``--dry-run``: show what would change, change nothing."""
    import click

    return click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")(
        func
    )


def approved(
    yes: bool, question: str, *, dry_run: bool = False, out: OutputOptions | None = None
) -> bool:
    """After the plan was shown: whether to apply it (``dry_run``: never). ``out`` may carry
    -q (:func:`.output.info`)."""
    if dry_run:
        info(NOT_APPLIED, out)
        return False
    if yes:
        return True
    if interactive():
        import click

        if click.confirm(question, default=False, err=True):
            return True
        info("nothing changed", out)
        return False
    info(NOT_APPLIED, out)
    return False


def show_plan(plan: Report, heading: str, out: OutputOptions | None = None) -> None:
    """A report's plan on stderr: ``heading``, each planned item, then the items left as
    they are (``not ada@example.com: already in Sales``)."""
    from ..workflows.report import Status

    info(heading, out)
    for item in plan.items:
        if item.status is Status.PLANNED:
            info(f"  {item.subject}: {item.message}", out)
    for item in plan.items:
        if item.status is not Status.PLANNED:
            info(f"  not {item.subject}: {item.message}", out)


def plan_rows_shown(out: OutputOptions) -> bool:
    """Whether a plan that was not applied goes to stdout too: in the machine formats, for
    scripts; a table would repeat the plan shown on stderr."""
    return out.format != "table"
