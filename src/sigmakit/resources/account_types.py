"""``/v2/accountTypes``: the organization's account types and their feature permissions, and

Generated in ``sigmakit._sync.resources.account_types``; re-exported here.
"""

from sigmakit._sync.resources.account_types import *  # noqa: F403
from sigmakit._sync.resources.account_types import __all__ as __all__
