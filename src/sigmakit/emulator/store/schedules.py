"""Scheduled exports of workbooks (``/v2/workbooks/{id}/schedules``, a member's
``/v2/members/{id}/schedules``): when they run, what they attach, who owns them, and whether
they are suspended.

A schedule belongs to one member (``ownerId``). When that member is deactivated, their
schedules go where their documents go (the new owner, or the owner of the API credentials
for ``DELETE /v2/members/{id}``), or are suspended when the deactivation archives them
(``archiveScheduledExports``, or ``archiveDocuments``, which "also archives scheduled
exports"): see :meth:`ScheduleStore.hand_over`, which the member store calls.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .members import MemberStore
from .paging import Page, offset_page
from .permissions import PermissionStore, rank_of
from .schedule_rules import check_cron, check_targets, check_timezone
from .teams import TeamStore
from .text import bounded
from .workbooks import WorkbookStore

__all__ = ["FORMATS", "SCHEMA", "ScheduleStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS workbook_schedules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id TEXT UNIQUE NOT NULL,
    workbook_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    cron_spec TEXT NOT NULL,
    timezone TEXT NOT NULL,
    -- configV2 as Sigma answers it (JSON)
    config TEXT NOT NULL,
    -- the recipients, as sent (JSON list)
    targets TEXT NOT NULL,
    description TEXT,
    is_suspended INTEGER NOT NULL DEFAULT 0,
    disabled_at TEXT,
    disabled_by TEXT,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workbook_schedules_wb ON workbook_schedules(workbook_id);
CREATE INDEX IF NOT EXISTS workbook_schedules_owner ON workbook_schedules(owner_id);
"""

#: attachment formats (``formatOptions.type``), as the description spells them
FORMATS = ("CSV", "JSON", "JSONL", "EXCEL", "PDF", "PNG", "NONE")


class ScheduleStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        members: MemberStore,
        teams: TeamStore,
        workbooks: WorkbookStore,
        permissions: PermissionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.members = members
        self.teams = teams
        self.workbooks = workbooks
        self.permissions = permissions

    # ----- answers -----

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "scheduledNotificationId": row["schedule_id"],
            "workbookId": row["workbook_id"],
            "schedule": {"cronSpec": row["cron_spec"], "timezone": row["timezone"]},
            "configV2": json.loads(row["config"]),
            "description": row["description"],
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

    def _row(self, workbook_id: str, schedule_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM workbook_schedules WHERE schedule_id = ? AND workbook_id = ?",
            (schedule_id, workbook_id),
        )
        if row is None:
            raise NotFound.of("Schedule", schedule_id)
        return row

    def _may_change(self, row: sqlite3.Row, caller: str) -> None:
        """The schedule's owner, an admin, or someone who can edit the workbook."""
        if row["owner_id"] == caller or self.permissions.is_admin(caller):
            return
        held = self.permissions.effective_permission(caller, row["workbook_id"])
        if rank_of(held) < rank_of("edit"):
            raise Forbidden("Only the schedule's owner, an admin or an editor can change it")

    # ----- reading -----

    def list_for_workbook(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        return offset_page(
            self.db,
            "SELECT * FROM workbook_schedules WHERE workbook_id = ? ORDER BY seq",
            (workbook_id,),
            offset=offset,
            limit=limit,
        ).render(self.render)

    def list_for_member(self, member_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """The schedules a member owns, over every workbook; their own, or anyone's for an
        admin (the description: "Non-admin users can only retrieve their own")."""
        self.members.row(member_id)
        if caller != member_id and not self.permissions.is_admin(caller):
            raise Forbidden("Only an admin can list another member's schedules")
        return offset_page(
            self.db,
            "SELECT * FROM workbook_schedules WHERE owner_id = ? ORDER BY seq",
            (member_id,),
            offset=offset,
            limit=limit,
        ).render(self.render)

    # ----- changing -----

    def _targets(self, conn: sqlite3.Connection, targets: Any) -> list[dict[str, str]]:
        return check_targets(targets, lambda team: self.teams.row(team, conn))

    def _attachments(self, workbook_id: str, items: Any) -> list[dict[str, Any]]:
        """``configV2.exportAttachments`` (what a request sends) as the
        ``notificationAttachments`` Sigma answers with; ids checked against the workbook."""
        if items is None:
            return [{"formatOptions": {"type": "NONE"}}]
        if not isinstance(items, list):
            raise BadRequest("configV2.exportAttachments must be a list")
        pages = self.workbooks.page_ids(workbook_id)
        elements = {r["element_id"] for r in self.workbooks.element_rows(workbook_id)}
        out: list[dict[str, Any]] = []
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                raise BadRequest(f"exportAttachments[{n}] must be an object")
            options = item.get("formatOptions")
            if not isinstance(options, dict) or not isinstance(options.get("type"), str):
                raise BadRequest(f"exportAttachments[{n}].formatOptions.type is required")
            kind = options["type"].upper()
            if kind not in FORMATS:
                raise BadRequest(
                    f"exportAttachments[{n}]: unknown format {options['type']!r} "
                    f"(one of {', '.join(FORMATS)})"
                )
            fmt: dict[str, Any] = {"type": kind}
            if kind == "PDF" and options.get("layout") is not None:
                if options["layout"] not in ("portrait", "landscape"):
                    raise BadRequest("PDF layout must be portrait or landscape")
                fmt["layout"] = options["layout"]
            attachment: dict[str, Any] = {"formatOptions": fmt}
            source = item.get("workbookExportSource")
            if source is not None:
                attachment["workbookExportSource"] = self._source(n, source, pages, elements)
            out.append(attachment)
        return out

    @staticmethod
    def _source(n: int, source: Any, pages: set[str], elements: set[str]) -> dict[str, Any]:
        if not isinstance(source, dict) or source.get("type") not in ("element", "page", "all"):
            raise BadRequest(
                f"exportAttachments[{n}].workbookExportSource.type must be element, page or all"
            )
        kind = source["type"]
        if kind == "all":
            return {"type": "all"}
        key, known = ("elementIds", elements) if kind == "element" else ("pageIds", pages)
        ids = source.get(key)
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise BadRequest(f"exportAttachments[{n}].workbookExportSource.{key} is required")
        for ident in ids:
            if ident not in known:
                raise BadRequest(f"{kind.capitalize()} not found in this workbook: {ident}")
        return {"type": kind, "nodeIds": list(ids)}

    def _config(
        self, workbook_id: str, body: dict[str, Any], old: dict[str, Any]
    ) -> dict[str, Any]:
        """configV2 as answered: from ``configV2``, or the deprecated ``config`` (one
        attachment in ``formatOptions``), over what the schedule had."""
        config = dict(old)
        given = body.get("configV2")
        legacy = body.get("config")
        if given is None and isinstance(legacy, dict):
            given = {
                "title": legacy.get("title"),
                "messageBody": legacy.get("messageBody"),
                "includeLink": legacy.get("includeLink"),
                "runAsRecipient": legacy.get("runAsRecipient"),
                "exportAttachments": [{"formatOptions": legacy.get("formatOptions")}]
                if legacy.get("formatOptions") is not None
                else None,
            }
        if given is None:
            return config
        if not isinstance(given, dict):
            raise BadRequest("configV2 must be an object")
        for key in ("title", "messageBody", "exportName"):
            value = given.get(key)
            if value is not None:
                if not isinstance(value, str):
                    raise BadRequest(f"configV2.{key} must be a string")
                value = bounded(value, f"configV2.{key}", 10_000)
                config["notificationName" if key == "exportName" else key] = value
        for key in ("includeLink", "runAsRecipient"):
            if given.get(key) is not None:
                config[key] = bool(given[key])
        if "exportAttachments" in given or "notificationAttachments" not in config:
            config["notificationAttachments"] = self._attachments(
                workbook_id, given.get("exportAttachments")
            )
        config.setdefault("title", "")
        config.setdefault("messageBody", "")
        return config

    def _owner(self, owner_id: Any, caller: str) -> str:
        if owner_id is None:
            return caller
        row = self.members.row(str(owner_id))
        if row["is_archived"] or row["is_inactive"]:
            raise BadRequest("ownerId must be an active member")
        if owner_id != caller and not self.permissions.is_admin(caller):
            raise Forbidden("Only an admin can create a schedule for another member")
        return str(owner_id)

    def create(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller)
        schedule = body.get("schedule")
        if not isinstance(schedule, dict):
            raise BadRequest("schedule is required: {cronSpec, timezone}")
        cron = check_cron(schedule.get("cronSpec"))
        zone = check_timezone(schedule.get("timezone"))
        owner = self._owner(body.get("ownerId"), caller)
        config = self._config(workbook_id, body, {})
        now = self.clock.iso()
        schedule_id = self.ids.uuid()
        with self.db.tx() as conn:
            targets = self._targets(conn, body.get("target"))
            conn.execute(
                "INSERT INTO workbook_schedules (schedule_id, workbook_id, owner_id, cron_spec, "
                "timezone, config, targets, description, created_by, updated_by, created_at, "
                "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    schedule_id,
                    workbook_id,
                    owner,
                    cron,
                    zone,
                    json.dumps(config),
                    json.dumps(targets),
                    _description(body.get("description")),
                    caller,
                    caller,
                    now,
                    now,
                ),
            )
        return self.render(self._row(workbook_id, schedule_id))

    def update(
        self, workbook_id: str, schedule_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller)
        row = self._row(workbook_id, schedule_id)
        self._may_change(row, caller)
        now = self.clock.iso()
        sets: dict[str, Any] = {}
        if body.get("schedule") is not None:
            given = body["schedule"]
            if not isinstance(given, dict):
                raise BadRequest("schedule must be an object: {cronSpec, timezone}")
            if given.get("cronSpec") is not None:
                sets["cron_spec"] = check_cron(given["cronSpec"])
            if given.get("timezone") is not None:
                sets["timezone"] = check_timezone(given["timezone"])
        if body.get("configV2") is not None:
            sets["config"] = json.dumps(self._config(workbook_id, body, json.loads(row["config"])))
        if "description" in body:
            sets["description"] = _description(body["description"])
        action = body.get("suspensionAction")
        if action is not None:
            if action not in ("pause", "resume"):
                raise BadRequest("suspensionAction must be pause or resume")
            if action == "pause" and not row["is_suspended"]:
                sets.update(is_suspended=1, disabled_at=now, disabled_by=caller)
            elif action == "resume" and row["is_suspended"]:
                sets.update(is_suspended=0, disabled_at=None, disabled_by=None)
        with self.db.tx() as conn:
            if body.get("target") is not None:
                sets["targets"] = json.dumps(self._targets(conn, body["target"]))
            if sets:
                sets.update(updated_by=caller, updated_at=now)
                assignments = ", ".join(f"{col} = ?" for col in sets)
                conn.execute(
                    f"UPDATE workbook_schedules SET {assignments} WHERE schedule_id = ?",
                    (*sets.values(), schedule_id),
                )
        return self.render(self._row(workbook_id, schedule_id))

    def delete(self, workbook_id: str, schedule_id: str, caller: str) -> None:
        self.workbooks.row(workbook_id, caller)
        row = self._row(workbook_id, schedule_id)
        self._may_change(row, caller)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM workbook_schedules WHERE schedule_id = ?", (schedule_id,))

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        workbook_id: str,
        owner_id: str,
        cron_spec: str,
        timezone: str,
        title: str,
        targets: list[dict[str, str]],
        attachments: list[dict[str, Any]],
        description: str | None,
        at: str,
        suspended_at: str | None = None,
    ) -> str:
        """Lay a schedule down inside the caller's transaction (the seed)."""
        schedule_id = self.ids.uuid()
        config = {"title": title, "messageBody": "", "notificationAttachments": attachments}
        conn.execute(
            "INSERT INTO workbook_schedules (schedule_id, workbook_id, owner_id, cron_spec, "
            "timezone, config, targets, description, is_suspended, disabled_at, disabled_by, "
            "created_by, updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                schedule_id,
                workbook_id,
                owner_id,
                cron_spec,
                timezone,
                json.dumps(config),
                json.dumps(targets),
                description,
                int(suspended_at is not None),
                suspended_at,
                owner_id if suspended_at else None,
                owner_id,
                owner_id,
                at,
                suspended_at or at,
            ),
        )
        return schedule_id

    def hand_over(
        self, conn: sqlite3.Connection, member_id: str, new_owner: str, archive: bool
    ) -> None:
        """A deactivated member's schedules: to ``new_owner``, or, when the deactivation
        archives them, suspended where they are (``disabledBy`` the one who deactivated)."""
        now = self.clock.iso()
        if archive:
            conn.execute(
                "UPDATE workbook_schedules SET is_suspended = 1, disabled_at = ?, "
                "disabled_by = ?, updated_by = ?, updated_at = ? "
                "WHERE owner_id = ? AND is_suspended = 0",
                (now, new_owner, new_owner, now, member_id),
            )
        elif new_owner != member_id:
            conn.execute(
                "UPDATE workbook_schedules SET owner_id = ?, updated_by = ?, updated_at = ? "
                "WHERE owner_id = ?",
                (new_owner, new_owner, now, member_id),
            )


def _description(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest("description must be a string")
    return bounded(value, "description", 10_000)
