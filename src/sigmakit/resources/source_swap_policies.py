"""``/v2/sourceSwapPolicies``: source swap policies."""

from sigmakit._sync.resources.source_swap_policies import *  # noqa: F403
from sigmakit._sync.resources.source_swap_policies import __all__ as __all__
