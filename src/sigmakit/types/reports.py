"""The models and pure helpers of ``sigmakit.resources.reports`` (shared by the sync and the
async resource)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sigmakit._email import is_email
from sigmakit._errors import InputError
from sigmakit._exports import PDF_LAYOUTS, PdfLayout
from sigmakit._models import SigmaModel, Timestamp

__all__ = [
    "Report",
    "ReportCron",
    "ReportSchedule",
    "ReportSource",
    "ReportTag",
    "ReportVersion",
    "TaggedReport",
    "report_export_body",
    "report_schedule_body",
    "report_send_body",
]


class ReportTag(SigmaModel):
    """A version tag on a report: which version carries it."""

    version_tag_id: str
    tag_name: str
    source_version: float
    tagged_at: Timestamp
    tagged_report_id: str


class Report(SigmaModel):
    report_id: str
    report_url_id: str
    name: str
    url: str
    path: str
    latest_version: int
    owner_id: str
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp
    is_archived: bool = False
    tags: list[ReportTag] | None = None
    description: str | None = None


class ReportSource(SigmaModel):
    """What a report's elements read: a ``data-model`` (with the ``element_ids`` of it
    read), a ``dataset`` or ``table`` (``inode_id``), or ``custom-sql`` (``connection_id``,
    ``definition``, ``custom_sql_id``)."""

    type: str
    data_model_id: str | None = None
    element_ids: list[str] = []
    version_tag_id: str | None = None
    inode_id: str | None = None
    connection_id: str | None = None
    definition: str | None = None
    custom_sql_id: str | None = None


class ReportCron(SigmaModel):
    cron_spec: str
    timezone: str


class ReportSchedule(SigmaModel):
    """A scheduled export of a report (a PDF sent to its recipients)."""

    scheduled_notification_id: str
    report_id: str
    schedule: ReportCron
    #: ``title``, ``messageBody``, ``notificationAttachments``... as Sigma answers them
    config_v2: dict[str, Any] = {}
    is_suspended: bool = False
    owner_id: str
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None

    @property
    def title(self) -> str | None:
        title = self.config_v2.get("title")
        return title if isinstance(title, str) else None


class ReportVersion(SigmaModel):
    version: int
    published_at: Timestamp
    published_by: str
    tags: list[dict[str, Any]] = []


class TaggedReport(SigmaModel):
    """The answer of ``POST /v2/reports/tag``."""

    version_tag_id: str
    tagged_report_id: str
    tagged_report_version: int


def _layout(layout: str) -> PdfLayout:
    if layout not in PDF_LAYOUTS:
        raise InputError(f"layout must be one of {', '.join(PDF_LAYOUTS)}, not {layout!r}")
    return layout  # type: ignore[return-value]


def report_export_body(
    *,
    page_id: str | None = None,
    layout: str = "portrait",
    parameters: Mapping[str, str] | None = None,
    timeout: float | None = None,
    tag: str | None = None,
) -> dict[str, Any]:
    """The body of ``POST /v2/reports/{id}/export``: a PDF of the report, or of one page."""
    body: dict[str, Any] = {"format": {"type": "pdf", "layout": _layout(layout)}}
    if page_id is not None:
        if not page_id.strip():
            raise InputError("page_id must not be empty")
        body["pageId"] = page_id
    if parameters:
        body["parameters"] = {str(k): str(v) for k, v in parameters.items()}
    if timeout is not None:
        if timeout <= 0:
            raise InputError("timeout must be above 0 seconds")
        body["timeout"] = timeout
    if tag is not None:
        body["tag"] = tag
    return body


def _emails(emails: Iterable[str]) -> list[str]:
    out = [e.strip() for e in emails]
    bad = [e for e in out if not is_email(e)]
    if bad:
        raise InputError(f"not an email address: {', '.join(map(repr, bad))}")
    return out


def report_schedule_body(
    *,
    cron: str | None,
    timezone: str | None,
    title: str | None,
    message: str | None,
    emails: Iterable[str] = (),
    team_ids: Iterable[str] = (),
    layout: str | None = None,
    partial: bool = False,
) -> dict[str, Any]:
    """The body of a report schedule's create (every part) or update (``partial``: only
    what is given)."""
    body: dict[str, Any] = {}
    targets = [{"email": e} for e in _emails(emails)] + [{"teamId": t} for t in team_ids]
    if targets:
        body["target"] = targets
    elif not partial:
        raise InputError("a schedule needs at least one recipient (an email or a team)")
    if cron is not None or timezone is not None:
        schedule: dict[str, str] = {}
        if cron is not None:
            schedule["cronSpec"] = cron
        if timezone is not None:
            schedule["timezone"] = timezone
        body["schedule"] = schedule
    elif not partial:
        raise InputError("a schedule needs a cron and a timezone")
    config: dict[str, Any] = {}
    if title is not None:
        config["title"] = title
    if message is not None:
        config["messageBody"] = message
    if layout is not None or not partial:
        config["exportAttachments"] = [
            {"formatOptions": {"type": "PDF", "layout": _layout(layout or "portrait")}}
        ]
    if not partial and (title is None or message is None):
        raise InputError("a schedule needs a title and a message")
    if config:
        body["configV2"] = config
    if partial and not body:
        raise InputError("nothing to change: give a cron, a timezone, recipients or a message")
    return body


def report_send_body(
    *,
    title: str,
    message: str,
    emails: Iterable[str] = (),
    member_ids: Iterable[str] = (),
    team_ids: Iterable[str] = (),
    layout: str = "portrait",
) -> dict[str, Any]:
    """The body of ``POST /v2/reports/{id}/send``: a PDF to members, teams and emails."""
    targets = (
        [{"type": "email", "email": e} for e in _emails(emails)]
        + [{"type": "member", "userId": m} for m in member_ids]
        + [{"type": "team", "teamId": t} for t in team_ids]
    )
    if not targets:
        raise InputError("send the report to at least one email, member or team")
    return {
        "targets": targets,
        "config": {"title": title, "messageBody": message},
        "attachments": [{"formatOptions": {"type": "PDF", "layout": _layout(layout)}}],
    }
