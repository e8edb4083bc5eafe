"""The sync paginator.

Generated in ``sigmakit._sync._pagination``; re-exported here.
"""

from sigmakit._sync._pagination import *  # noqa: F403
from sigmakit._sync._pagination import __all__ as __all__
