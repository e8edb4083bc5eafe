"""Options of ``sigmakit emulator serve`` that are more than a line: the organization's
sizes, its account types and the host names it answers to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..extras import require_emulator

#: Seed sizes the emulator knows; each becomes a ``--<name>`` flag
#: (dashes for underscores). Kept in step with
#: ``sigmakit.emulator.config.SeedSizes`` by a test (this module must not import FastAPI).
SIZE_FLAGS: dict[str, str] = {
    "members": "people in the demo organization",
    "teams": "teams",
    "workspaces": "workspaces",
    "connections": "connections",
    "workbooks": "workbooks",
    "pages_per_workbook": "pages in every workbook (default: 1 to 4, varying)",
    "orders": "order lines in the retail warehouse the workbooks read (default: 40,000)",
}


def size_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for name, what in reversed(SIZE_FLAGS.items()):
        least = 1 if name in ("pages_per_workbook", "orders") else 0
        func = click.option(
            f"--{name.replace('_', '-')}",
            type=click.IntRange(min=least),
            help=f"Number of {what} to seed.",
        )(func)
    return func


def parse_account_types(value: str) -> str:
    """``--account-types`` checked before anything starts (the emulator's own rule)."""
    require_emulator()
    from ...emulator.store.account_types import account_type_specs

    try:
        account_type_specs(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def parse_allowed_hosts(values: tuple[str, ...]) -> tuple[str, ...]:
    from ...emulator.access import parse_host

    for value in values:
        if parse_host(value) is None:
            raise click.BadParameter(f"{value!r} is not a host name (NAME or NAME:PORT)")
    return values
