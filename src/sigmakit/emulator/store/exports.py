"""Exports: ``POST /v2/workbooks/{id}/export`` starts a job; ``GET /v2/query/{id}/download``
answers 204 until it is done, then the file, until it expires.

As Sigma does, the job makes the file while it runs: a worker thread (:mod:`..workers`)
writes it (a CSV, JSON or JSONL of a warehouse table to disk, a batch of rows at a time;
anything else whole into the database), and the job cannot end before the file is whole.
A download then only serves it. A file that cannot be written fails the job, and its
download says why. Files go when their export expires and on a re-seed (which also stops
the files still being made)."""

from __future__ import annotations

import logging
import math
import os
import re
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from ..jobs import Jobs
from ..render import CONTENT_TYPES, STREAMED, Section, render, write_rows
from ..workers import Task
from .catalog import CONTROLS, DATA_TYPES, ELEMENT_KINDS
from .parameters import predicate
from .workbooks import WorkbookStore

__all__ = ["FORMATS", "MAX_ROWS", "SCHEMA", "Download", "ExportStore", "export_seconds"]

log = logging.getLogger("sigmakit.emulator")

SCHEMA = """
CREATE TABLE IF NOT EXISTS export_files (
    query_id TEXT PRIMARY KEY,
    content BLOB NOT NULL,
    content_type TEXT NOT NULL,
    filename TEXT NOT NULL
);
-- the size of a file made to disk (see ExportStore.folder), once it was made whole
CREATE TABLE IF NOT EXISTS export_sizes (
    query_id TEXT PRIMARY KEY,
    size INTEGER NOT NULL
);
"""

#: the formats each export target takes
FORMATS = {
    "element": ("csv", "json", "jsonl", "xlsx", "pdf", "png"),
    "page": ("pdf", "png", "xlsx"),
    "workbook": ("pdf", "xlsx"),
}
MAX_ROWS = 1_000_000
MAX_PIXELS = 8000

#: How fast the emulator "produces" each format, in cells (rows x columns) per second, and
#: what each file costs before its first cell: a stand-in for a warehouse query and a
#: render that take longer the bigger the result. See :func:`export_seconds`.
CELLS_PER_SECOND = {
    "csv": 4_000_000,
    "json": 4_000_000,
    "jsonl": 4_000_000,
    "xlsx": 2_000_000,
    "pdf": 1_000_000,
    "png": 1_000_000,
}
SETUP_SECONDS = {"csv": 0.01, "json": 0.01, "jsonl": 0.01, "xlsx": 0.02, "pdf": 0.05, "png": 0.05}


def export_seconds(fmt: str, cells: int) -> float:
    """How long an export runs, once out of the queue: the format's setup plus its cells at
    the format's pace. 40 rows of 11 columns as CSV: 0.01 s; 40,000 rows: 0.12 s; a million
    rows: 2.8 s (and as PDF: 0.05 s, 0.49 s)."""
    return SETUP_SECONDS[fmt] + cells / CELLS_PER_SECOND[fmt]


@dataclass(frozen=True)
class Download:
    """An export's file: whole in memory (``content``), or on disk (``path``: a CSV, JSON or
    JSONL of one element, written from the warehouse a batch of rows at a time)."""

    content: bytes
    content_type: str
    filename: str
    path: Path | None = None


#: the folder of each in-memory database's export files, removed with the database
_TEMP_FOLDERS: weakref.WeakKeyDictionary[Database, Path] = weakref.WeakKeyDictionary()


class _Cancelled(Exception):
    """The export's file is no longer wanted (a re-seed): stop making it."""


def _folder(db: Database) -> Path:
    """Where ``db``'s export files are kept: beside a database file (``org.sqlite.exports``),
    or in a temporary folder for an in-memory one (removed once the database is gone, or
    when the process exits)."""
    if db.path != ":memory:" and not db.path.startswith("file:"):
        return Path(f"{db.path}.exports")
    if db not in _TEMP_FOLDERS:
        folder = Path(tempfile.mkdtemp(prefix="sigmakit-exports-"))
        weakref.finalize(db, shutil.rmtree, folder, ignore_errors=True)
        _TEMP_FOLDERS[db] = folder
    return _TEMP_FOLDERS[db]


def _whole(body: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not (math.isfinite(value) and value.is_integer()))
    ):
        raise BadRequest(f"{key} must be a whole number")
    if not low <= value <= high:
        raise BadRequest(f"{key} must be from {low} to {high}")
    return int(value)


def _filename(name: str, ext: str) -> str:
    return f"{re.sub(r'[^A-Za-z0-9 ._-]+', '_', name).strip() or 'export'}.{ext}"


class ExportStore:
    def __init__(
        self, db: Database, ids: IdFactory, clock: Clock, jobs: Jobs, workbooks: WorkbookStore
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.jobs = jobs
        self.workbooks = workbooks
        self.folder = _folder(db)
        self._sweep()

    def _sweep(self) -> None:
        """Remove the files of exports that are no longer there (a reset or re-seed wipes
        the jobs, then builds the stores afresh), and any left half-made; fail the exports
        whose file was being made when the emulator stopped (their work is lost)."""
        for job_id in self.jobs.ids("export", working=True):
            self.jobs.work_done(
                job_id, "the emulator stopped before its file was made; export it again"
            )
        if not self.folder.is_dir():
            return
        known = set(self.jobs.ids("export"))
        for path in self.folder.iterdir():
            if path.name.startswith(".") or path.stem not in known:
                path.unlink(missing_ok=True)

    def _path(self, query_id: str) -> Path:
        return self.folder / f"{query_id}.file"

    def _format(self, body: dict[str, Any], target: str) -> dict[str, Any]:
        fmt = body.get("format")
        if isinstance(fmt, str):  # a bare string is not Sigma's shape, but say what is
            raise BadRequest('format must be an object such as {"type": "csv"}')
        if not isinstance(fmt, dict) or fmt.get("type") not in FORMATS[target]:
            raise BadRequest(
                f"format.type for a {target} export must be one of {', '.join(FORMATS[target])}",
            )
        out: dict[str, Any] = {"type": fmt["type"]}
        if fmt["type"] == "pdf":
            layout = fmt.get("layout", "portrait")
            if layout not in ("portrait", "landscape"):
                raise BadRequest("format.layout must be portrait or landscape")
            out["layout"] = layout
        if fmt["type"] == "png":
            for key in ("pixelWidth", "pixelHeight"):
                size = _whole(fmt, key, 100, MAX_PIXELS)
                if size is not None:
                    out[key] = size
        return out

    def export(
        self, workbook_id: str, body: dict[str, Any], caller: str, ttl: float | None = None
    ) -> dict[str, Any]:
        """Start an export job; its file is made in the background (at once, before this
        answers, when jobs end as soon as they are created). ``ttl``: also remove the
        files of exports expired by then."""
        if ttl is not None:
            self.expire(ttl)
        payload = self.plan(workbook_id, body, caller)
        seconds = export_seconds(payload["format"]["type"], self._cells(workbook_id, payload))
        query_id = self.ids.uuid()
        with self.db.tx() as conn:
            self.jobs.create(
                conn,
                job_id=query_id,
                kind="export",
                workbook_id=workbook_id,
                payload=payload,
                run_seconds=seconds,
                working=True,
            )
        self.jobs.start_work(
            query_id, lambda task: self._work(task, query_id, workbook_id, payload)
        )
        return {"queryId": query_id, "jobComplete": False}

    def plan(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """What an export of ``body`` makes (checked; a 400 / 404 says what is wrong), without
        starting it: :meth:`export` starts it, a send checks all its attachments first."""
        workbook = self.workbooks.row(workbook_id, caller)
        if body.get("elementId") is not None and body.get("pageId") is not None:
            raise BadRequest("Export an element or a page, not both")
        payload: dict[str, Any] = {"target": "workbook", "name": workbook["name"]}
        if body.get("elementId") is not None:
            element = self.workbooks.element_row(workbook_id, str(body["elementId"]))
            if element["type"] not in DATA_TYPES:
                raise BadRequest(f"A {element['type']} element cannot be exported")
            payload.update(target="element", elementId=element["element_id"], name=element["name"])
        elif body.get("pageId") is not None:
            page = self.workbooks.page_row(workbook_id, str(body["pageId"]))
            payload.update(target="page", pageId=page["page_id"], name=page["name"])
        payload["format"] = self._format(body, payload["target"])
        payload["filters"] = self._filters(workbook_id, body.get("parameters"))
        payload["rowLimit"] = _whole(body, "rowLimit", 1, MAX_ROWS)
        payload["offset"] = _whole(body, "offset", 0, 10**12) or 0
        _whole(body, "timeout", 0, 10**9)
        return payload

    def _filters(self, workbook_id: str, parameters: Any) -> list[tuple[str, list[Any]]]:
        """Each parameter as a SQL predicate, resolved now (relative dates use this moment)."""
        if parameters is None:
            return []
        if not isinstance(parameters, dict):
            raise BadRequest("parameters must map control ids to strings")
        known = self.workbooks.control_ids(workbook_id)
        filters = []
        for control_id, value in parameters.items():
            if control_id not in known:
                raise BadRequest(f"Unknown control id: {control_id}")
            if not isinstance(value, str):
                raise BadRequest(f"The value for control {control_id} must be a string")
            found = predicate(CONTROLS[control_id], value, self.clock.now())
            if found is not None:
                filters.append(found)
        return filters

    def download(self, query_id: str, ttl: float) -> Download | None:
        """The file, or None while the job runs (its file still being made); once the job
        has failed, the reason (400); once expired, Sigma's error (404)."""
        job = self.jobs.get(query_id, kind="export")
        if job is None:
            raise NotFound.of("Query", query_id)
        if not job.finished:
            return None
        if job.status == "failed":
            raise BadRequest(f"The export failed: {job.error}")
        assert job.finished_at is not None
        if self.clock.time() > job.finished_at + ttl:
            self._forget(query_id)
            raise NotFound(f"The export {query_id} has expired; export it again")
        path = self._path(query_id)
        if path.exists():  # made to disk
            fmt = job.payload["format"]["type"]
            return Download(b"", CONTENT_TYPES[fmt], _filename(job.payload["name"], fmt), path)
        row = self.db.one("SELECT * FROM export_files WHERE query_id = ?", (query_id,))
        if row is not None:  # kept whole
            return Download(bytes(row["content"]), row["content_type"], row["filename"])
        # done, yet no file: made by an emulator from before files were made by the job
        raise NotFound(f"The file of export {query_id} is gone; export it again")

    def _forget(self, query_id: str) -> None:
        """Remove an export's file, wherever it is kept."""
        with self.db.tx() as conn:
            conn.execute("DELETE FROM export_files WHERE query_id = ?", (query_id,))
            conn.execute("DELETE FROM export_sizes WHERE query_id = ?", (query_id,))
        self._path(query_id).unlink(missing_ok=True)

    def expire(self, ttl: float) -> int:
        """Remove the files of every export that has expired (made more than ``ttl``
        seconds ago), downloaded again or not; how many."""
        kept = {
            r[0]
            for r in self.db.all(
                "SELECT query_id FROM export_sizes UNION SELECT query_id FROM export_files"
            )
        }
        done = self.jobs.ids("export", working=False, finished_before=self.clock.time() - ttl)
        gone = [job_id for job_id in done if job_id in kept]
        for job_id in gone:
            self._forget(job_id)
        return len(gone)

    def _elements(self, workbook_id: str, payload: dict[str, Any]) -> list[sqlite3.Row]:
        """The elements an export holds: the one asked for, or the data elements of the
        page or workbook."""
        if payload["target"] == "element":
            return [self.workbooks.element_row(workbook_id, payload["elementId"])]
        return [
            e
            for e in self.workbooks.element_rows(workbook_id, payload.get("pageId"))
            if e["type"] in DATA_TYPES
        ]

    def _cells(self, workbook_id: str, payload: dict[str, Any]) -> int:
        """The size of the export's result: rows times columns over its elements."""
        filters = [(sql, list(args)) for sql, args in payload["filters"]]
        return sum(
            self.workbooks.count(
                e, filters, row_limit=payload["rowLimit"], offset=payload["offset"]
            )
            * len(ELEMENT_KINDS[e["kind"]].columns)
            for e in self._elements(workbook_id, payload)
        )

    def size(self, query_id: str) -> int | None:
        """The size of the export's file once made."""
        kept = self.db.scalar(
            "SELECT length(content) FROM export_files WHERE query_id = ?", (query_id,)
        )
        if kept is not None:
            return int(kept)
        sent = self.db.scalar("SELECT size FROM export_sizes WHERE query_id = ?", (query_id,))
        return None if sent is None else int(sent)

    def _on_disk(self, workbook_id: str, payload: dict[str, Any]) -> bool:
        """Whether the export's file is made to disk, a batch of rows at a time (a million
        rows never sit in memory): a CSV, JSON or JSONL of one warehouse element. The
        others (other formats, pages, workbooks, input tables) are kept whole in the
        database."""
        if payload["format"]["type"] not in STREAMED or payload["target"] != "element":
            return False
        element = self._elements(workbook_id, payload)[0]
        return ELEMENT_KINDS[element["kind"]].type != "input-table"

    def _work(
        self, task: Task, query_id: str, workbook_id: str, payload: dict[str, Any]
    ) -> str | None:
        """The export job's own work, on a worker thread: make the file. None when it is
        made, or why it could not be (the job then fails). A cancelled task (a re-seed)
        leaves nothing behind."""
        try:
            if self._on_disk(workbook_id, payload):
                self._write(task, query_id, workbook_id, payload)
                return None
            file = self._produce(workbook_id, payload)
            if not task.cancelled.is_set():
                with self.db.tx() as conn:
                    conn.execute(
                        "INSERT OR REPLACE INTO export_files VALUES (?, ?, ?, ?)",
                        (query_id, file.content, file.content_type, file.filename),
                    )
            return None
        except _Cancelled:
            return None
        except OSError as exc:
            log.warning("export %s: could not write its file: %s", query_id, exc)
            return f"its file could not be written ({exc.strerror or exc})"
        except sqlite3.ProgrammingError:
            if task.cancelled.is_set():  # the emulator closed its database meanwhile
                return None
            raise

    def _write(self, task: Task, query_id: str, workbook_id: str, payload: dict[str, Any]) -> None:
        """Write the file under a passing name, then give it its own: a download never sees
        half a file, and a failed or cancelled write leaves nothing behind."""
        fmt = payload["format"]["type"]
        element = self._elements(workbook_id, payload)[0]
        filters = [(sql, list(args)) for sql, args in payload["filters"]]
        kind, batches = self.workbooks.data_batches(
            element, filters, row_limit=payload["rowLimit"], offset=payload["offset"]
        )

        def watched() -> Iterator[list[tuple[Any, ...]]]:
            for rows in batches:
                if task.cancelled.is_set():
                    raise _Cancelled
                yield rows

        self.folder.mkdir(mode=0o700, exist_ok=True)
        fd, passing = tempfile.mkstemp(prefix=f".{query_id}.", dir=self.folder)
        try:
            try:
                with os.fdopen(fd, "wb", buffering=1 << 20) as out:
                    write_rows(fmt, [c.label for c in kind.columns], watched(), out)
                    size = out.tell()
            finally:
                close = getattr(batches, "close", None)
                if close is not None:
                    close()  # the read ends (and its cursor closes) even when the write failed
            if task.cancelled.is_set():
                raise _Cancelled
            os.replace(passing, self._path(query_id))
        except BaseException:
            Path(passing).unlink(missing_ok=True)
            raise
        with self.db.tx() as conn:
            conn.execute("INSERT OR REPLACE INTO export_sizes VALUES (?, ?)", (query_id, size))

    def _produce(self, workbook_id: str, payload: dict[str, Any]) -> Download:
        fmt = payload["format"]
        filters = [(sql, list(args)) for sql, args in payload["filters"]]
        elements = self._elements(workbook_id, payload)
        sections = [
            self._section(e, filters, payload["rowLimit"], payload["offset"]) for e in elements
        ]
        if not sections:  # a page of controls and text: an empty sheet, a blank chart
            sections = [Section(payload["name"], "text", None, [], [], [])]
        content = render(
            fmt["type"],
            sections,
            title=payload["name"],
            layout=fmt.get("layout", "portrait"),
            size=(fmt.get("pixelWidth"), fmt.get("pixelHeight")),
        )
        return Download(
            content, CONTENT_TYPES[fmt["type"]], _filename(payload["name"], fmt["type"])
        )

    def _section(
        self,
        element: sqlite3.Row,
        filters: list[tuple[str, list[Any]]],
        row_limit: int | None,
        offset: int,
    ) -> Section:
        kind, rows = self.workbooks.data(element, filters, row_limit=row_limit, offset=offset)
        return Section(
            element["name"],
            kind.type,
            kind.viz,
            [c.label for c in kind.columns],
            [c.numeric for c in kind.columns],
            rows,
        )
