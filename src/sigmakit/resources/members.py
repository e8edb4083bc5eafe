"""``/v2/members``: list, get, create, update, deactivate.

Generated in ``sigmakit._sync.resources.members``; re-exported here.
"""

from sigmakit._sync.resources.members import *  # noqa: F403
from sigmakit._sync.resources.members import __all__ as __all__
