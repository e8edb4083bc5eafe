"""Scheduled exports: a workbook's (``/v2/workbooks/{id}/schedules``) and a member's

Generated in ``sigmakit._sync.resources.schedules``; re-exported here.
"""

from sigmakit._sync.resources.schedules import *  # noqa: F403
from sigmakit._sync.resources.schedules import __all__ as __all__
