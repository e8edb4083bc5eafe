"""``sigmakit members``: list, get, create, update, deactivate and offboard members. The
group lives here; each command in a module of its own, what several share in ``shared.py``.

A member is named by id or by email everywhere.
"""

from __future__ import annotations

import click

from ..context import AliasGroup
from .bulk_deactivate import bulk_deactivate
from .change_email import change_email
from .create import create
from .deactivate import deactivate, reactivate
from .get import get
from .list import list_members
from .offboard import offboard
from .recent import recent
from .update import update

__all__ = ["group"]


@click.group(cls=AliasGroup, aliases={"delete": "deactivate"})
def group() -> None:
    """People in the organization."""


group.add_command(list_members)
group.add_command(get)
group.add_command(create)
group.add_command(update)
group.add_command(change_email)
group.add_command(recent)
group.add_command(deactivate)
group.add_command(reactivate)
group.add_command(bulk_deactivate)
group.add_command(offboard)
