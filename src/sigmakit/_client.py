"""``Sigma``, the sync client.

Generated in ``sigmakit._sync._client``; re-exported here.
"""

from sigmakit._sync._client import *  # noqa: F403
from sigmakit._sync._client import __all__ as __all__
