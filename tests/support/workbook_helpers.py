"""Helpers for the emulator's workbook, export and materialization tests."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from tests.support.sigma_http import walk

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.workers import Task


def workbook_named(api: httpx.Client, name: str) -> dict[str, Any]:
    """The first workbook of that name, as ``GET /v2/workbooks`` lists it."""
    listed = walk(api, "/v2/workbooks", limit=100, skipPermissionCheck=True)
    return next(w for w in listed if w["name"] == name)


def elements_by_name(api: httpx.Client, workbook_id: str) -> dict[str, dict[str, Any]]:
    """Every element of the workbook, page after page, keyed by name (first one wins)."""
    found: dict[str, dict[str, Any]] = {}
    for page in walk(api, f"/v2/workbooks/{workbook_id}/pages", limit=50):
        for element in walk(
            api, f"/v2/workbooks/{workbook_id}/pages/{page['pageId']}/elements", limit=50
        ):
            found.setdefault(element["name"], {**element, "pageId": page["pageId"]})
    return found


def jobs(emulator: EmulatorServer, **settings: Any) -> dict[str, Any]:
    """Set how jobs advance (``mode``, ``stageSeconds``, ``exportTiming``, ``exportTtl``)."""
    with emulator.control() as control:
        response = control.put("/jobs", json=settings)
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer


def step_jobs(emulator: EmulatorServer, action: str = "step", **body: Any) -> None:
    with emulator.control() as control:
        control.post(f"/jobs/{action}", json=body).raise_for_status()


def export(api: httpx.Client, workbook_id: str, **body: Any) -> str:
    """Start an export; its queryId."""
    response = api.post(f"/v2/workbooks/{workbook_id}/export", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["jobComplete"] is False
    query_id: str = answer["queryId"]
    return query_id


def export_now(
    api: httpx.Client, emulator: EmulatorServer, workbook_id: str, **body: Any
) -> httpx.Response:
    """Export with jobs finishing at once, and the download's answer."""
    jobs(emulator, mode="immediate")
    query_id = export(api, workbook_id, **body)
    response = api.get(f"/v2/query/{query_id}/download")
    assert response.status_code == 200, response.text
    return response


def dataset(
    emulator: EmulatorServer, sql: str, args: tuple[Any, ...] = ()
) -> list[tuple[Any, ...]]:
    """Rows of a direct query of the emulator's retail dataset."""
    return [tuple(r) for r in emulator.state.store.db.all(sql, args)]


@contextlib.contextmanager
def workers_held(emulator: EmulatorServer) -> Iterator[threading.Event]:
    """Every worker thread of the emulator's jobs kept busy until the event is set (or the
    with-block ends): an export started meanwhile waits with its file not made yet."""
    workers = emulator.state.store.jobs.workers
    release = threading.Event()

    def hold(task: Task) -> None:
        while not (release.wait(0.01) or task.cancelled.is_set()):
            pass

    for n in range(workers.size):
        workers.submit(f"held-{n}", hold)
    try:
        yield release
    finally:
        release.set()


@contextlib.contextmanager
def unwritable_export_folder(emulator: EmulatorServer) -> Iterator[Path]:
    """The emulator's export folder replaced by a plain file (as a full or broken disk,
    even for root): no export file can be written until the with-block ends."""
    folder = emulator.state.store.exports.folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_bytes(b"")
    try:
        yield folder
    finally:
        folder.unlink()
        folder.mkdir(mode=0o700)
