"""One element's materialization schedule in a workbook or a data model, created, changed
and deleted (beta, published after 2026-08). Listing a document's schedules and running
one are ``workbooks.materialization_schedules`` / ``workbooks.materialize`` and their data
model twins.

Generated in ``sigmakit._sync.resources.materialization_schedules``; re-exported here.
"""

from sigmakit._sync.resources.materialization_schedules import *  # noqa: F403
from sigmakit._sync.resources.materialization_schedules import __all__ as __all__
