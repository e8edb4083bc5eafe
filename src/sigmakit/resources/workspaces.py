"""``/v2/workspaces``: list, get, create, update, delete, and workspace grants.

Generated in ``sigmakit._sync.resources.workspaces``; re-exported here.
"""

from sigmakit._sync.resources.workspaces import *  # noqa: F403
from sigmakit._sync.resources.workspaces import __all__ as __all__
