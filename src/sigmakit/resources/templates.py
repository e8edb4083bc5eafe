"""``/v2/templates``: the organization's workbook templates (its own, and those shared with

Generated in ``sigmakit._sync.resources.templates``; re-exported here.
"""

from sigmakit._sync.resources.templates import *  # noqa: F403
from sigmakit._sync.resources.templates import __all__ as __all__
