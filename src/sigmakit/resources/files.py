"""``/v2/files`` and a member's files: get, move/rename/change owner, delete, list, recents.

Generated in ``sigmakit._sync.resources.files``; re-exported here.
"""

from sigmakit._sync.resources.files import *  # noqa: F403
from sigmakit._sync.resources.files import __all__ as __all__
