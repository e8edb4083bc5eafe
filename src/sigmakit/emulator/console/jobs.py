"""The console's Jobs page: each export and materialization as a row, read from the jobs and
the stores that know what a job names (its workbook, its element, its file)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..clock import iso
from ..jobs import Job
from ..state import EmulatorState
from ..store.materializations import MATERIALIZATION_STATUS

__all__ = ["JOB_STATUS", "job_row", "job_rows"]

#: the status a job shows, as Sigma's UI words a materialization's
JOB_STATUS = MATERIALIZATION_STATUS


def _when(seconds: float | None) -> str:
    return "" if seconds is None else iso(datetime.fromtimestamp(seconds, UTC))


def job_row(state: EmulatorState, job: Job) -> dict[str, Any]:
    """One export or materialization as the Jobs page shows it."""
    status = JOB_STATUS[job.status]
    expires: float | None = None
    size: int | None = None
    if job.kind == "export" and job.finished_at is not None and job.status == "done":
        expires = job.finished_at + state.config.export_ttl
        if state.clock.time() > expires:
            status = "expired"
        size = state.store.exports.size(job.job_id)
    payload = job.payload
    fmt = payload.get("format", {}).get("type", "") if job.kind == "export" else ""
    target = payload.get("name") or payload.get("sheetId", "")
    if job.kind == "materialization":
        target = state.store.workbooks.element_name(str(payload.get("sheetId"))) or target
    workbook = state.store.files.name(job.workbook_id)
    return {
        "jobId": job.job_id,
        "kind": job.kind,
        "workbookId": job.workbook_id,
        "workbook": workbook or job.workbook_id,
        "target": target,
        "format": fmt,
        "rowLimit": payload.get("rowLimit"),
        "status": status,
        "createdAt": _when(job.created_at),
        "finishedAt": _when(job.finished_at),
        "expiresAt": _when(expires),
        "size": size,
        "error": job.error,
        "downloadable": job.kind == "export" and status == "ready",
    }


def job_rows(state: EmulatorState, kind: str = "") -> list[dict[str, Any]]:
    """Every job, newest first (of one kind, if given)."""
    return [job_row(state, j) for j in reversed(state.store.jobs.all()) if kind in ("", j.kind)]
