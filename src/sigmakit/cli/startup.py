"""What every run of ``sigmakit`` does first, on either path (click's or the plain-line
runner of ``fast.py``): put the global options where click reads them, and build the SDK
client. Imports nothing but ``os`` (and the generated ``plain_table``) until a client is
made, and never click."""

from __future__ import annotations

import os

#: options of the root command that may also come after the subcommand: name -> whether it
#: takes a value (read from the root command by scripts/plain_lines.py)
from .plain_table import GLOBAL_OPTIONS

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._client import Sigma

__all__ = ["GLOBAL_OPTIONS", "hoist_global_options", "make_client"]


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """Move the global options found anywhere on the line (before a ``--``) to the front,
    where click reads them: ``sigmakit members list --profile prod -q`` works as
    ``sigmakit --profile prod -q members list``. Nothing after ``--`` is touched."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if name in GLOBAL_OPTIONS:
            front.append(arg)
            if GLOBAL_OPTIONS[name] and "=" not in arg and i + 1 < len(args):
                front.append(args[i + 1])
                i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


def make_client(profile: str | None) -> Sigma:
    """The SDK client a command uses: the settings of ``profile``; tokens cached between
    runs unless ``SIGMAKIT_NO_TOKEN_CACHE`` is set."""
    from .._auth import FileTokenCache, MemoryTokenCache
    from .._client import Sigma
    from .._settings import load_settings

    cache = MemoryTokenCache() if os.environ.get("SIGMAKIT_NO_TOKEN_CACHE") else FileTokenCache()
    return Sigma(settings=load_settings(profile=profile), token_cache=cache)
