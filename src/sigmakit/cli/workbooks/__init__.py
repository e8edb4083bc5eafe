"""``sigmakit workbooks``: list, find input tables, show lineage, materialize, export, copy,
transfer, send and convert to a report. The group lives here; each command in a module of its own (``list.py``,
``export.py``...), and what several of them share in ``shared.py``.

A workbook is named by id, urlId or exact name; a member by id or email.
"""

from __future__ import annotations

import click

from .bookmarks import bookmarks
from .convert import convert_to_report
from .copy import copy
from .export import export
from .input_tables import input_tables
from .lineage import lineage
from .list import list_workbooks, recent, shared_with_member
from .materialize import materialize
from .promote import promote
from .send import send
from .shared import EXPORT_FORMATS
from .tagged_bookmark import tagged_bookmark
from .transfer import transfer

__all__ = ["EXPORT_FORMATS", "group"]


@click.group()
def group() -> None:
    """Workbooks: list, input tables, materialize, export, copy and transfer."""


group.add_command(list_workbooks)
group.add_command(shared_with_member)
group.add_command(recent)
group.add_command(lineage)
group.add_command(input_tables)
group.add_command(materialize)
group.add_command(export)
group.add_command(copy)
group.add_command(transfer)
group.add_command(promote)
group.add_command(bookmarks)
group.add_command(tagged_bookmark)
group.add_command(convert_to_report)
group.add_command(send)
