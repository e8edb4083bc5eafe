"""``/v2/deploymentPolicies``: deployment policies, their tenants and documents."""

from sigmakit._sync.resources.deployment_policies import *  # noqa: F403
from sigmakit._sync.resources.deployment_policies import __all__ as __all__
