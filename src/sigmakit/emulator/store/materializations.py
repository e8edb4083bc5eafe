"""Materializations: a workbook's materialization schedules (one per element) and the runs
they start, which are jobs (see :mod:`..jobs`)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from ..clock import iso
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from ..jobs import Job, Jobs
from .paging import Page, offset_page
from .workbooks import WorkbookStore

__all__ = ["MATERIALIZATION_STATUS", "SCHEMA", "MaterializationStore", "materialization_answer"]

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
        entries = [
            {
                "sheetId": r["sheet_id"],
                # a schedule materializes one element, and the emulator names its sheet after it
                "elementId": r["sheet_id"],
                "elementName": r["element_name"],
                "schedule": None
                if r["cron_spec"] is None
                else {"cronSpec": r["cron_spec"], "timezone": r["timezone"]},
                "configuredAt": r["configured_at"],
                "paused": bool(r["paused"]),
            }
            for r in got.rows
        ]
        return Page(entries, got.next_page, got.total)

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

    # used by the console

    def schedule_rows(self, workbook_id: str) -> list[sqlite3.Row]:
        """The workbook's materialization schedules as they are kept, oldest first."""
        sql = "SELECT * FROM materialization_schedules WHERE workbook_id = ? ORDER BY seq"
        return self.db.all(sql, (workbook_id,))


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
