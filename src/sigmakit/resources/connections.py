"""``/v2/connections``: list, get, connection grants, and syncing a warehouse path.

Generated in ``sigmakit._sync.resources.connections``; re-exported here.
"""

from sigmakit._sync.resources.connections import *  # noqa: F403
from sigmakit._sync.resources.connections import __all__ as __all__
