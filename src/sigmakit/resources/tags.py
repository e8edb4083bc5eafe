"""``/v2/tags``: version tags, the workbook versions they mark (``/v2/workbooks/tag``,

Generated in ``sigmakit._sync.resources.tags``; re-exported here.
"""

from sigmakit._sync.resources.tags import *  # noqa: F403
from sigmakit._sync.resources.tags import __all__ as __all__
