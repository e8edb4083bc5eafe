"""Export a workbook, a page or an element to a file, named the way people name them.

The QuickStart's export recipes take ids from a ``.env`` and send them as they are; here
the element, page and controls may be named by id or by name, and all of them are checked
against the workbook before anything is exported: a wrong one is an :class:`InputError`
naming the valid choices, and no export is started, no file written.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import InputError
from .._exports import ExportFormat, PdfLayout, check_export_format, export_target
from ..jobs import (
    DEFAULT_JOB_TIMEOUT,
    DEFAULT_POLL_INTERVAL,
    BinaryStream,
    Clock,
    DownloadResult,
    Progress,
    Sleep,
    check_destination,
    download_export,
    find_page_and_element,
    pick,
)

if TYPE_CHECKING:
    from .._client import Sigma
    from ..resources.workbooks import Control, Workbook

__all__ = [
    "ExportOptions",
    "ExportPlan",
    "date_range",
    "export",
    "export_file_name",
    "parse_assignment",
    "pick_page_or_element",
    "plan_export",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
_RELATIVE = re.compile(r"^(prior|next|current)-(day|week|month|quarter|year)(-\d{1,4})?$")
DATE_TYPES = ("date-range", "date")


@dataclass(frozen=True)
class ExportOptions:
    #: id, urlId or exact name
    workbook: str
    #: a file path, a binary stream (``sys.stdout.buffer``), or None: a file in the
    #: working folder named after the workbook, the page or element, and the format
    dest: str | os.PathLike[str] | BinaryStream | None
    format: ExportFormat
    #: by id or name; neither: the whole workbook
    element: str | None = None
    page: str | None = None
    #: (control id or name, value as Sigma spells it)
    params: Sequence[tuple[str, str]] = ()
    #: (control id or name, "START..END"); either side may be empty
    date_ranges: Sequence[tuple[str, str]] = ()
    layout: PdfLayout | None = None
    row_limit: int | None = None
    timeout: float = DEFAULT_JOB_TIMEOUT
    poll_interval: float = DEFAULT_POLL_INTERVAL
    sleep: Sleep = time.sleep
    clock: Clock = time.monotonic
    #: replace an existing file at ``dest`` (or at the default name); otherwise it is an
    #: InputError before any export starts
    overwrite: bool = False


@dataclass(frozen=True)
class ExportPlan:
    """What will be sent, every name turned into an id and checked."""

    workbook: Workbook
    dest: Path | BinaryStream
    element_id: str | None = None
    page_id: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)


def parse_assignment(text: str, what: str = "--param") -> tuple[str, str]:
    """``NAME=VALUE`` -> ``(NAME, VALUE)``; the name may not be empty."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise InputError(f"{what} takes NAME=VALUE, not {text!r}")
    return name.strip(), value


def date_range(text: str) -> str:
    """``2024-01-01..2024-03-31`` (either side may be empty) -> ``min:2024-01-01,max:2024-03-31``."""
    start, sep, end = text.partition("..")
    start, end = start.strip(), end.strip()
    if not sep or not (start or end):
        raise InputError(f"a date range is START..END (one side may be empty), not {text!r}")
    for side in (start, end):
        if side and not (_is_date(side) or _RELATIVE.match(side)):
            raise InputError(
                f"{side!r} is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] "
                "or a relative date like prior-day-3"
            )
    if start and end and _is_date(start) and _is_date(end) and start > end:
        raise InputError(f"the date range {text!r} ends before it starts")
    return f"min:{start},max:{end}"


def _is_date(text: str) -> bool:
    """``YYYY-MM-DD[THH:MM[:SS]]`` and a real calendar date and time."""
    if not _DATE.match(text):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def pick_page_or_element(
    sigma: Sigma, workbook: Workbook, *, page: str | None = None, element: str | None = None
) -> tuple[str | None, str | None]:
    """The ids of a page and/or an element of the workbook, each named by id or name."""
    found_page, found_element = find_page_and_element(
        sigma, workbook.workbook_id, f"workbook {workbook.name!r}", page=page, element=element
    )
    return (
        found_page[0] if found_page else None,
        found_element[0] if found_element else None,
    )


def export_file_name(workbook: str, part: str | None, format: str) -> str:
    """``sales-overview-revenue-by-category.csv``: the workbook's name, then the page's or
    element's, as lowercase words joined by hyphens, and the format as the extension."""

    def slug(text: str) -> str:
        return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")

    stem = "-".join(p for p in (slug(workbook), slug(part or "")) if p) or "export"
    return f"{stem[:120]}.{format}"


def plan_export(sigma: Sigma, options: ExportOptions) -> ExportPlan:
    """Check everything and turn names into ids; reads only, sends no export."""
    # the target, format, layout and row limit first, before any request
    target = export_target(element=options.element, page=options.page)
    check_export_format(target, options.format, layout=options.layout)
    if options.row_limit is not None and options.row_limit < 1:
        raise InputError("--row-limit must be at least 1")
    dest: Path | BinaryStream | None = None
    if isinstance(options.dest, BinaryStream):
        dest = options.dest
    elif options.dest is not None:
        dest = check_destination(options.dest, overwrite=options.overwrite)
    wanted: list[tuple[str, str, bool]] = [(c, v, False) for c, v in options.params]
    wanted += [(c, date_range(v), True) for c, v in options.date_ranges]

    workbook = sigma.workbooks.resolve(options.workbook)
    label = f"workbook {workbook.name!r}"
    page, element = find_page_and_element(
        sigma, workbook.workbook_id, label, page=options.page, element=options.element
    )
    page_id, element_id = page[0] if page else None, element[0] if element else None
    if dest is None:
        part = (element or page or (None, None))[1]
        dest = check_destination(
            export_file_name(workbook.name, part, options.format), overwrite=options.overwrite
        )
    parameters: dict[str, str] = {}
    if wanted:
        controls = list(sigma.workbooks.controls(workbook.workbook_id))
        by_key: dict[str, Control] = {c.key: c for c in controls}
        for ref, value, is_date in wanted:
            key = pick(ref, [(c.key, c.name) for c in controls], "control", label)
            if is_date and by_key[key].value_type not in DATE_TYPES:
                raise InputError(
                    f"control {key} of {label} takes {by_key[key].value_type} values, "
                    "not a date range"
                )
            parameters[key] = value
    return ExportPlan(workbook, dest, element_id, page_id, parameters)


def export(
    sigma: Sigma,
    options: ExportOptions,
    *,
    on_progress: Callable[[Progress], None] | None = None,
) -> DownloadResult:
    """Plan (check) the export, start it, wait for the file and save it atomically."""
    plan = plan_export(sigma, options)
    query_id = sigma.workbooks.export(
        plan.workbook.workbook_id,
        element_id=plan.element_id,
        page_id=plan.page_id,
        format=options.format,
        parameters=plan.parameters or None,
        row_limit=options.row_limit,
        layout=options.layout,
    )
    return download_export(
        sigma,
        query_id,
        plan.dest,
        timeout=options.timeout,
        poll_interval=options.poll_interval,
        sleep=options.sleep,
        clock=options.clock,
        on_progress=on_progress,
        overwrite=options.overwrite,
    )
