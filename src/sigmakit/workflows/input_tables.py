"""Every input-table element of every workbook: the QuickStart's ``all-input-tables`` recipe,
concurrent, with fewer requests, and honest about failures.

The recipe lists workbooks, then one workbook at a time its pages and each page's
elements, and passes over any error in silence. Here the workbook listing streams and
each workbook is asked for all its elements in one call; only a workbook that holds an
input table is then walked page by page, to tell which page each table is on (a workbook
of one page needs no walk). An older Sigma without the all-elements call (404 or 405)
gets the page-by-page walk; once a workbook shows the call missing, the rest skip it.
Requests run on a bounded thread pool, one request per task, a workbook's next steps ahead
of new workbooks (so the pool stays busy to the end), and a workbook that cannot be read is
reported with its error.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import APIStatusError, InputError
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


#: the steps of one workbook's scan, besides reading page ``n`` (an ``int``)
ALL_ELEMENTS, PAGES = "elements", "pages"
Step = str | int


@dataclass
class _Scan:
    """One workbook in flight: its position, what was read of it, the tables found so far."""

    order: int
    workbook: Workbook
    #: its elements from the all-elements call; None when that call is missing
    elements: list[Element] | None = None
    pages: list[Page] = field(default_factory=list)
    open_tasks: int = 0
    error: str | None = None
    found: list[tuple[int, int, InputTable]] = field(default_factory=list)

    def add(self, page_index: int, elements: list[Element]) -> None:
        page = self.pages[page_index]
        self.found += [
            (page_index, n, _table(self.workbook, page, element))
            for n, element in enumerate(elements)
            if element.type == INPUT_TABLE
        ]


def _all_elements(sigma: Sigma, workbook_id: str) -> list[Element] | None:
    """Every element of the workbook, or None when this Sigma has no such call."""
    try:
        return list(sigma.workbooks.all_elements(workbook_id))
    except APIStatusError as error:
        if error.status_code in (404, 405):
            return None
        raise


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
    workbooks = sigma.workbooks.list(exclude_tags=True, skip_permission_check=True)
    scanner = _Scanner(sigma, on_workbook)
    scanner.run(iter(workbooks), options.concurrency)
    return scanner.report()


class _Scanner:
    """The scan's state: the steps to send next, the scans finished, and what the
    organization has shown so far (whether the all-elements call exists)."""

    def __init__(self, sigma: Sigma, on_workbook: Callable[[Workbook, bool], None] | None):
        self.sigma = sigma
        self.on_workbook = on_workbook
        self.finished: list[_Scan] = []
        self.workbooks_scanned = 0
        self.next_steps: deque[tuple[_Scan, Step]] = deque()
        #: set once a workbook answered 404/405 to the all-elements call and its pages were read
        self.per_page_only = False

    def task(self, scan: _Scan, step: Step) -> Any:
        """One request, run by a worker."""
        workbooks = self.sigma.workbooks
        workbook_id = scan.workbook.workbook_id
        if step == ALL_ELEMENTS:
            return _all_elements(self.sigma, workbook_id)
        if step == PAGES:
            return list(workbooks.pages(workbook_id))
        return list(workbooks.elements(workbook_id, scan.pages[int(step)].page_id))

    def plan(self, scan: _Scan, step: Step) -> None:
        scan.open_tasks += 1
        self.next_steps.append((scan, step))

    def done_with(self, scan: _Scan) -> None:
        scan.open_tasks -= 1
        if scan.open_tasks == 0:
            self.finished.append(scan)
            self.workbooks_scanned += 1
            if self.on_workbook is not None:
                self.on_workbook(scan.workbook, scan.error is None)

    def read(self, scan: _Scan, step: Step, result: Any) -> None:
        """Take in one answer and ask for what it calls for next."""
        if step == ALL_ELEMENTS:
            scan.elements = result
            if result is None or any(e.type == INPUT_TABLE for e in result):
                self.plan(scan, PAGES)
        elif step == PAGES:
            scan.pages = result
            if scan.elements is None:
                self.per_page_only = True  # the workbook is there: the call is not
            if scan.elements is not None and len(scan.pages) == 1:
                scan.add(0, scan.elements)
            else:
                for index in range(len(scan.pages)):
                    self.plan(scan, index)
        else:
            scan.add(int(step), result)

    def failed(self, scan: _Scan, step: Step, error: BaseException) -> None:
        where = f"page {scan.pages[step].page_id}" if isinstance(step, int) else f"its {step}"
        scan.error = scan.error or f"could not read {where}: {error}"

    def run(self, workbooks: Iterator[Workbook], concurrency: int) -> None:
        # one task queued per worker, so a worker never waits for this thread; a workbook's
        # next steps go ahead of new workbooks, so few are left to finish alone at the end
        window = concurrency * 2
        pending: dict[Future[Any], tuple[_Scan, Step]] = {}
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            order = 0
            listing: Iterator[Workbook] | None = workbooks
            while listing is not None or pending or self.next_steps:
                while len(pending) < window and (self.next_steps or listing is not None):
                    if not self.next_steps and listing is not None:
                        workbook = next(listing, None)
                        if workbook is None:
                            listing = None
                            continue
                        first = PAGES if self.per_page_only else ALL_ELEMENTS
                        self.plan(_Scan(order, workbook), first)
                        order += 1
                    scan, step = self.next_steps.popleft()
                    pending[pool.submit(self.task, scan, step)] = (scan, step)
                if not pending:
                    continue
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    scan, step = pending.pop(future)
                    error = future.exception()
                    if error is None:
                        self.read(scan, step, future.result())
                    else:
                        self.failed(scan, step, error)
                    self.done_with(scan)

    def report(self) -> InputTablesReport:
        """The tables in workbook, page and element order; a failure per workbook not read."""
        report = InputTablesReport()
        report.workbooks_scanned = self.workbooks_scanned
        for scan in sorted(self.finished, key=lambda s: s.order):
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
