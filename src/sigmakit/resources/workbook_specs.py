"""``/v2/workbooks/{workbookId}/spec``, ``/v2/workbooks/spec`` and ``/v2/workbooks/spec/verify``
(beta, published after 2026-08): a workbook's code representation as Sigma's description has
it, read, replaced, created from and verified.

Generated in ``sigmakit._sync.resources.workbook_specs``; re-exported here.
"""

from sigmakit._sync.resources.workbook_specs import *  # noqa: F403
from sigmakit._sync.resources.workbook_specs import __all__ as __all__
