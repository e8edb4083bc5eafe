"""``sigmakit data-models``: list, show, read the code representation, lineage, version
tags and element materialization schedules. The group lives here; each command in a module
of its own (``list.py``, ``spec.py``...), and what several of them share in ``shared.py``.

A data model is named by id, urlId or exact name; an element by id or name.
"""

from __future__ import annotations

import click

from .lineage import lineage
from .list import list_data_models
from .schedules import schedule, schedules, unschedule
from .show import show
from .spec import spec
from .tag import tag

__all__ = ["group"]


@click.group()
def group() -> None:
    """Data models: list, show, spec, lineage, version tags and materialization schedules."""


group.add_command(list_data_models)
group.add_command(show)
group.add_command(spec)
group.add_command(lineage)
group.add_command(tag)
group.add_command(schedules)
group.add_command(schedule)
group.add_command(unschedule)
