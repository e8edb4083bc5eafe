"""The models and pure helpers of a workbook handed on (``sigma.workbooks.convert_to_report``,
``send``, ``share_cross_org``), shared by the sync and the async resource."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sigmakit._email import is_email
from sigmakit._errors import InputError
from sigmakit._models import SigmaModel
from sigmakit.types.reports import Report

__all__ = [
    "ATTACHMENT_FORMATS",
    "PAGE_SIZES",
    "AttachmentFormat",
    "ConversionWarning",
    "ReportConversion",
    "SourceWorkbook",
    "convert_body",
    "send_body",
]

PAGE_SIZES = ("letter", "a4", "legal", "a3")
AttachmentFormat = Literal["csv", "json", "jsonl", "excel", "pdf", "png", "none"]
ATTACHMENT_FORMATS: tuple[AttachmentFormat, ...] = (
    "csv",
    "json",
    "jsonl",
    "excel",
    "pdf",
    "png",
    "none",
)


class SourceWorkbook(SigmaModel):
    workbook_id: str
    name: str
    url: str


class ConversionWarning(SigmaModel):
    """What a report could not take of the workbook: ``details`` give each element type
    left out, how many, and their ids in the workbook."""

    code: str
    message: str
    details: list[dict[str, Any]] = []


class ReportConversion(SigmaModel):
    """The answer of ``POST /v2/workbooks/{workbookId}/convertToReport``."""

    converted_report: Report
    source_workbook: SourceWorkbook
    warnings: list[ConversionWarning] = []


def convert_body(
    *,
    name: str,
    folder_id: str | None = None,
    description: str | None = None,
    page_ids: Sequence[str] | None = None,
    page_size: str | None = None,
    landscape: bool = False,
) -> dict[str, Any]:
    """The body of ``convertToReport``, checked."""
    if not isinstance(name, str) or not name.strip():
        raise InputError("a converted report needs a name")
    body: dict[str, Any] = {"name": name.strip()}
    if folder_id is not None:
        body["destinationFolderId"] = folder_id
    if description is not None:
        body["description"] = description
    if page_ids is not None:
        ids = [p for p in page_ids if p]
        if not ids:
            raise InputError("page_ids names at least one page (or leave it out for all)")
        body["pageIds"] = ids
    if page_size is not None or landscape:
        size = (page_size or "letter").lower()
        if size not in PAGE_SIZES:
            raise InputError(f"page_size is one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
        body["format"] = {"pageSize": size, "layout": "landscape" if landscape else "portrait"}
    return body


def send_body(
    *,
    title: str,
    message: str,
    emails: Iterable[str] = (),
    member_ids: Iterable[str] = (),
    team_ids: Iterable[str] = (),
    attachments: Sequence[tuple[AttachmentFormat, str | None, str | None]] = (("pdf", None, None),),
    parameters: Mapping[str, str] | None = None,
    include_link: bool | None = None,
) -> dict[str, Any]:
    """The body of ``POST /v2/workbooks/{id}/send``: to emails, members and teams; each
    attachment is ``(format, element_id, page_id)`` (neither id: the whole workbook)."""
    targets: list[dict[str, str]] = []
    for email in emails:
        if not is_email(email):
            raise InputError(f"not an email address: {email!r}")
        targets.append({"type": "email", "email": email})
    targets += [{"type": "member", "userId": m} for m in member_ids]
    targets += [{"type": "team", "teamId": t} for t in team_ids]
    if not targets:
        raise InputError("send the workbook to at least one email, member or team")
    if not title.strip():
        raise InputError("a send needs a title")
    if not attachments:
        raise InputError("a send needs at least one attachment (format 'none' for a link)")
    made: list[dict[str, Any]] = []
    for fmt, element_id, page_id in attachments:
        kind = str(fmt).lower()
        if kind not in ATTACHMENT_FORMATS:
            raise InputError(
                f"an attachment is one of {', '.join(ATTACHMENT_FORMATS)}, not {fmt!r}"
            )
        if element_id and page_id:
            raise InputError("an attachment is of an element or a page, not both")
        source: dict[str, str] = {"type": "all"}
        if element_id:
            source = {"type": "element", "elementId": element_id}
        elif page_id:
            source = {"type": "page", "pageId": page_id}
        made.append({"formatOptions": {"type": kind.upper()}, "source": source})
    config: dict[str, Any] = {"title": title.strip(), "messageBody": message}
    if include_link is not None:
        config["includeLink"] = include_link
    body: dict[str, Any] = {"targets": targets, "config": config, "attachments": made}
    if parameters:
        body["parameters"] = dict(parameters)
    return body
