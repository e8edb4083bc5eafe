"""Content as code: data models and workbooks kept as YAML files in a folder
(``sigmakit code``).

``pull`` (:mod:`.pull`) writes one file per document: a header (what wrote it, the
document's id, a digest of what was written) and its code representation, its keys in a
fixed order (:mod:`.files`), so a pull of an unchanged document is byte-identical and a
change is a small diff. ``plan`` (:mod:`.apply`) reads each file and the document it names
and lists what applying would change, in words (:mod:`.diff`: pages, elements, columns,
sources); ``apply`` sends exactly that, each write guarded by the file's
``documentVersion``, and refuses when a document changed in Sigma since it was pulled
(Sigma's ``sigma-sdlc`` rule); ``drift`` reads only, and says which side moved. With a
source map (:mod:`sigmakit.workflows.source_map`) the same files plan and apply into
another organization or tenant.
"""

from __future__ import annotations

from .apply import Applied, DocumentPlan, Drift, apply_plans, drift, plan, refusals
from .diff import changes
from .files import LocalFile, read_file, render
from .kinds import DATA_MODEL, KINDS, WORKBOOK, Kind
from .pull import Pulled, pull

__all__ = [
    "DATA_MODEL",
    "KINDS",
    "WORKBOOK",
    "Applied",
    "DocumentPlan",
    "Drift",
    "Kind",
    "LocalFile",
    "Pulled",
    "apply_plans",
    "changes",
    "drift",
    "plan",
    "pull",
    "read_file",
    "refusals",
    "render",
]
