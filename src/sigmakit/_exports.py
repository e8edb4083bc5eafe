"""The rules of a Sigma export, in one light module (no HTTP, no models): which formats
each target takes, the PDF layouts, and which target a request names. The SDK's
wrapper, the export workflow and the CLI's ``--format`` choices all read them here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, TypedDict

from ._errors import InputError

__all__ = [
    "EXPORT_FORMATS",
    "PDF_LAYOUTS",
    "ExportContentOptions",
    "ExportFormat",
    "ExportOptions",
    "ExportRequest",
    "ExportTarget",
    "PdfLayout",
    "check_export_format",
    "export_target",
]

#: what Sigma exports: ``format.type`` of ``POST /v2/workbooks/{id}/export``
ExportFormat = Literal["csv", "json", "jsonl", "xlsx", "pdf", "png"]
#: a PDF export's ``format.layout``
PdfLayout = Literal["portrait", "landscape"]
ExportTarget = Literal["element", "page", "workbook"]

#: The formats each export target accepts.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "element": ("csv", "json", "jsonl", "xlsx", "pdf", "png"),
    "page": ("pdf", "png", "xlsx"),
    "workbook": ("pdf", "xlsx"),
}
PDF_LAYOUTS = ("portrait", "landscape")


def export_target(*, element: object = None, page: object = None) -> ExportTarget:
    """Which target an export names: an element, a page, or (neither) the whole workbook."""
    if element and page:
        raise InputError("export one element or one page, not both")
    return "element" if element else "page" if page else "workbook"


def check_export_format(
    target: ExportTarget,
    format: str,
    *,
    layout: str | None = None,
    pixel_width: int | None = None,
    pixel_height: int | None = None,
) -> dict[str, object]:
    """The body's ``format`` object, after checking the format, the layout, the pixel
    sizes against what ``target`` allows."""
    fmt = format.lower()
    if fmt not in EXPORT_FORMATS[target]:
        hint = " (name an element or a page for the others)" if target == "workbook" else ""
        raise InputError(
            f"a {'whole ' if target == 'workbook' else ''}{target} exports as "
            f"{', '.join(EXPORT_FORMATS[target])}, not {format!r}{hint}"
        )
    wire_format: dict[str, object] = {"type": fmt}
    if fmt == "pdf":
        wire_format["layout"] = layout or "portrait"
        if wire_format["layout"] not in PDF_LAYOUTS:
            raise InputError(f"a pdf layout is portrait or landscape, not {layout!r}")
    elif layout is not None:
        raise InputError("layout applies to pdf exports only")
    if fmt == "png":
        if pixel_width is not None:
            wire_format["pixelWidth"] = pixel_width
        if pixel_height is not None:
            wire_format["pixelHeight"] = pixel_height
    elif pixel_width is not None or pixel_height is not None:
        raise InputError("pixel_width and pixel_height apply to png exports only")
    return wire_format


@dataclass(frozen=True)
class ExportRequest:
    """What to export and how: the one spelling of the options of
    ``POST /v2/workbooks/{id}/export``. An element (``element_id``), a page (``page_id``)
    or, neither given, the whole workbook. ``parameters`` maps a control id to its value as
    Sigma spells it (``"a,b"``, ``"min:1,max:5"``...); ``timeout`` is Sigma's own for the
    query, in seconds (not how long sigmakit waits for the file)."""

    element_id: str | None = None
    page_id: str | None = None
    format: ExportFormat = "csv"
    parameters: Mapping[str, str] | None = None
    row_limit: int | None = None
    offset: int | None = None
    layout: PdfLayout | None = None
    pixel_width: int | None = None
    pixel_height: int | None = None
    timeout: float | None = None
    tag: str | None = None

    def body(self) -> dict[str, Any]:
        """The request's JSON body, checked against what its target allows
        (:class:`InputError` before anything is sent)."""
        target = export_target(element=self.element_id, page=self.page_id)
        wire_format = check_export_format(
            target,
            self.format,
            layout=self.layout,
            pixel_width=self.pixel_width,
            pixel_height=self.pixel_height,
        )
        body: dict[str, Any] = {"format": wire_format}
        if self.element_id:
            body["elementId"] = self.element_id
        if self.page_id:
            body["pageId"] = self.page_id
        optional = {
            "parameters": dict(self.parameters) if self.parameters else None,
            "rowLimit": self.row_limit,
            "offset": self.offset,
            "timeout": self.timeout,
            "tag": self.tag,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        return body


class ExportContentOptions(TypedDict, total=False):
    """What is exported, in what form: :class:`ExportRequest`'s fields but Sigma's query
    ``timeout`` and ``tag`` (``export_to_file``'s ``timeout`` is how long it waits)."""

    element_id: str | None
    page_id: str | None
    format: ExportFormat
    parameters: Mapping[str, str] | None
    row_limit: int | None
    offset: int | None
    layout: PdfLayout | None
    pixel_width: int | None
    pixel_height: int | None


class ExportOptions(ExportContentOptions, total=False):
    """:class:`ExportRequest`'s fields as keyword arguments (``sigma.workbooks.export(id,
    format="pdf")``): the same names and types, checked equal by the tests."""

    timeout: float | None
    tag: str | None


def export_request(request: ExportRequest | None, options: ExportOptions) -> ExportRequest:
    """``request`` (default: a CSV of the whole workbook) with the keyword ``options`` over it."""
    base = request if request is not None else ExportRequest()
    unknown = set(options) - {f.name for f in fields(ExportRequest)}
    if unknown:  # as Python says it of a keyword a function lacks
        raise TypeError(f"unexpected export keyword argument {', '.join(sorted(unknown))}")
    return ExportRequest(**{**{f.name: getattr(base, f.name) for f in fields(base)}, **options})
