"""``/v2/reports``: reports, their pages, elements, sources, exports, schedules, grants and tags.

Generated in ``sigmakit._sync.resources.reports``; re-exported here.
"""

from sigmakit._sync.resources.reports import *  # noqa: F403
from sigmakit._sync.resources.reports import __all__ as __all__
