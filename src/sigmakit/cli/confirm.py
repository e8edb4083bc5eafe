"""The one confirmation rule for commands that change or remove things.

The command first shows its plan (on stderr, and as ``planned`` items on stdout). Then
``--yes`` applies it; without ``--yes``, a person at a terminal is asked; anywhere else
nothing changes and the note says to run again with ``--yes``. A plan that was not applied
is not an error: exit 0, as a dry run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .output import info, is_terminal

__all__ = ["NOT_APPLIED", "approved", "interactive", "yes_option"]

F = TypeVar("F", bound=Callable[..., Any])
NOT_APPLIED = "nothing changed: run again with --yes to apply"


def interactive() -> bool:
    """A person can answer: stdin and stderr are both terminals."""
    return is_terminal(sys.stdin) and is_terminal(sys.stderr)


def yes_option(func: F) -> F:
    """``-y/--yes``: apply without asking."""
    return click.option(
        "-y",
        "--yes",
        is_flag=True,
        help="Apply the plan without asking (without it: asked on a terminal, "
        "only shown elsewhere).",
    )(func)


def approved(yes: bool, question: str) -> bool:
    """After the plan was shown: whether to apply it."""
    if yes:
        return True
    if interactive():
        if click.confirm(question, default=False, err=True):
            return True
        info("nothing changed")
        return False
    info(NOT_APPLIED)
    return False
