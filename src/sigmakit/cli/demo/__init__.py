"""``sigmakit demo``: the QuickStart journey against a fresh local emulator.

Starts the emulator in this process on a free loopback port, seeds a demo organization,
and walks each step through the SDK, printing what happened. The command (the runner) is
in ``command.py``; each step is a function in ``steps.py``'s ``STEPS`` (a new recipe adds a
step); what ``--keep`` leaves behind (the settings file, the hint to use it) in ``keep.py``.
"""

from __future__ import annotations

from .command import demo
from .keep import command_hint, write_env_file
from .steps import EMBED_CLIENT_ID, EMBED_SECRET

__all__ = ["EMBED_CLIENT_ID", "EMBED_SECRET", "command_hint", "demo", "write_env_file"]
