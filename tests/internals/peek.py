"""Looking inside the in-process emulator: its retail dataset, its export folder, its job
workers, its materialization schedules. Only the tests in this folder use these."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sigmakit.emulator import EmulatorServer
from sigmakit.emulator.workers import Task


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


def add_schedule(emulator: EmulatorServer, element: str, *, fails: str | None = None) -> None:
    """Give an element a materialization schedule (Sigma's API cannot create one)."""
    store = emulator.state.store
    with store.db.tx() as conn:
        store.materializations.add_schedule(
            conn,
            element,
            cron_spec="0 6 * * *",
            timezone="UTC",
            configured_at="2025-01-01T00:00:00.000Z",
            fails=fails,
        )
