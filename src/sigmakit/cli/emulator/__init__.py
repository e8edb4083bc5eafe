"""``sigmakit emulator``: a local emulator of Sigma's REST API. The group lives here;
``serve`` in ``serve.py``, its size and host options in ``options.py``, the settings file
it writes in ``env_file.py``."""

from __future__ import annotations

import click

from .options import SIZE_FLAGS
from .serve import serve

__all__ = ["SIZE_FLAGS", "group"]


@click.group()
def group() -> None:
    """A local emulator of Sigma's REST API, with a seeded demo organization."""


group.add_command(serve)
