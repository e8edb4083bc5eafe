"""``/v2/teams``: list, get, create, update, delete, and team membership.

Generated in ``sigmakit._sync.resources.teams``; re-exported here.
"""

from sigmakit._sync.resources.teams import *  # noqa: F403
from sigmakit._sync.resources.teams import __all__ as __all__
