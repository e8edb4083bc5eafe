"""The work a long job does in the background (an export making its file), on a few daemon
threads of its own, so that no request and no event loop waits for it.

A :class:`Workers` pool runs each task on one of its ``size`` threads (started with its first
task); more tasks wait their turn in a queue. Every task gets a :class:`Task` handle
whose ``cancelled`` flag it checks between batches: :meth:`Workers.cancel_all` (a re-seed)
raises every flag, drops what has not started and waits for what is running to stop. The
threads are daemons: an emulator that exits does not wait for a file it will never serve
(a half-made file is swept at the next start).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["DEFAULT_WORKERS", "Task", "Workers"]

log = logging.getLogger("sigmakit.emulator")

#: threads a pool runs at most: two exports are made at once, the rest queue
DEFAULT_WORKERS = 2


@dataclass
class Task:
    """One piece of background work: its name (the job id), its body, and its flags."""

    name: str
    run: Callable[[Task], None]
    cancelled: threading.Event = field(default_factory=threading.Event)
    #: set once the task has ended (done, failed, cancelled or dropped unstarted)
    ended: threading.Event = field(default_factory=threading.Event)


class Workers:
    def __init__(self, size: int = DEFAULT_WORKERS, name: str = "sigmakit-job") -> None:
        self.size = size
        self.name = name
        self._queue: queue.SimpleQueue[Task] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._tasks: dict[str, Task] = {}

    def submit(self, name: str, run: Callable[[Task], None]) -> Task:
        """Queue ``run(task)``, to run on the first free thread."""
        task = Task(name, run)
        with self._lock:
            self._tasks[name] = task
            while len(self._threads) < self.size:
                thread = threading.Thread(
                    target=self._loop, name=f"{self.name}-{len(self._threads) + 1}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        self._queue.put(task)
        return task

    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            try:
                if not task.cancelled.is_set():
                    task.run(task)
            except Exception:  # a task reports its own failure; this is a last guard
                log.exception("background task %s failed", task.name)
            finally:
                with self._lock:
                    self._tasks.pop(task.name, None)
                task.ended.set()

    def cancel_all(self, wait: float = 10.0) -> None:
        """Stop every task: the queued ones never start, the running ones stop at their next
        check. Waits up to ``wait`` seconds for them to end."""
        with self._lock:
            tasks = list(self._tasks.values())
        for task in tasks:
            task.cancelled.set()
        for task in tasks:
            task.ended.wait(wait)

    def wait(self, name: str, timeout: float | None = None) -> bool:
        """Wait for the task ``name`` to end (True at once when there is none)."""
        with self._lock:
            task = self._tasks.get(name)
        return True if task is None else task.ended.wait(timeout)

    def join(self, timeout: float | None = None) -> bool:
        """Wait until every task queued or running now has ended."""
        with self._lock:
            tasks = list(self._tasks.values())
        return all(task.ended.wait(timeout) for task in tasks)

    def pending(self) -> int:
        """Tasks queued or running."""
        with self._lock:
            return len(self._tasks)
