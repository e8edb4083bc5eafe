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
from .._jobs import (
    DEFAULT_POLL_INTERVAL,
    DEFAULT_TIMEOUT,
    BinaryStream,
    Clock,
    DownloadResult,
    Progress,
    Sleep,
    _listing,
    download_export,
)
from .._suggest import suggestion
from ..resources.workbooks import ExportFormat, PdfLayout, export_body

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
    timeout: float = DEFAULT_TIMEOUT
    poll_interval: float = DEFAULT_POLL_INTERVAL
    sleep: Sleep = time.sleep
    clock: Clock = time.monotonic


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


def _pick(ref: str, choices: Sequence[tuple[str, str | None]], kind: str, workbook: str) -> str:
    """The id of the choice whose id or name is ``ref``."""
    if any(ref == cid for cid, _ in choices):
        return ref
    named = [cid for cid, name in choices if name == ref]
    if len(named) == 1:
        return named[0]
    if named:
        raise InputError(
            f"{len(named)} {kind}s of {workbook} are named {ref!r}; use an id: " + ", ".join(named)
        )
    if not choices:
        raise InputError(f"{workbook} has no {kind}s")
    names = [name or cid for cid, name in choices]
    raise InputError(
        f"{workbook} has no {kind} {ref!r}{suggestion(ref, names, aside=True)}; "
        f"valid {kind}s: {_listing(dict(choices))}"
    )


def pick_page_or_element(
    sigma: Sigma, workbook: Workbook, *, page: str | None = None, element: str | None = None
) -> tuple[str | None, str | None]:
    """The ids of a page and/or an element of the workbook, each named by id or name."""
    found_page, found_element = _page_and_element(sigma, workbook, page=page, element=element)
    return (
        found_page[0] if found_page else None,
        found_element[0] if found_element else None,
    )


def _page_and_element(
    sigma: Sigma, workbook: Workbook, *, page: str | None = None, element: str | None = None
) -> tuple[tuple[str, str | None] | None, tuple[str, str | None] | None]:
    """(id, name) of the page and of the element named, each by id or name."""
    if not (page or element):
        return None, None
    label = f"workbook {workbook.name!r}"
    pages = list(sigma.workbooks.pages(workbook.workbook_id))
    found_page = found_element = None
    if page:
        choices = [(p.page_id, p.name) for p in pages]
        page_id = _pick(page, choices, "page", label)
        found_page = (page_id, dict(choices)[page_id])
    if element:
        elements = [
            (e.element_id, e.name)
            for p in pages
            for e in sigma.workbooks.elements(workbook.workbook_id, p.page_id)
        ]
        element_id = _pick(element, elements, "element", label)
        found_element = (element_id, dict(elements)[element_id])
    return found_page, found_element


def export_file_name(workbook: str, part: str | None, format: str) -> str:
    """``sales-overview-revenue-by-category.csv``: the workbook's name, then the page's or
    element's, as lowercase words joined by hyphens, and the format as the extension."""

    def slug(text: str) -> str:
        return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")

    stem = "-".join(p for p in (slug(workbook), slug(part or "")) if p) or "export"
    return f"{stem[:120]}.{format}"


def plan_export(sigma: Sigma, options: ExportOptions) -> ExportPlan:
    """Check everything and turn names into ids; reads only, sends no export."""
    if options.element and options.page:
        raise InputError("export one element or one page, not both")
    dest: Path | BinaryStream | None = None
    if isinstance(options.dest, BinaryStream):
        dest = options.dest
    elif options.dest is not None:
        dest = Path(options.dest)
        if dest.is_dir():
            raise InputError(f"{dest} is a folder; give a file path to save the export to")
        if not dest.parent.is_dir():
            raise InputError(f"cannot save to {dest}: the folder {dest.parent} does not exist")
    wanted: list[tuple[str, str, bool]] = [(c, v, False) for c, v in options.params]
    wanted += [(c, date_range(v), True) for c, v in options.date_ranges]
    # format, layout and row limit against the target kind, before any request
    export_body(
        element_id="?" if options.element else None,
        page_id="?" if options.page else None,
        format=options.format,
        layout=options.layout,
        row_limit=options.row_limit,
    )
    if options.row_limit is not None and options.row_limit < 1:
        raise InputError("--row-limit must be at least 1")

    workbook = sigma.workbooks.resolve(options.workbook)
    label = f"workbook {workbook.name!r}"
    page, element = _page_and_element(sigma, workbook, page=options.page, element=options.element)
    page_id, element_id = page[0] if page else None, element[0] if element else None
    if dest is None:
        part = (element or page or (None, None))[1]
        dest = Path(export_file_name(workbook.name, part, options.format))
    parameters: dict[str, str] = {}
    if wanted:
        controls = list(sigma.workbooks.controls(workbook.workbook_id))
        by_key: dict[str, Control] = {c.key: c for c in controls}
        for ref, value, is_date in wanted:
            key = _pick(ref, [(c.key, c.name) for c in controls], "control", label)
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
    )
