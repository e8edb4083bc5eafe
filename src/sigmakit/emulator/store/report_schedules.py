"""A report's scheduled exports (``/v2/reports/{id}/schedules``) and one-off sends
(``POST /v2/reports/{id}/send``). The emulator delivers nothing: a schedule is kept and
answered as Sigma answers it; a send is checked (the report, its recipients, its PDF) and
recorded in ``report_sends``, which the console and tests can read."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .members import MemberStore, check_email
from .paging import Page, offset_page
from .permissions import PermissionStore, rank_of
from .reports import EXPORT_LAYOUTS, ReportStore
from .schedule_rules import check_cron, check_targets, check_timezone
from .teams import TeamStore

__all__ = ["SCHEMA", "ReportScheduleStore", "check_send_targets"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS report_schedules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id TEXT UNIQUE NOT NULL,
    report_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    cron_spec TEXT NOT NULL,
    timezone TEXT NOT NULL,
    config TEXT NOT NULL,
    targets TEXT NOT NULL,
    is_suspended INTEGER NOT NULL DEFAULT 0,
    disabled_at TEXT,
    disabled_by TEXT,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS report_schedules_report ON report_schedules(report_id);
-- what POST /v2/reports/{id}/send was asked to deliver (the emulator sends nothing)
CREATE TABLE IF NOT EXISTS report_sends (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL,
    targets TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
"""

#: what each ``type`` of a send's target names
_SEND_TARGETS = {
    "member": "userId",
    "team": "teamId",
    "email": "email",
    "slackChannel": "slackConversationId",
    "gdrive": "googleDriveFolderUrl",
    "cloud-export": "cloudExport",
    "webhook": "webhookUrl",
}


def check_send_targets(
    targets: Any, kinds: dict[str, str], members: MemberStore, teams: TeamStore
) -> list[dict[str, Any]]:
    """A one-off send's ``targets`` (a report's or a workbook's), each of a ``type`` of
    ``kinds`` (type -> the key naming the recipient) and checked: members and teams exist,
    emails are well formed, URLs ``https://``. What is kept drops a cloud export's
    warehouse authorization (a secret)."""
    if not isinstance(targets, list) or not targets:
        raise BadRequest("targets must list at least one recipient")
    kept: list[dict[str, Any]] = []
    for n, target in enumerate(targets):
        kind = target.get("type") if isinstance(target, dict) else None
        key = kinds.get(str(kind))
        if key is None:
            raise BadRequest(f"targets[{n}].type must be one of {', '.join(kinds)}")
        assert isinstance(target, dict)
        value = target.get(key)
        if not value:
            raise BadRequest(f"targets[{n}].{key} is required")
        if kind == "member":
            members.row(str(value))
        elif kind == "team":
            teams.row(str(value))
        elif kind == "email":
            check_email(str(value))
        elif key.endswith("Url") and not str(value).startswith("https://"):
            raise BadRequest(f"targets[{n}].{key} must be an https:// URL")
        kept.append({"type": kind} if "cloud" in str(kind) else {"type": kind, key: value})
    return kept


def _pdf(n: int, where: str, options: Any) -> dict[str, Any]:
    """A PDF attachment's ``formatOptions``, checked."""
    if not isinstance(options, dict) or options.get("type") != "PDF":
        raise BadRequest(f'{where}[{n}].formatOptions must be {{"type": "PDF"}}')
    out: dict[str, Any] = {"type": "PDF", "layout": options.get("layout", "portrait")}
    if out["layout"] not in EXPORT_LAYOUTS:
        raise BadRequest(f"{where}[{n}].formatOptions.layout must be portrait or landscape")
    scale = options.get("scaleFactor")
    if scale is not None:
        if isinstance(scale, bool) or not isinstance(scale, int | float) or not 0 < scale <= 4:
            raise BadRequest(f"{where}[{n}].formatOptions.scaleFactor must be above 0, at most 4")
        out["scaleFactor"] = scale
    return out


class ReportScheduleStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        reports: ReportStore,
        members: MemberStore,
        teams: TeamStore,
        permissions: PermissionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.reports = reports
        self.members = members
        self.teams = teams
        self.permissions = permissions

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "scheduledNotificationId": row["schedule_id"],
            "reportId": row["report_id"],
            "schedule": {"cronSpec": row["cron_spec"], "timezone": row["timezone"]},
            "configV2": json.loads(row["config"]),
            "isSuspended": bool(row["is_suspended"]),
            "ownerId": row["owner_id"],
            "lastUpdatedByUser": row["updated_by"],
            "disabledAt": row["disabled_at"],
            "disabledBy": row["disabled_by"],
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
        }

    def _row(self, report_id: str, schedule_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM report_schedules WHERE schedule_id = ? AND report_id = ?",
            (schedule_id, report_id),
        )
        if row is None:
            raise NotFound.of("Schedule", schedule_id)
        return row

    def _may_change(self, row: sqlite3.Row, caller: str) -> None:
        """The schedule's owner, an admin, or someone who can edit the report."""
        if row["owner_id"] == caller or self.permissions.is_admin(caller):
            return
        held = self.permissions.effective_permission(caller, row["report_id"])
        if rank_of(held) < rank_of("edit"):
            raise Forbidden("Only the schedule's owner, an admin or an editor can change it")

    def list_for(self, report_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.reports.row(report_id, caller)
        return offset_page(
            self.db,
            "SELECT * FROM report_schedules WHERE report_id = ? ORDER BY seq",
            (report_id,),
            offset=offset,
            limit=limit,
        ).render(self.render)

    def _targets(self, conn: sqlite3.Connection, targets: Any) -> list[dict[str, str]]:
        return check_targets(targets, lambda team: self.teams.row(team, conn))

    @staticmethod
    def _config(given: Any, current: dict[str, Any]) -> dict[str, Any]:
        """``configV2`` as Sigma answers it: ``exportAttachments`` (PDFs of the report)
        become ``notificationAttachments``."""
        if given is None and current:
            return current
        if not isinstance(given, dict):
            raise BadRequest("configV2 is required: {title, messageBody, exportAttachments}")
        config = dict(current)
        for key in ("title", "messageBody"):
            value = given.get(key, config.get(key))
            if not isinstance(value, str):
                raise BadRequest(f"configV2.{key} must be a string")
            config[key] = value
        for key in ("includeLink", "runAsRecipient"):
            if key in given:
                if not isinstance(given[key], bool):
                    raise BadRequest(f"configV2.{key} must be true or false")
                config[key] = given[key]
        items = given.get("exportAttachments")
        if items is not None or "notificationAttachments" not in config:
            if not isinstance(items, list) or not items:
                raise BadRequest("configV2.exportAttachments must list at least one attachment")
            config["notificationAttachments"] = [
                {
                    "formatOptions": _pdf(
                        n,
                        "configV2.exportAttachments",
                        (item or {}).get("formatOptions") if isinstance(item, dict) else None,
                    ),
                    "workbookExportSource": {"type": "report"},
                }
                for n, item in enumerate(items)
            ]
        return config

    def _schedule(self, given: Any, row: sqlite3.Row | None) -> tuple[str, str]:
        if given is None and row is not None:
            return row["cron_spec"], row["timezone"]
        if not isinstance(given, dict):
            raise BadRequest("schedule must be an object: {cronSpec, timezone}")
        cron = given.get("cronSpec", row["cron_spec"] if row is not None else None)
        zone = given.get("timezone", row["timezone"] if row is not None else None)
        return check_cron(cron), check_timezone(zone)

    def create(self, report_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.reports.row(report_id, caller)
        cron, zone = self._schedule(body.get("schedule"), None)
        config = self._config(body.get("configV2"), {})
        schedule_id = self.ids.uuid()
        with self.db.tx() as conn:
            targets = self._targets(conn, body.get("target"))
            self.insert(
                conn,
                schedule_id,
                report_id,
                caller,
                (cron, zone),
                config,
                targets,
                self.clock.iso(),
            )
        return self.render(self._row(report_id, schedule_id))

    def update(
        self, report_id: str, schedule_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        self.reports.row(report_id, caller)
        row = self._row(report_id, schedule_id)
        self._may_change(row, caller)
        cron, zone = self._schedule(body.get("schedule"), row)
        config = self._config(body.get("configV2"), json.loads(row["config"]))
        with self.db.tx() as conn:
            targets = (
                json.loads(row["targets"])
                if body.get("target") is None
                else self._targets(conn, body["target"])
            )
            conn.execute(
                "UPDATE report_schedules SET cron_spec = ?, timezone = ?, config = ?, targets = ?, "
                "updated_by = ?, updated_at = ? WHERE seq = ?",
                (
                    cron,
                    zone,
                    json.dumps(config),
                    json.dumps(targets),
                    caller,
                    self.clock.iso(),
                    row["seq"],
                ),
            )
        return self.render(self._row(report_id, schedule_id))

    def delete(self, report_id: str, schedule_id: str, caller: str) -> None:
        self.reports.row(report_id, caller)
        row = self._row(report_id, schedule_id)
        self._may_change(row, caller)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM report_schedules WHERE seq = ?", (row["seq"],))

    def hand_over(
        self, conn: sqlite3.Connection, member_id: str, new_owner: str, archive: bool
    ) -> None:
        """A deactivated member's report schedules, as their workbook schedules: to
        ``new_owner``, or suspended where they are when the deactivation archives them."""
        now = self.clock.iso()
        if archive:
            conn.execute(
                "UPDATE report_schedules SET is_suspended = 1, disabled_at = ?, disabled_by = ?, "
                "updated_by = ?, updated_at = ? WHERE owner_id = ? AND is_suspended = 0",
                (now, new_owner, new_owner, now, member_id),
            )
        elif new_owner != member_id:
            conn.execute(
                "UPDATE report_schedules SET owner_id = ?, updated_by = ?, updated_at = ? "
                "WHERE owner_id = ?",
                (new_owner, new_owner, now, member_id),
            )

    # ----- a one-off send -----

    def send(self, report_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/reports/{id}/send``: check the recipients and the attachments, and
        record what would be sent."""
        self.reports.row(report_id, caller)
        config = body.get("config")
        if not isinstance(config, dict) or not isinstance(config.get("messageBody"), str):
            raise BadRequest("config is required: {title, messageBody}")
        attachments = body.get("attachments")
        if not isinstance(attachments, list) or not attachments:
            raise BadRequest("attachments must list at least one PDF")
        for n, item in enumerate(attachments):
            _pdf(n, "attachments", item.get("formatOptions") if isinstance(item, dict) else None)
        kept = check_send_targets(body.get("targets"), _SEND_TARGETS, self.members, self.teams)
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO report_sends (report_id, targets, sent_by, sent_at) VALUES (?,?,?,?)",
                (report_id, json.dumps(kept), caller, self.clock.iso()),
            )
        return {}

    def sends(self, report_id: str) -> list[dict[str, Any]]:
        """What was sent of the report, oldest first (for the console and tests)."""
        return [
            {"targets": json.loads(r["targets"]), "sentBy": r["sent_by"], "sentAt": r["sent_at"]}
            for r in self.db.all(
                "SELECT * FROM report_sends WHERE report_id = ? ORDER BY seq", (report_id,)
            )
        ]

    # used by the seeds

    @staticmethod
    def insert(
        conn: sqlite3.Connection,
        schedule_id: str,
        report_id: str,
        owner_id: str,
        schedule: tuple[str, str],
        config: dict[str, Any],
        targets: list[dict[str, str]],
        at: str,
    ) -> None:
        """Lay a schedule down, ``schedule`` its cron and time zone, made by its owner
        (inside the caller's transaction, no checks)."""
        conn.execute(
            "INSERT INTO report_schedules (schedule_id, report_id, owner_id, cron_spec, timezone, "
            "config, targets, created_by, updated_by, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                schedule_id,
                report_id,
                owner_id,
                *schedule,
                json.dumps(config),
                json.dumps(targets),
                owner_id,
                owner_id,
                at,
                at,
            ),
        )
