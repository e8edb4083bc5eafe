"""Materializations through HTTP: schedules, and runs that go pending -> building -> ready
(or failed) as the emulator's clock or its control plane moves them."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.helpers import advance_clock
from tests.support.sigma_http import assert_sigma_error, walk
from tests.support.workbook_helpers import jobs, step_jobs, workbook_named

from sigmakit.emulator import EmulatorServer


def schedule_of(api: httpx.Client, name: str) -> tuple[str, dict[str, Any]]:
    workbook_id = workbook_named(api, name)["workbookId"]
    schedules = walk(api, f"/v2/workbooks/{workbook_id}/materialization-schedules")
    assert len(schedules) == 1
    return workbook_id, schedules[0]


def run(api: httpx.Client, workbook_id: str, sheet_id: str) -> str:
    response = api.post(f"/v2/workbooks/{workbook_id}/materializations", json={"sheetId": sheet_id})
    assert response.status_code == 200, response.text
    materialization_id: str = response.json()["materializationId"]
    return materialization_id


def status(api: httpx.Client, workbook_id: str, materialization_id: str) -> dict[str, Any]:
    response = api.get(f"/v2/workbooks/{workbook_id}/materializations/{materialization_id}")
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_schedules_are_listed(api: httpx.Client) -> None:
    workbook_id, schedule = schedule_of(api, "Sales Overview")
    assert schedule["elementName"] == "Orders"
    assert schedule["schedule"]["cronSpec"] and schedule["schedule"]["timezone"]
    assert schedule["paused"] is False and schedule["configuredAt"]
    legacy = api.get(f"/v2.1/workbooks/{workbook_id}/materialization-schedules").json()
    assert legacy["entries"] == [schedule]


def test_pending_building_ready_with_the_clock(api: httpx.Client, emulator: EmulatorServer) -> None:
    stage = jobs(emulator)["stageSeconds"]
    workbook_id, schedule = schedule_of(api, "Sales Overview")
    job = run(api, workbook_id, schedule["sheetId"])
    seen = [status(api, workbook_id, job)]
    for _ in range(2):
        advance_clock(emulator, stage)
        seen.append(status(api, workbook_id, job))
    assert [s["status"] for s in seen] == ["pending", "building", "ready"]
    assert "startedAt" not in seen[0] and "startedAt" in seen[1] and "readyAt" not in seen[1]
    assert seen[2]["readyAt"] > seen[2]["startedAt"]
    assert "error" not in seen[2]


def test_a_seeded_failure(api: httpx.Client, emulator: EmulatorServer) -> None:
    jobs(emulator, mode="manual")
    workbook_id, schedule = schedule_of(api, "Demand Planning")
    job = run(api, workbook_id, schedule["sheetId"])
    assert status(api, workbook_id, job)["status"] == "pending"
    step_jobs(emulator)
    assert status(api, workbook_id, job)["status"] == "building"
    step_jobs(emulator)
    failed = status(api, workbook_id, job)
    assert failed["status"] == "failed"
    assert "timed out" in failed["error"]
    assert "readyAt" not in failed


def test_immediate_mode_and_errors(api: httpx.Client, emulator: EmulatorServer) -> None:
    jobs(emulator, mode="immediate")
    workbook_id, schedule = schedule_of(api, "Sales Overview")
    assert status(api, workbook_id, run(api, workbook_id, schedule["sheetId"]))["status"] == "ready"
    assert_sigma_error(
        api.post(f"/v2/workbooks/{workbook_id}/materializations", json={"sheetId": "nope"}), 400
    )
    assert_sigma_error(api.get(f"/v2/workbooks/{workbook_id}/materializations/nope"), 404)
    other, _ = schedule_of(api, "Demand Planning")
    job = run(api, workbook_id, schedule["sheetId"])
    assert_sigma_error(api.get(f"/v2/workbooks/{other}/materializations/{job}"), 404)
