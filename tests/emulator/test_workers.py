"""The emulator's worker threads for jobs' own work: bounded, in order, cancellable."""

from __future__ import annotations

import threading

from sigmakit.emulator.workers import Task, Workers


def test_at_most_size_tasks_run_at_once_and_every_one_runs() -> None:
    workers = Workers(size=2, name="test-workers")
    lock = threading.Lock()
    running: list[str] = []
    most = 0
    ran: list[str] = []
    release = threading.Event()

    def work(task: Task) -> None:
        nonlocal most
        with lock:
            running.append(task.name)
            most = max(most, len(running))
        release.wait(5)
        with lock:
            running.remove(task.name)
            ran.append(task.name)

    for n in range(6):
        workers.submit(f"t{n}", work)
    assert workers.pending() == 6
    release.set()
    assert workers.join(timeout=30)
    assert most <= 2 and sorted(ran) == [f"t{n}" for n in range(6)]
    assert workers.pending() == 0


def test_cancel_all_drops_what_waits_and_stops_what_runs() -> None:
    workers = Workers(size=1, name="test-workers")
    started = threading.Event()
    ran: list[str] = []

    def long(task: Task) -> None:
        started.set()
        while not task.cancelled.wait(0.01):  # checks its flag between batches
            pass
        ran.append("long, stopped")

    workers.submit("long", long)
    workers.submit("queued", lambda task: ran.append("queued"))
    assert started.wait(10)
    workers.cancel_all()
    assert ran == ["long, stopped"]
    assert workers.pending() == 0
