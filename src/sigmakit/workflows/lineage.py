"""What each data element of a workbook reads, from Sigma's element lineage: one row per
edge into the element (a data model element, a dataset, a warehouse table, custom SQL, a
control that filters it).

Sigma answers lineage only for data elements; a control, a text or another UI element is an
error (both API descriptions say so). As DataHub does, elements whose type says they hold no
data are not asked at all, and an element of another type that Sigma refuses with a 400 is
counted as skipped, not as a failure; any other error is reported with the element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import APIStatusError, BadRequestError

if TYPE_CHECKING:
    from .._client import Sigma
    from ..types.workbooks import Element, ElementLineage

__all__ = ["NO_LINEAGE", "LineageReport", "LineageRow", "workbook_lineage"]

#: element types that hold no data: Sigma has no lineage for them
NO_LINEAGE = frozenset({"control", "text", "image", "button", "divider", "embed", "navigation"})


@dataclass(frozen=True)
class LineageRow:
    element: str
    element_id: str
    element_type: str
    #: the node's type (``data-model`` for an edge-only ``<urlId>/<suffix>`` source)
    source_type: str
    #: the node's name (a data model element has none in Sigma's answer: its node id)
    source: str
    source_id: str
    edge: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "sourceType": self.source_type,
            "source": self.source,
            "edge": self.edge,
            "elementType": self.element_type,
            "elementId": self.element_id,
            "sourceId": self.source_id,
        }


@dataclass
class LineageReport:
    rows: list[LineageRow] = field(default_factory=list)
    #: data elements asked
    elements: int = 0
    #: elements with no lineage (by type, or refused with a 400): (name, type)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: elements whose lineage could not be read: (name, element id, message)
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def rows_of(element: Element, lineage: ElementLineage) -> list[LineageRow]:
    """One row per edge into the element's own node."""
    sheet = lineage.sheet(element.element_id)
    if sheet is None:
        return []
    rows = []
    for edge in lineage.edges:
        if edge.target != sheet.node_id:
            continue
        node = lineage.dependencies.get(edge.source)
        if node is not None:
            kind, name = node.type, node.name or node.node_id
        else:  # a data model element: named by the edge only
            kind = "data-model" if "/" in edge.source else "unknown"
            name = edge.source
        rows.append(
            LineageRow(
                element=element.name or element.element_id,
                element_id=element.element_id,
                element_type=element.type or "",
                source_type=kind,
                source=name,
                source_id=edge.source,
                edge=edge.type,
            )
        )
    return rows


def workbook_lineage(sigma: Sigma, workbook_id: str) -> LineageReport:
    """The lineage of every data element of the workbook, page by page."""
    report = LineageReport()
    for page in sigma.workbooks.pages(workbook_id):
        for element in sigma.workbooks.elements(workbook_id, page.page_id):
            name = element.name or element.element_id
            if (element.type or "") in NO_LINEAGE:
                report.skipped.append((name, element.type or ""))
                continue
            try:
                lineage = sigma.workbooks.element_lineage(workbook_id, element.element_id)
            except BadRequestError:
                report.skipped.append((name, element.type or "unknown"))
                continue
            except APIStatusError as error:
                report.failures.append((name, element.element_id, error.message or str(error)))
                continue
            report.elements += 1
            report.rows += rows_of(element, lineage)
    return report
