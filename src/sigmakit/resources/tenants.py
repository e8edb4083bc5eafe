"""``/v2/tenants``: tenant organizations, which tenants each may deploy to, and the workbook a

Generated in ``sigmakit._sync.resources.tenants``; re-exported here.
"""

from sigmakit._sync.resources.tenants import *  # noqa: F403
from sigmakit._sync.resources.tenants import __all__ as __all__
