"""A data model's materialization schedules (one per element) and the runs they start, which
are jobs like a workbook's (see :mod:`..jobs`): listed and run since 2026-08, created,
changed and deleted one element at a time since Sigma's 2026-10 description."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..db import Database
from ..errors import BadRequest, Conflict, NotFound
from ..ids import IdFactory
from ..jobs import Jobs
from .data_models import DataModelStore
from .materializations import materialization_answer, render_schedule, schedule_body

__all__ = ["SCHEMA", "DataModelScheduleStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS data_model_schedules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    data_model_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    cron_spec TEXT,
    timezone TEXT,
    configured_at TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    UNIQUE (data_model_id, element_id)
);
"""


class DataModelScheduleStore:
    def __init__(self, db: Database, ids: IdFactory, models: DataModelStore, jobs: Jobs) -> None:
        self.db = db
        self.ids = ids
        self.models = models
        self.jobs = jobs

    def _names(self, data_model_id: str) -> dict[str, str]:
        return {e["element_id"]: e["name"] for e in self.models.element_rows(data_model_id)}

    def schedules(self, data_model_id: str, caller: str) -> list[dict[str, Any]]:
        self.models.row(data_model_id, caller)
        names = self._names(data_model_id)
        return [
            render_schedule(r, r["element_id"], names.get(r["element_id"], ""))
            for r in self.db.all(
                "SELECT * FROM data_model_schedules WHERE data_model_id = ? ORDER BY seq",
                (data_model_id,),
            )
        ]

    @staticmethod
    def add_schedule(
        conn: sqlite3.Connection,
        data_model_id: str,
        element_id: str,
        *,
        cron_spec: str | None,
        timezone: str | None,
        configured_at: str,
    ) -> None:
        conn.execute(
            "INSERT INTO data_model_schedules (data_model_id, element_id, cron_spec, timezone, "
            "configured_at) VALUES (?,?,?,?,?)",
            (data_model_id, element_id, cron_spec, timezone, configured_at),
        )

    def _row(self, data_model_id: str, element_id: str) -> sqlite3.Row | None:
        return self.db.one(
            "SELECT * FROM data_model_schedules WHERE data_model_id = ? AND element_id = ?",
            (data_model_id, element_id),
        )

    def materialize(self, data_model_id: str, sheet_id: Any, caller: str) -> dict[str, str]:
        """Run an element's materialization now; the element needs a schedule."""
        self.models.row(data_model_id, caller, need="explore")
        if self._row(data_model_id, str(sheet_id)) is None:
            raise BadRequest(f"No materialization schedule for sheet {sheet_id} in this data model")
        job_id = self.ids.uuid()
        name = self._names(data_model_id).get(str(sheet_id), "")
        with self.db.tx() as conn:
            self.jobs.create(
                conn,
                job_id=job_id,
                kind="materialization",
                workbook_id=data_model_id,
                payload={"sheetId": str(sheet_id), "name": name},
            )
        return {"materializationId": job_id}

    def materialization(
        self, data_model_id: str, materialization_id: str, caller: str
    ) -> dict[str, Any]:
        self.models.row(data_model_id, caller)
        job = self.jobs.get(materialization_id, kind="materialization")
        if job is None or job.workbook_id != data_model_id:
            raise NotFound.of("Materialization", materialization_id)
        return materialization_answer(job)

    # ----- one element's schedule (published after 2026-08) -----

    def _element(self, data_model_id: str, element_id: str, caller: str) -> str:
        """The element's name; the caller must be able to edit the model."""
        self.models.row(data_model_id, caller, need="edit")
        element = self.models.element(element_id)
        if element is None or element["data_model_id"] != data_model_id:
            raise NotFound.of("Element", element_id)
        return str(element["name"])

    def _one(self, data_model_id: str, element_id: str, name: str) -> dict[str, Any]:
        row = self._row(data_model_id, element_id)
        if row is None:
            raise NotFound(f"No materialization schedule for element {element_id}")
        return render_schedule(row, element_id, name)

    def create(
        self, data_model_id: str, element_id: str, body: Any, caller: str, *, at: str, zone: str
    ) -> dict[str, Any]:
        name = self._element(data_model_id, element_id, caller)
        cron, given = schedule_body(body)
        with self.db.tx() as conn:
            taken = conn.execute(
                "SELECT 1 FROM data_model_schedules WHERE data_model_id = ? AND element_id = ?",
                (data_model_id, element_id),
            ).fetchone()
            if taken is not None:
                raise Conflict(f"Element {element_id} already has a materialization schedule")
            self.add_schedule(
                conn,
                data_model_id,
                element_id,
                cron_spec=cron,
                timezone=given or zone,
                configured_at=at,
            )
        return self._one(data_model_id, element_id, name)

    def update(
        self, data_model_id: str, element_id: str, body: Any, caller: str, *, at: str, zone: str
    ) -> dict[str, Any]:
        name = self._element(data_model_id, element_id, caller)
        self._one(data_model_id, element_id, name)
        cron, given = schedule_body(body)
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE data_model_schedules SET cron_spec = ?, timezone = ?, configured_at = ? "
                "WHERE data_model_id = ? AND element_id = ?",
                (cron, given or zone, at, data_model_id, element_id),
            )
        return self._one(data_model_id, element_id, name)

    def delete(self, data_model_id: str, element_id: str, caller: str) -> None:
        name = self._element(data_model_id, element_id, caller)
        self._one(data_model_id, element_id, name)
        with self.db.tx() as conn:
            conn.execute(
                "DELETE FROM data_model_schedules WHERE data_model_id = ? AND element_id = ?",
                (data_model_id, element_id),
            )
