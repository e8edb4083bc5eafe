"""Exports at local speed: a job's time follows the size of its result, so a client that
polls ``GET /v2/query/{id}/download`` with no pause at all (axios takes 204 as success,
and many scripts just ask again) gets its file before spending Sigma's 400 downloads a
minute; the limit itself stays."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.workbook_helpers import export, jobs

from sigmakit.emulator import EmulatorServer

DOWNLOADS_PER_MINUTE = 400


def poll_without_pause(api: httpx.Client, query_id: str) -> tuple[httpx.Response, list[int]]:
    """Ask for the file again and again, no sleep, until something other than 204."""
    statuses: list[int] = []
    while len(statuses) <= DOWNLOADS_PER_MINUTE:
        answer = api.get(f"/v2/query/{query_id}/download")
        statuses.append(answer.status_code)
        if answer.status_code != 204:
            return answer, statuses
    raise AssertionError(f"still 204 after {len(statuses)} polls")


@pytest.mark.parametrize("rows", [40, 40_000])
def test_an_export_polled_with_no_pause_arrives_without_a_429(
    api: httpx.Client, sales: dict[str, Any], rows: int
) -> None:
    query_id = export(
        api,
        sales["id"],
        elementId=sales["Orders"]["elementId"],
        format={"type": "csv"},
        rowLimit=rows,
    )
    answer, statuses = poll_without_pause(api, query_id)
    assert answer.status_code == 200, answer.text
    assert 429 not in statuses
    lines = answer.text.splitlines()
    assert lines[0].startswith("Order Id,Order Date") and len(lines) == rows + 1


def planned(emulator: EmulatorServer, query_id: str) -> float:
    with emulator.control() as control:
        listed = control.get("/jobs").json()["jobs"]
    seconds: float = next(j for j in listed if j["jobId"] == query_id)["plannedSeconds"]
    return seconds


def test_job_time_follows_the_size_and_format(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    orders = sales["Orders"]["elementId"]

    def timed(rows: int, fmt: str = "csv") -> float:
        body = {"elementId": orders, "format": {"type": fmt}, "rowLimit": rows}
        return planned(emulator, export(api, sales["id"], **body))

    small, medium, large = timed(40), timed(4_000), timed(40_000)
    assert small < medium < large
    assert small < 0.05  # ready in a few hundredths of a second
    assert large < 1  # the whole 40,000-row Orders, well under Sigma's "about a second"
    assert timed(40, "pdf") > small  # a rendered file costs more than a CSV
    # a page's export counts every data element on it, Orders among them
    page = sales["Orders"]["pageId"]
    whole_page = planned(emulator, export(api, sales["id"], pageId=page, format={"type": "pdf"}))
    assert whole_page >= timed(40_000, "pdf")


def test_the_other_timings_still_hold(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    body = {"elementId": sales["Orders"]["elementId"], "format": {"type": "csv"}, "rowLimit": 40}
    stage = jobs(emulator, exportTiming="stages")["stageSeconds"]
    assert planned(emulator, export(api, sales["id"], **body)) == pytest.approx(2 * stage)
    jobs(emulator, mode="manual", exportTiming="size")
    assert planned(emulator, export(api, sales["id"], **body)) is None  # waits for a step
    jobs(emulator, mode="immediate")
    assert planned(emulator, export(api, sales["id"], **body)) == 0


def test_bad_timing_settings_are_refused(emulator: EmulatorServer) -> None:
    with emulator.control() as control:
        refused = control.put("/jobs", json={"exportTiming": "fast"})
    assert refused.status_code == 400 and "exportTiming" in refused.json()["message"]
