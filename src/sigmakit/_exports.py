"""The rules of a Sigma export, in one light module (no HTTP, no models): which formats
each target takes, the PDF layouts, and which target a request names. The SDK's
wrapper, the export workflow and the CLI's ``--format`` choices all read them here."""

from __future__ import annotations

from typing import Literal

from ._errors import InputError

__all__ = [
    "EXPORT_FORMATS",
    "PDF_LAYOUTS",
    "ExportFormat",
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
