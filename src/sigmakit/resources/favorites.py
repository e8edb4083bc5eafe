"""``/v2/favorites``: the documents a member marked as favorites (yours, or a member's),

Generated in ``sigmakit._sync.resources.favorites``; re-exported here.
"""

from sigmakit._sync.resources.favorites import *  # noqa: F403
from sigmakit._sync.resources.favorites import __all__ as __all__
