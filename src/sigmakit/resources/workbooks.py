"""``/v2/workbooks`` and ``/v2/query``: workbooks, their pages, elements and controls,

Generated in ``sigmakit._sync.resources.workbooks``; re-exported here.
"""

from sigmakit._sync.resources.workbooks import *  # noqa: F403
from sigmakit._sync.resources.workbooks import __all__ as __all__
