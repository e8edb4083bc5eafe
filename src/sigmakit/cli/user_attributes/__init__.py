"""``sigmakit user-attributes``: the attributes, and their values for members and teams.
The group lives here; each command in a module of its own, what several share in
``shared.py``."""

from __future__ import annotations

import click

from .clear import clear
from .create import create
from .delete import delete
from .list import list_attributes
from .set import set_value
from .show import show
from .values import values

__all__ = ["group"]


@click.group()
def group() -> None:
    """User attributes, and their values for members and teams."""


group.add_command(list_attributes)
group.add_command(show)
group.add_command(create)
group.add_command(delete)
group.add_command(set_value)
group.add_command(clear)
group.add_command(values)
