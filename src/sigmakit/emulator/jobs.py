"""Long jobs (exports, materializations): each goes pending -> running -> done (or failed).

How a new job advances is the emulator's job mode, set through the control plane:

- ``clock`` (default): jobs move on with the emulator's clock (real time, plus what the
  control plane adds). A materialization's two stages take ``stageSeconds`` each. An export
  is timed by the size of its result (``exportTiming: "size"``, the default): it waits
  ``EXPORT_QUEUE_SECONDS`` in the queue, then runs for the seconds its size gives (see
  ``store.exports.export_seconds``), so a small export is ready in a few hundredths of a
  second, as fast as a local client polls; with ``exportTiming: "stages"`` it takes two
  ``stageSeconds`` stages like a materialization;
- ``immediate``: a job is done as soon as it is created;
- ``manual``: a job stays pending until stepped (``POST /__emulator/jobs/step``).

Whatever the mode, ``step`` and ``finish`` move unfinished jobs on at once. Jobs and the
settings live in the database, so a re-seed starts from the defaults again.

A job may also have work of its own to do (an export makes its file), given to
:meth:`Jobs.start_work` and done on the database's worker threads (:mod:`.workers`): such a
job cannot end before its work has, whatever its schedule says; it stays ``running`` until
then, and ends at the later of the two. Work that fails ends the job ``failed``, with the
work's error. In ``immediate`` mode the work is done before the job's creation answers, and
``step``/``finish`` wait for the work of the jobs they finish, as moving the clock
(``POST /__emulator/clock``) waits for the work of the jobs whose schedule it passes: a
test that drives jobs or time by hand sees the file the moment the job is due. A re-seed (jobs built afresh) cancels all
work under way.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .clock import Clock
from .db import Database
from .errors import BadRequest, NotFound
from .workers import Task, Workers

__all__ = [
    "DEFAULT_STAGE_SECONDS",
    "EXPORT_QUEUE_SECONDS",
    "EXPORT_TIMINGS",
    "MODES",
    "SCHEMA",
    "Job",
    "Jobs",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT UNIQUE NOT NULL,
    kind TEXT NOT NULL,
    workbook_id TEXT NOT NULL,
    -- emulator clock, in seconds; started_at/finished_at NULL: not scheduled yet
    created_at REAL NOT NULL,
    started_at REAL,
    finished_at REAL,
    -- set: the job ends failed with this message
    error TEXT,
    payload TEXT NOT NULL DEFAULT '{}',
    -- 1: the job's own work (an export's file) is under way; it cannot end before that
    working INTEGER NOT NULL DEFAULT 0,
    -- when that work ended (the job ends at the later of this and finished_at)
    work_ended_at REAL
);
CREATE TABLE IF NOT EXISTS job_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    mode TEXT NOT NULL,
    stage_seconds REAL NOT NULL,
    export_timing TEXT NOT NULL DEFAULT 'size'
);
"""

MODES = ("clock", "immediate", "manual")
DEFAULT_STAGE_SECONDS = 3.0
#: how clock-mode exports are timed: by the size of their result, or in stageSeconds stages
EXPORT_TIMINGS = ("size", "stages")
#: seconds a sized export waits before it runs
EXPORT_QUEUE_SECONDS = 0.02
#: seconds moving the clock waits, at most, for the work of the jobs it makes due
SETTLE_SECONDS = 10.0
log = logging.getLogger("sigmakit.emulator")
Status = Literal["pending", "running", "done", "failed"]
#: a job's own work: returns None when done, or why it failed
Work = Callable[[Task], "str | None"]

#: each database's worker threads (one pool however often the stores are built afresh)
_WORKERS: weakref.WeakKeyDictionary[Database, Workers] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Job:
    job_id: str
    kind: str
    workbook_id: str
    status: Status
    created_at: float
    #: when it left ``pending`` / finished, once that has happened
    started_at: float | None
    finished_at: float | None
    error: str | None
    payload: dict[str, Any]
    #: seconds from creation to the end, as scheduled (None: waits for a step)
    planned_seconds: float | None = None
    #: its own work (an export's file) is under way
    working: bool = False

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def to_dict(self) -> dict[str, Any]:
        return {
            "jobId": self.job_id,
            "kind": self.kind,
            "workbookId": self.workbook_id,
            "status": self.status,
            "plannedSeconds": self.planned_seconds,
        }


class Jobs:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        if db not in _WORKERS:
            _WORKERS[db] = Workers(name="sigmakit-job")
        self.workers = _WORKERS[db]
        self.workers.cancel_all()  # built afresh (a re-seed): the old jobs' work is not wanted
        columns = {r["name"] for r in db.all("PRAGMA table_info(job_settings)")}
        if "export_timing" not in columns:  # a database file from before sized exports
            with db.tx() as conn:
                conn.execute(
                    "ALTER TABLE job_settings ADD COLUMN export_timing TEXT NOT NULL DEFAULT 'size'"
                )
        if "working" not in {r["name"] for r in db.all("PRAGMA table_info(jobs)")}:
            with db.tx() as conn:  # a database file from before jobs had work of their own
                conn.execute("ALTER TABLE jobs ADD COLUMN working INTEGER NOT NULL DEFAULT 0")
                conn.execute("ALTER TABLE jobs ADD COLUMN work_ended_at REAL")

    def settings(self) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM job_settings WHERE id = 1")
        if row is None:
            return {
                "mode": "clock",
                "stageSeconds": DEFAULT_STAGE_SECONDS,
                "exportTiming": EXPORT_TIMINGS[0],
            }
        return {
            "mode": row["mode"],
            "stageSeconds": row["stage_seconds"],
            "exportTiming": row["export_timing"],
        }

    def configure(
        self,
        mode: str | None = None,
        stage_seconds: float | None = None,
        export_timing: str | None = None,
    ) -> dict[str, Any]:
        current = self.settings()
        mode = current["mode"] if mode is None else mode
        seconds = current["stageSeconds"] if stage_seconds is None else stage_seconds
        timing = current["exportTiming"] if export_timing is None else export_timing
        if mode not in MODES:
            raise BadRequest(f"mode must be one of {', '.join(MODES)}")
        if not 0 < seconds <= 86_400:
            raise BadRequest("stageSeconds must be more than 0 and at most 86400")
        if timing not in EXPORT_TIMINGS:
            raise BadRequest(f"exportTiming must be one of {', '.join(EXPORT_TIMINGS)}")
        with self.db.tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO job_settings (id, mode, stage_seconds, export_timing) "
                "VALUES (1, ?, ?, ?)",
                (mode, float(seconds), timing),
            )
        return self.settings()

    def create(
        self,
        conn: sqlite3.Connection,
        *,
        job_id: str,
        kind: str,
        workbook_id: str,
        payload: dict[str, Any] | None = None,
        error: str | None = None,
        run_seconds: float | None = None,
        working: bool = False,
    ) -> None:
        """Add a job inside the caller's transaction, scheduled by the current mode.

        ``run_seconds``: how long the work itself takes (an export, from its size); in
        clock mode with sized export timing the job then runs that long after a short
        queue, instead of two ``stageSeconds`` stages. ``working``: the job has work of its
        own under way, and does not end before :meth:`work_done`."""
        settings = self.settings()
        sized = settings["exportTiming"] == "size"
        now = self.clock.time()
        started: float | None = None
        finished: float | None = None
        if settings["mode"] == "immediate":
            started = finished = now
        elif settings["mode"] == "clock" and run_seconds is not None and sized:
            started = now + EXPORT_QUEUE_SECONDS
            finished = started + run_seconds
        elif settings["mode"] == "clock":
            started = now + settings["stageSeconds"]
            finished = now + 2 * settings["stageSeconds"]
        conn.execute(
            "INSERT INTO jobs (job_id, kind, workbook_id, created_at, started_at, finished_at, "
            "error, payload, working) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                job_id,
                kind,
                workbook_id,
                now,
                started,
                finished,
                error,
                json.dumps(payload or {}),
                int(working),
            ),
        )

    def start_work(self, job_id: str, work: Work) -> None:
        """Do a ``working`` job's own work on a worker thread; the job ends with it. In
        ``immediate`` mode, wait for it: the job is done when its creation answers."""

        def run(task: Task) -> None:
            try:
                error = work(task)
            except Exception:
                if task.cancelled.is_set():
                    return
                log.exception("job %s: its work failed", job_id)
                error = "it stopped on an unexpected error"
            if not task.cancelled.is_set():
                self.work_done(job_id, error)

        task = self.workers.submit(job_id, run)
        if self.mode() == "immediate":
            task.ended.wait()

    def work_done(self, job_id: str, error: str | None = None) -> None:
        """The job's own work has ended (``error``: it failed, and so does the job). A job
        whose schedule has already ended ends now; one still scheduled ends on time."""
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE jobs SET working = 0, work_ended_at = ?, error = coalesce(?, error) "
                "WHERE job_id = ?",
                (self.clock.time(), error, job_id),
            )

    def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait (up to ``timeout`` seconds in all) for the work of every job whose schedule
        has ended: the clock was moved on, so the work had that time too, and a test that
        moves the clock past a job's end finds it done, however busy the machine. (Capped:
        a backlog of hundreds of exports does not hold the clock's mover for minutes.)"""
        deadline = time.monotonic() + timeout
        now = self.clock.time()
        for job in self.all():
            if job.status != "running" or not job.working or job.planned_seconds is None:
                continue
            if job.created_at + job.planned_seconds <= now:
                self.workers.wait(job.job_id, max(0.0, deadline - time.monotonic()))

    def mode(self) -> str:
        """How new jobs advance: ``clock``, ``immediate`` or ``manual``."""
        mode: str = self.settings()["mode"]
        return mode

    def _job(self, row: sqlite3.Row) -> Job:
        now = self.clock.time()
        started, finished = row["started_at"], row["finished_at"]
        planned = None if finished is None else round(finished - row["created_at"], 6)
        if finished is not None and row["work_ended_at"] is not None:
            finished = max(finished, row["work_ended_at"])
        status: Status
        if started is None or now < started:
            status = "pending"
        elif finished is None or now < finished or row["working"]:
            status = "running"
        else:
            status = "failed" if row["error"] else "done"
        return Job(
            job_id=row["job_id"],
            kind=row["kind"],
            workbook_id=row["workbook_id"],
            status=status,
            created_at=row["created_at"],
            started_at=started if status != "pending" else None,
            finished_at=finished if status in ("done", "failed") else None,
            error=row["error"] if status == "failed" else None,
            payload=json.loads(row["payload"]),
            planned_seconds=planned,
            working=bool(row["working"]),
        )

    def get(self, job_id: str, kind: str | None = None) -> Job | None:
        row = self.db.one("SELECT * FROM jobs WHERE job_id = ?", (job_id,))
        if row is None or (kind is not None and row["kind"] != kind):
            return None
        return self._job(row)

    def all(self) -> list[Job]:
        return [self._job(r) for r in self.db.all("SELECT * FROM jobs ORDER BY seq")]

    def ids(
        self, kind: str, *, working: bool | None = None, finished_before: float | None = None
    ) -> list[str]:
        """The ids of the jobs of one kind: those whose work is (or is not) under way, or
        whose work ended before a time."""
        where: list[str] = ["kind = ?"]
        args: list[object] = [kind]
        if working is not None:
            where.append("working = ?")
            args.append(int(working))
        if finished_before is not None:
            where.append("finished_at < ?")
            args.append(finished_before)
        sql = f"SELECT job_id FROM jobs WHERE {' AND '.join(where)} ORDER BY seq"
        return [r[0] for r in self.db.all(sql, args)]

    def _unfinished(self, job_id: str | None) -> list[Job]:
        if job_id is not None:
            job = self.get(job_id)
            if job is None:
                raise NotFound(f"No job {job_id}")
            return [job] if not job.finished else []
        return [job for job in self.all() if not job.finished]

    def step(self, job_id: str | None = None, steps: int = 1) -> list[Job]:
        """Move unfinished jobs (or one) on by ``steps`` stages, now."""
        for _ in range(steps):
            for job in self._unfinished(job_id):
                if job.status == "running" and job.working:  # this step ends it: its work too
                    self.workers.wait(job.job_id)
            now = self.clock.time()
            with self.db.tx() as conn:
                for job in self._unfinished(job_id):
                    if job.status == "pending":
                        conn.execute(
                            "UPDATE jobs SET started_at = ?, finished_at = CASE WHEN "
                            "finished_at > ? THEN finished_at END WHERE job_id = ?",
                            (now, now, job.job_id),
                        )
                    else:
                        conn.execute(
                            "UPDATE jobs SET finished_at = ? WHERE job_id = ?", (now, job.job_id)
                        )
        return self.all() if job_id is None else [j for j in [self.get(job_id)] if j]

    def finish(self, job_id: str | None = None) -> list[Job]:
        """Finish unfinished jobs (or one) now."""
        return self.step(job_id, steps=2)

    def of(self, kind: str, document_id: str) -> list[Job]:
        """The jobs of one kind for one document (its ``workbook_id``), oldest first."""
        return [
            self._job(r)
            for r in self.db.all(
                "SELECT * FROM jobs WHERE kind = ? AND workbook_id = ? ORDER BY seq",
                (kind, document_id),
            )
        ]

    # used by the console

    def count(self) -> int:
        """How many jobs there are, of every kind, finished or not."""
        return int(self.db.scalar("SELECT count(*) FROM jobs"))
