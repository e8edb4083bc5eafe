"""``/v2/user-attributes``: the attributes, and their values for members and teams.

Generated in ``sigmakit._sync.resources.user_attributes``; re-exported here.
"""

from sigmakit._sync.resources.user_attributes import *  # noqa: F403
from sigmakit._sync.resources.user_attributes import __all__ as __all__
