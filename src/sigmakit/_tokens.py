"""The sync token manager and bearer auth.

Generated in ``sigmakit._sync._tokens``; re-exported here.
"""

from sigmakit._sync._tokens import *  # noqa: F403
from sigmakit._sync._tokens import __all__ as __all__
