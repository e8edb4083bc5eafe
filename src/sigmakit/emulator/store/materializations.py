"""Materializations: a workbook's materialization schedules (one per element) and the runs
they start, which are jobs (see :mod:`..jobs`)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from ..clock import iso
from ..db import Database
from ..errors import BadRequest, Conflict, NotFound
from ..ids import IdFactory
from ..jobs import Job, Jobs
from .paging import Page, offset_page
from .schedule_rules import check_cron, check_timezone
from .workbooks import WorkbookStore

__all__ = [
    "MATERIALIZATION_STATUS",
    "SCHEMA",
    "MaterializationStore",
    "materialization_answer",
    "render_schedule",
    "schedule_body",
]

SCHEMA = """
-- sheet_id is the element's id; fails: a run ends failed with this message
CREATE TABLE IF NOT EXISTS materialization_schedules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workbook_id TEXT NOT NULL,
    sheet_id TEXT NOT NULL,
    element_name TEXT NOT NULL,
    cron_spec TEXT,
    timezone TEXT,
    configured_at TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    fails TEXT,
    UNIQUE (workbook_id, sheet_id)
);
"""

MATERIALIZATION_STATUS = {
    "pending": "pending",
    "running": "building",
    "done": "ready",
    "failed": "failed",
}


class MaterializationStore:
    def __init__(self, db: Database, ids: IdFactory, workbooks: WorkbookStore, jobs: Jobs) -> None:
        self.db = db
        self.ids = ids
        self.workbooks = workbooks
        self.jobs = jobs

    def schedules(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        got = offset_page(
            self.db,
            "SELECT * FROM materialization_schedules WHERE workbook_id = ? ORDER BY seq",
            (workbook_id,),
            offset=offset,
            limit=limit,
        )
        return Page([_render_schedule(r) for r in got.rows], got.next_page, got.total)

    def add_schedule(
        self,
        conn: sqlite3.Connection,
        element_id: str,
        *,
        cron_spec: str | None,
        timezone: str | None,
        configured_at: str,
        paused: bool = False,
        fails: str | None = None,
    ) -> None:
        """Add a materialization schedule for an element (inside the caller's transaction)."""
        element = self.workbooks.element_by_id(conn, element_id)
        conn.execute(
            "INSERT INTO materialization_schedules (workbook_id, sheet_id, element_name, "
            "cron_spec, timezone, configured_at, paused, fails) VALUES (?,?,?,?,?,?,?,?)",
            (
                element["workbook_id"],
                element_id,
                element["name"],
                cron_spec,
                timezone,
                configured_at,
                int(paused),
                fails,
            ),
        )

    def materialize(self, workbook_id: str, sheet_id: str, caller: str) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller, need="explore")
        schedule = self.db.one(
            "SELECT * FROM materialization_schedules WHERE workbook_id = ? AND sheet_id = ?",
            (workbook_id, sheet_id),
        )
        if schedule is None:
            raise BadRequest(f"No materialization schedule for sheet {sheet_id} in this workbook")
        job_id = self.ids.uuid()
        with self.db.tx() as conn:
            self.jobs.create(
                conn,
                job_id=job_id,
                kind="materialization",
                workbook_id=workbook_id,
                payload={"sheetId": sheet_id},
                error=schedule["fails"],
            )
        return {"materializationId": job_id}

    def materialization(
        self, workbook_id: str, materialization_id: str, caller: str
    ) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller)
        job = self.jobs.get(materialization_id, kind="materialization")
        if job is None or job.workbook_id != workbook_id:
            raise NotFound.of("Materialization", materialization_id)
        return materialization_answer(job)

    # ----- one element's schedule (create, change, delete; published after 2026-08) -----

    def _materializable(self, workbook_id: str, element_id: str, caller: str) -> sqlite3.Row:
        self.workbooks.row(workbook_id, caller, need="edit")
        element = self.workbooks.element_row(workbook_id, element_id)
        if element["type"] in _NOT_MATERIALIZABLE:
            raise BadRequest(f"A {element['type']} element cannot be materialized")
        return element

    def _one(self, workbook_id: str, element_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM materialization_schedules WHERE workbook_id = ? AND sheet_id = ?",
            (workbook_id, element_id),
        )
        if row is None:
            raise NotFound(f"No materialization schedule for element {element_id}")
        return row

    def create_schedule(
        self, workbook_id: str, element_id: str, body: Any, caller: str, *, at: str, zone: str
    ) -> dict[str, Any]:
        """Give an element its one schedule; its first run starts at once (as Sigma's does,
        from the latest published version)."""
        element = self._materializable(workbook_id, element_id, caller)
        cron, given = schedule_body(body)
        with self.db.tx() as conn:
            taken = conn.execute(
                "SELECT 1 FROM materialization_schedules WHERE workbook_id = ? AND sheet_id = ?",
                (workbook_id, element_id),
            ).fetchone()
            if taken is not None:
                raise Conflict(f"Element {element_id} already has a materialization schedule")
            self.add_schedule(
                conn, element_id, cron_spec=cron, timezone=given or zone, configured_at=at
            )
            self.jobs.create(
                conn,
                job_id=self.ids.uuid(),
                kind="materialization",
                workbook_id=workbook_id,
                payload={"sheetId": element_id, "name": element["name"]},
            )
        return _render_schedule(self._one(workbook_id, element_id))

    def update_schedule(
        self, workbook_id: str, element_id: str, body: Any, caller: str, *, at: str, zone: str
    ) -> dict[str, Any]:
        self._materializable(workbook_id, element_id, caller)
        self._one(workbook_id, element_id)
        cron, given = schedule_body(body)
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE materialization_schedules SET cron_spec = ?, timezone = ?, "
                "configured_at = ? WHERE workbook_id = ? AND sheet_id = ?",
                (cron, given or zone, at, workbook_id, element_id),
            )
        return _render_schedule(self._one(workbook_id, element_id))

    def delete_schedule(self, workbook_id: str, element_id: str, caller: str) -> None:
        self._materializable(workbook_id, element_id, caller)
        self._one(workbook_id, element_id)
        with self.db.tx() as conn:
            conn.execute(
                "DELETE FROM materialization_schedules WHERE workbook_id = ? AND sheet_id = ?",
                (workbook_id, element_id),
            )

    # used by the console

    def schedule_rows(self, workbook_id: str) -> list[sqlite3.Row]:
        """The workbook's materialization schedules as they are kept, oldest first."""
        sql = "SELECT * FROM materialization_schedules WHERE workbook_id = ? ORDER BY seq"
        return self.db.all(sql, (workbook_id,))


#: elements that hold no data of their own to store
_NOT_MATERIALIZABLE = ("control", "text", "image", "button", "divider", "embed")


def schedule_body(body: Any) -> tuple[str, str | None]:
    """``{"schedule": {"cronSpec", "timezone"?}}``, checked: the cron expression and the
    timezone (None: the organization's)."""
    schedule = body.get("schedule") if isinstance(body, dict) else None
    if not isinstance(schedule, dict):
        raise BadRequest("schedule is required: {cronSpec, timezone}")
    cron = check_cron(schedule.get("cronSpec"))
    zone = schedule.get("timezone")
    return cron, None if zone is None else check_timezone(zone)


def render_schedule(row: sqlite3.Row, element_id: str, element_name: str) -> dict[str, Any]:
    """A materialization schedule as Sigma lists it (a workbook's or a data model's)."""
    return {
        "sheetId": element_id,
        "elementId": element_id,
        "elementName": element_name,
        "schedule": None
        if row["cron_spec"] is None
        else {"cronSpec": row["cron_spec"], "timezone": row["timezone"]},
        "configuredAt": row["configured_at"],
        "paused": bool(row["paused"]),
    }


def _render_schedule(row: sqlite3.Row) -> dict[str, Any]:
    # a schedule materializes one element, and the emulator names its sheet after it
    return render_schedule(row, row["sheet_id"], row["element_name"])


def materialization_answer(job: Job) -> dict[str, Any]:
    """A materialization run as Sigma answers it (a workbook's or a data model's)."""
    answer: dict[str, Any] = {
        "materializationId": job.job_id,
        "status": MATERIALIZATION_STATUS[job.status],
    }
    if job.started_at is not None:
        answer["startedAt"] = _iso(job.started_at)
    if job.status == "done" and job.finished_at is not None:
        answer["readyAt"] = _iso(job.finished_at)
    if job.error is not None:
        answer["error"] = job.error
    return answer


def _iso(seconds: float) -> str:
    return iso(datetime.fromtimestamp(seconds, UTC))
