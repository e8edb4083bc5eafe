"""The sync HTTP core: auth, retries, typed errors.

Generated in ``sigmakit._sync._http``; re-exported here.
"""

from sigmakit._sync._http import *  # noqa: F403
from sigmakit._sync._http import __all__ as __all__
