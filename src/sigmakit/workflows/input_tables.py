"""Every input-table element of every workbook: the QuickStart's ``all-input-tables`` recipe,
concurrent and honest about failures.

The recipe lists workbooks, then one workbook at a time its pages and each page's
elements, and passes over any error in silence. Here the workbook listing streams, the
pages and elements lists run on a bounded thread pool (one request per task, so the pool
stays busy to the end), and a workbook that cannot be read is reported with its error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import InputError
from .report import Item, Status

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.workbooks import Element, Page, Workbook

__all__ = ["InputTable", "InputTablesOptions", "InputTablesReport", "find_input_tables"]

INPUT_TABLE = "input-table"
DEFAULT_CONCURRENCY = 8


@dataclass(frozen=True)
class InputTablesOptions:
    concurrency: int = DEFAULT_CONCURRENCY


@dataclass(frozen=True)
class InputTable:
    workbook_id: str
    workbook_name: str
    workbook_path: str
    page_id: str
    page_name: str
    element_id: str
    element_name: str
    columns: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "workbook": self.workbook_name,
            "page": self.page_name,
            "element": self.element_name,
            "workbookId": self.workbook_id,
            "pageId": self.page_id,
            "elementId": self.element_id,
            "path": self.workbook_path,
            "columns": list(self.columns),
        }


@dataclass
class InputTablesReport:
    tables: list[InputTable] = field(default_factory=list)
    #: one FAILED item per workbook that could not be read in full
    failures: list[Item] = field(default_factory=list)
    workbooks_scanned: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class _Scan:
    """One workbook in flight: its position, its pages, the tables found so far."""

    order: int
    workbook: Workbook
    pages: list[Page] = field(default_factory=list)
    open_tasks: int = 1
    error: str | None = None
    found: list[tuple[int, int, InputTable]] = field(default_factory=list)


def find_input_tables(
    sigma: Sigma,
    options: InputTablesOptions | None = None,
    *,
    on_workbook: Callable[[Workbook, bool], None] | None = None,
) -> InputTablesReport:
    """Scan every workbook (all of the organization's, with admin credentials).

    ``on_workbook(workbook, ok)`` is called as each one is finished. Tables come back in
    workbook, page and element order.
    """
    options = options or InputTablesOptions()
    if options.concurrency < 1:
        raise InputError("concurrency must be at least 1")
    workbooks = iter(sigma.workbooks.list(exclude_tags=True, skip_permission_check=True))
    report = InputTablesReport()
    finished: list[_Scan] = []
    # a few tasks queued per worker, so a worker never waits for the listing
    window = options.concurrency * 4
    pending: dict[Future[Any], tuple[_Scan, int | None]] = {}

    def pages_task(scan: _Scan) -> list[Page]:
        return list(sigma.workbooks.pages(scan.workbook.workbook_id))

    def elements_task(scan: _Scan, page_index: int) -> list[Element]:
        page = scan.pages[page_index]
        return list(sigma.workbooks.elements(scan.workbook.workbook_id, page.page_id))

    def done_with(scan: _Scan) -> None:
        scan.open_tasks -= 1
        if scan.open_tasks == 0:
            finished.append(scan)
            report.workbooks_scanned += 1
            if on_workbook is not None:
                on_workbook(scan.workbook, scan.error is None)

    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        order = 0
        listing: Iterator[Workbook] | None = workbooks
        while listing is not None or pending:
            while listing is not None and len(pending) < window:
                workbook = next(listing, None)
                if workbook is None:
                    listing = None
                    break
                scan = _Scan(order, workbook)
                order += 1
                pending[pool.submit(pages_task, scan)] = (scan, None)
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                scan, page_index = pending.pop(future)
                error = future.exception()
                if error is not None:
                    where = (
                        "its pages"
                        if page_index is None
                        else (f"page {scan.pages[page_index].page_id}")
                    )
                    scan.error = scan.error or f"could not read {where}: {error}"
                elif page_index is None:
                    scan.pages = future.result()
                    for index in range(len(scan.pages)):
                        scan.open_tasks += 1
                        pending[pool.submit(elements_task, scan, index)] = (scan, index)
                else:
                    page = scan.pages[page_index]
                    scan.found += [
                        (page_index, n, _table(scan.workbook, page, element))
                        for n, element in enumerate(future.result())
                        if element.type == INPUT_TABLE
                    ]
                done_with(scan)

    for scan in sorted(finished, key=lambda s: s.order):
        report.tables += [t for _, _, t in sorted(scan.found, key=lambda f: (f[0], f[1]))]
        if scan.error is not None:
            report.failures.append(
                Item(
                    scan.workbook.name,
                    Status.FAILED,
                    scan.error,
                    step="scan",
                    id=scan.workbook.workbook_id,
                )
            )
    return report


def _table(workbook: Workbook, page: Page, element: Element) -> InputTable:
    return InputTable(
        workbook_id=workbook.workbook_id,
        workbook_name=workbook.name,
        workbook_path=workbook.path,
        page_id=page.page_id,
        page_name=page.name or "",
        element_id=element.element_id,
        element_name=element.name or "",
        columns=tuple(element.columns),
    )
