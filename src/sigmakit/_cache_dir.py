"""Where sigmakit keeps what it caches between runs (tokens, rendered help).

Light on purpose (``os`` only): the help fast path reads it before anything else loads.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["cache_dir"]


def cache_dir(env: Mapping[str, str] | None = None) -> str:
    """``$SIGMAKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/sigmakit``, else ``~/.cache/sigmakit``."""
    env = os.environ if env is None else env
    if env.get("SIGMAKIT_CACHE_DIR"):
        return os.path.expanduser(env["SIGMAKIT_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sigmakit")
