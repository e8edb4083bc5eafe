"""Scheduled exports: a workbook's (``/v2/workbooks/{id}/schedules``) and a member's
(``/v2/members/{id}/schedules``, across every workbook): list, create, change, suspend,
resume, delete.

Sigma names a schedule's id ``scheduledNotificationId``; here it is ``schedule_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import Field

from .._cron import cron_spec, timezone_name
from .._email import is_email
from .._errors import InputError
from .._http import path
from .._models import SigmaModel, Timestamp
from .._pagination import MAX_PAGE_SIZE, Paginator
from ._base import Resource

__all__ = ["ATTACHMENT_FORMATS", "Schedule", "ScheduleTiming", "Schedules"]

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


class Schedules(Resource):
    def list(
        self, workbook_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Schedule]:
        """Every scheduled export of a workbook, fetched lazily."""
        return Paginator(
            self._core,
            path("/v2/workbooks/{}/schedules", workbook_id),
            _schedule,
            page_size=page_size,
            limit=limit,
        )

    def for_member(
        self, member_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Schedule]:
        """Every scheduled export a member owns, across workbooks (an admin's credentials
        may read anyone's; others only their own)."""
        return Paginator(
            self._core,
            path("/v2/members/{}/schedules", member_id),
            _schedule,
            page_size=page_size,
            limit=limit,
        )

    def create(
        self,
        workbook_id: str,
        *,
        cron: str,
        timezone: str,
        emails: Sequence[str] = (),
        team_ids: Sequence[str] = (),
        targets: Sequence[Mapping[str, str]] = (),
        title: str = "",
        message: str = "",
        attachment_format: str = "PDF",
        element_ids: Sequence[str] = (),
        page_ids: Sequence[str] = (),
        description: str | None = None,
        owner_id: str | None = None,
    ) -> Schedule:
        """Schedule an export of a workbook: when (``cron`` in ``timezone``), to whom
        (``emails``, ``team_ids``, or raw Sigma ``targets`` such as ``{"webhookUrl": ...}``),
        and what: ``attachment_format`` of some elements, some pages, or the whole workbook.
        Checked before anything is sent."""
        body: dict[str, Any] = {
            "target": _targets(emails, team_ids, targets),
            "schedule": {
                "cronSpec": _checked(cron_spec, cron),
                "timezone": _checked(timezone_name, timezone),
            },
            "configV2": {
                "title": title,
                "messageBody": message,
                "exportAttachments": [_attachment(attachment_format, element_ids, page_ids)],
            },
        }
        if not body["target"]:
            raise InputError("a schedule needs at least one recipient (an email or a team)")
        if description is not None:
            body["description"] = description
        if owner_id is not None:
            body["ownerId"] = owner_id
        url = path("/v2/workbooks/{}/schedules", workbook_id)
        return _schedule(self._core.request("POST", url, json=body))

    def update(
        self,
        workbook_id: str,
        schedule_id: str,
        *,
        cron: str | None = None,
        timezone: str | None = None,
        title: str | None = None,
        message: str | None = None,
        description: str | None = None,
        emails: Sequence[str] | None = None,
        team_ids: Sequence[str] = (),
    ) -> Schedule:
        """Change what is given; the rest stays. ``emails``/``team_ids`` replace the
        recipients."""
        body: dict[str, Any] = {}
        timing: dict[str, str] = {}
        if cron is not None:
            timing["cronSpec"] = _checked(cron_spec, cron)
        if timezone is not None:
            timing["timezone"] = _checked(timezone_name, timezone)
        if timing:
            body["schedule"] = timing
        config = {k: v for k, v in (("title", title), ("messageBody", message)) if v is not None}
        if config:
            body["configV2"] = config
        if description is not None:
            body["description"] = description
        if emails is not None or team_ids:
            body["target"] = _targets(emails or (), team_ids, ())
            if not body["target"]:
                raise InputError("a schedule needs at least one recipient (an email or a team)")
        if not body:
            raise InputError(
                "nothing to change: give a cron, time zone, title, message, "
                "description or recipients"
            )
        return self._patch(workbook_id, schedule_id, body)

    def suspend(self, workbook_id: str, schedule_id: str) -> Schedule:
        """Pause a schedule (a suspended one stays as it is)."""
        return self._patch(workbook_id, schedule_id, {"suspensionAction": "pause"})

    def resume(self, workbook_id: str, schedule_id: str) -> Schedule:
        """Run a suspended schedule again (a running one stays as it is)."""
        return self._patch(workbook_id, schedule_id, {"suspensionAction": "resume"})

    def delete(self, workbook_id: str, schedule_id: str) -> None:
        self._core.request(
            "DELETE", path("/v2/workbooks/{}/schedules/{}", workbook_id, schedule_id)
        )

    def _patch(self, workbook_id: str, schedule_id: str, body: dict[str, Any]) -> Schedule:
        url = path("/v2/workbooks/{}/schedules/{}", workbook_id, schedule_id)
        return _schedule(self._core.request("PATCH", url, json=body))


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
