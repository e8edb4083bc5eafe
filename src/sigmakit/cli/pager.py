"""A table for a terminal, through ``$PAGER`` when it is taller than the screen: which pager
(``SIGMAKIT_PAGER``, else ``PAGER``, else ``less -FRX``), and the printing. Below the output
layer: it is told whether ``--no-pager`` was given, and never asks click's context."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

__all__ = ["DEFAULT_PAGER", "pager_command", "show"]

#: the pager when neither SIGMAKIT_PAGER nor PAGER is set: quits at once on a table that
#: fits the screen (-F), keeps colours and links (-R) and leaves the table on screen (-X)
DEFAULT_PAGER = "less -FRX"


def pager_command(no_pager: bool = False) -> str | None:
    """The pager a long table goes through: ``SIGMAKIT_PAGER``, else ``PAGER``, else
    ``less -FRX``; None with ``--no-pager`` or when the one set is empty or ``cat``.
    A command line the shell could not read either is a :class:`ConfigError`."""
    if no_pager:
        return None
    env = os.environ
    name = "SIGMAKIT_PAGER" if "SIGMAKIT_PAGER" in env else "PAGER"
    command = env.get(name, DEFAULT_PAGER).strip()
    import shlex

    try:
        shlex.split(command)  # as click will split it
    except ValueError as exc:
        from .._errors import ConfigError

        raise ConfigError(
            f"{name} is not a command line ({str(exc).lower()}): fix it, or use --no-pager"
        ) from None
    return None if command in ("", "cat") else command


def show(console: Any, table: Any, out: TextIO, *, terminal: bool, no_pager: bool) -> None:
    """Print a Rich table; on a terminal, one taller than the screen goes through the pager
    (click's, run with :func:`pager_command`)."""
    if not terminal or out is not sys.stdout:
        console.print(table)
        return
    with console.capture() as capture:
        console.print(table)
    text = capture.get()
    pager = pager_command(no_pager) if text.count("\n") > console.height else None
    if pager is None:
        out.write(text)
        out.flush()
        return
    import click

    # click reads the pager from $PAGER: the one chosen here, for this call only
    before = os.environ.get("PAGER")
    os.environ["PAGER"] = pager
    try:
        click.echo_via_pager(text.removesuffix("\n"))  # it ends the text with a newline
    finally:
        if before is None:
            del os.environ["PAGER"]
        else:
            os.environ["PAGER"] = before
