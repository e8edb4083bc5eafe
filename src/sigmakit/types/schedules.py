"""The models and pure helpers of ``sigmakit.resources.schedules`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import Field

from sigmakit._email import is_email
from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = ["ATTACHMENT_FORMATS", "Schedule", "ScheduleTiming"]


#: what a scheduled export can attach (``formatOptions.type``); ``NONE``: a link only
ATTACHMENT_FORMATS = ("CSV", "JSON", "JSONL", "EXCEL", "PDF", "PNG", "NONE")


class ScheduleTiming(SigmaModel):
    #: e.g. ``0 7 * * 1-5``
    cron_spec: str
    #: an IANA name, e.g. ``America/New_York``
    timezone: str


class Schedule(SigmaModel):
    """One scheduled export (or alert) of a workbook."""

    schedule_id: str = Field(alias="scheduledNotificationId")
    #: absent on a report's schedules (a member's list holds both)
    workbook_id: str | None = None
    report_id: str | None = None
    owner_id: str
    is_suspended: bool = False
    schedule: ScheduleTiming
    #: title, messageBody, notificationAttachments... as Sigma answers them
    config_v2: dict[str, Any] = Field(default_factory=dict, alias="configV2")
    description: str | None = None
    last_updated_by_user: str | None = None
    disabled_at: Timestamp | None = None
    disabled_by: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None

    @property
    def title(self) -> str:
        return str(self.config_v2.get("title") or "")

    @property
    def cron_spec(self) -> str:
        return self.schedule.cron_spec

    @property
    def timezone(self) -> str:
        return self.schedule.timezone


def _schedule(raw: Mapping[str, Any]) -> Schedule:
    return Schedule.model_validate(raw)


def _checked(check: Any, value: str) -> str:
    try:
        result: str = check(value)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return result


def _targets(
    emails: Sequence[str], team_ids: Sequence[str], targets: Sequence[Mapping[str, str]]
) -> list[dict[str, str]]:
    for email in emails:
        if not is_email(email):
            raise InputError(f"not an email address: {email!r}")
    out = [{"email": e.strip()} for e in emails] + [{"teamId": t.strip()} for t in team_ids]
    out += [dict(t) for t in targets]
    return out


def _attachment(kind: str, element_ids: Sequence[str], page_ids: Sequence[str]) -> dict[str, Any]:
    fmt = kind.strip().upper()
    if fmt == "XLSX":
        fmt = "EXCEL"
    if fmt not in ATTACHMENT_FORMATS:
        raise InputError(
            f"unknown attachment format {kind!r}: one of {', '.join(ATTACHMENT_FORMATS)}"
        )
    if element_ids and page_ids:
        raise InputError("attach some elements or some pages, not both")
    if element_ids:
        source: dict[str, Any] = {"type": "element", "elementIds": list(element_ids)}
    elif page_ids:
        source = {"type": "page", "pageIds": list(page_ids)}
    else:
        source = {"type": "all"}
    return {"formatOptions": {"type": fmt}, "workbookExportSource": source}
