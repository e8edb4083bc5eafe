"""Helpers for the workbook workflow and command tests: emulator time, job modes, schedules."""

from __future__ import annotations

from typing import Any

from tests.support.helpers import advance_clock

from sigmakit import Sigma, Workbook
from sigmakit.emulator import EmulatorServer


class EmulatorTime:
    """A clock that moves only when the code under test sleeps; each sleep also moves
    the emulator's clock, and so its jobs, on. Nothing waits for real."""

    def __init__(self, emulator: EmulatorServer | None = None) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._emulator = emulator

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self._emulator is not None:
            advance_clock(self._emulator, seconds)


def job_mode(emulator: EmulatorServer, mode: str) -> None:
    """``clock``, ``immediate`` (done when created) or ``manual`` (never moves on its own)."""
    with emulator.control() as control:
        control.put("/jobs", json={"mode": mode}).raise_for_status()


def jobs_started(emulator: EmulatorServer) -> list[dict[str, Any]]:
    with emulator.control() as control:
        answer = control.get("/jobs")
        answer.raise_for_status()
        jobs: list[dict[str, Any]] = answer.json()["jobs"]
        return jobs


def workbook(sigma: Sigma, name: str) -> Workbook:
    return sigma.workbooks.resolve(name)


def element_id(sigma: Sigma, workbook_id: str, name: str) -> str:
    for page in sigma.workbooks.pages(workbook_id):
        for element in sigma.workbooks.elements(workbook_id, page.page_id):
            if element.name == name:
                return element.element_id
    raise AssertionError(f"no element {name!r}")
