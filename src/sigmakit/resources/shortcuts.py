"""``/v2/shortcuts`` (beta, published after 2026-08): surface a document, a folder or a
table in another folder or workspace without copying it.

Generated in ``sigmakit._sync.resources.shortcuts``; re-exported here.
"""

from sigmakit._sync.resources.shortcuts import *  # noqa: F403
from sigmakit._sync.resources.shortcuts import __all__ as __all__
