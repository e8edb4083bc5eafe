"""What a schedule of exports must be, a workbook's or a report's: its cron and timezone,
and its recipients (``target``). Pure checks, shared by :mod:`.schedules` and
:mod:`.report_schedules`; each answers Sigma's 400 for what it refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..._cron import cron_spec, timezone_name
from ..errors import BadRequest
from .members import check_email

__all__ = ["check_cron", "check_targets", "check_timezone"]

_TARGET_KEYS = (
    "teamId",
    "email",
    "ccEmail",
    "bccEmail",
    "ccTeamId",
    "bccTeamId",
    "slackConversationId",
    "googleSpreadsheetUrl",
    "googleDriveFolderUrl",
    "webhookUrl",
)
_TEAM_KEYS = ("teamId", "ccTeamId", "bccTeamId")
_EMAIL_KEYS = ("email", "ccEmail", "bccEmail")
_URL_KEYS = ("googleSpreadsheetUrl", "googleDriveFolderUrl", "webhookUrl")


def check_cron(spec: Any) -> str:
    try:
        return cron_spec(spec)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


def check_targets(targets: Any, check_team: Callable[[str], object]) -> list[dict[str, str]]:
    """A schedule's ``target`` list (a workbook's or a report's), each recipient checked:
    teams through ``check_team`` (a 404 for an unknown one), emails well formed, URLs
    ``https://``."""
    if not isinstance(targets, list) or not targets:
        raise BadRequest("target must list at least one recipient")
    checked: list[dict[str, str]] = []
    for n, target in enumerate(targets):
        if not isinstance(target, dict):
            raise BadRequest(f"target[{n}] must be an object")
        got = {k: v for k, v in target.items() if k in _TARGET_KEYS and v is not None}
        if not got:
            keys = ", ".join(_TARGET_KEYS)
            raise BadRequest(f"target[{n}] names no recipient (one of {keys})")
        for key, value in got.items():
            if not isinstance(value, str) or not value.strip():
                raise BadRequest(f"target[{n}].{key} must be a non-empty string")
            if key in _TEAM_KEYS:
                check_team(value)
            elif key in _EMAIL_KEYS:
                got[key] = check_email(value)
            elif key in _URL_KEYS and not value.startswith("https://"):
                raise BadRequest(f"target[{n}].{key} must be an https:// URL")
        checked.append(got)
    return checked


def check_timezone(zone: Any) -> str:
    try:
        return timezone_name(zone)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
