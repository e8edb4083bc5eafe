# generated from src/sigmakit/_async/resources/schedules.py by scripts/unasync.py; edit that file, then `make generate`
"""Scheduled exports: a workbook's (``/v2/workbooks/{id}/schedules``) and a member's
(``/v2/members/{id}/schedules``, across every workbook): list, create, change, suspend,
resume, delete.

Sigma names a schedule's id ``scheduledNotificationId``; here it is ``schedule_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sigmakit._cron import cron_spec, timezone_name
from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.schedules import (
    ATTACHMENT_FORMATS,
    Schedule,
    ScheduleTiming,
    _attachment,
    _checked,
    _schedule,
    _targets,
)

__all__ = ["ATTACHMENT_FORMATS", "Schedule", "ScheduleTiming", "Schedules"]


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
