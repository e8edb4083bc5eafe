"""What the ``sigmakit workbooks`` commands share: their fields and table columns, and the
owners' emails a listing shows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..._exports import EXPORT_FORMATS as _SDK_EXPORT_FORMATS
from ..output import OutputOptions, model_fields

if TYPE_CHECKING:
    from ..._client import Sigma


#: a table for people: the name (a link on a terminal), where it is, the owner's email;
#: JSON and CSV keep every field, ids included, as the API gives them (and --fields
#: workbookId,... puts ids in a table). Fits 120 columns.
LIST_COLUMNS = ("name", "path", "ownerEmail", "latestVersion")
MEMBER_COLUMNS = ("name", "path", "permission", "ownerEmail")
RECENT_COLUMNS = ("name", "lastInteractionAt", "permission", "path")
INPUT_TABLE_COLUMNS = ("workbook", "page", "element", "workbookId", "pageId", "elementId")
INPUT_TABLE_FIELDS = (*INPUT_TABLE_COLUMNS, "path", "columns")
LINEAGE_COLUMNS = ("element", "sourceType", "source", "edge")
LINEAGE_FIELDS = (*LINEAGE_COLUMNS, "elementType", "elementId", "sourceId")
JOB_COLUMNS = ("element", "status", "seconds", "message", "materializationId")
JOB_FIELDS = ("element", "status", "seconds", "message", "sheetId", "materializationId")

#: the member workbook rows (workflows.member_workbooks.MemberWorkbook.to_dict)
MEMBER_WORKBOOK_FIELDS = (
    "name",
    "path",
    "url",
    "permission",
    "ownerId",
    "ownerEmail",
    "workbookId",
    "workbookUrlId",
    "latestVersion",
    "lastInteractionAt",
)

#: the SDK's list (an element takes every format)
EXPORT_FORMATS = _SDK_EXPORT_FORMATS["element"]

#: formats that are not text: never written to a terminal
BINARY_FORMATS = ("xlsx", "pdf", "png")


def workbook_fields() -> list[str]:
    from ...resources.workbooks import Workbook

    return [*model_fields(Workbook), "ownerEmail"]


def owner_emails(sigma: Sigma) -> dict[str, str]:
    """Every member's email by id, from one member listing (deactivated ones too, as they
    may still own workbooks): the owner of each row without a request per row."""
    return {
        m.member_id: m.email
        for m in sigma.members.list(include_archived=True, include_inactive=True)
    }


def with_owner_emails(
    sigma: Sigma, rows: Iterable[dict[str, Any]], out: OutputOptions
) -> Iterator[dict[str, Any]]:
    """Add ``ownerEmail`` where it will be shown (a table, or asked by --fields); JSON and
    CSV stay as the API gives them otherwise."""
    wanted = out.fields is not None and "ownerEmail" in out.fields
    if not (wanted or (out.format == "table" and out.fields is None)):
        yield from rows
        return
    emails: dict[str, str] | None = None
    for row in rows:
        if emails is None:  # the listing only once a row needs it
            emails = owner_emails(sigma)
        owner = row.get("ownerId")
        yield {**row, "ownerEmail": emails.get(owner, owner) if owner else None}
