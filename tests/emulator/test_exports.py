"""Exports through HTTP: parameters select exactly the rows SQL selects; the 204-then-200
download cycle, expiry and unknown ids; Sigma's errors; the documented rate limit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.internals.peek import dataset
from tests.support.helpers import advance_clock
from tests.support.sigma_http import assert_sigma_error
from tests.support.workbook_helpers import export, export_now, jobs

from sigmakit.emulator import EmulatorServer

ORDER_IDS = "SELECT order_id FROM ds_order_lines WHERE {} ORDER BY order_date, order_id"


def exported_ids(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any], **parameters: str
) -> list[int]:
    response = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Orders"]["elementId"],
        format={"type": "json"},
        parameters=parameters,
    )
    return [row["Order Id"] for row in response.json()]


def expected_ids(emulator: EmulatorServer, where: str, *args: Any) -> list[int]:
    return [r[0] for r in dataset(emulator, ORDER_IDS.format(where), args)]


def test_bad_exports_get_sigmas_errors(api: httpx.Client, sales: dict[str, Any]) -> None:
    url = f"/v2/workbooks/{sales['id']}/export"
    orders = sales["Orders"]["elementId"]
    csv = {"type": "csv"}
    bad = api.post(url, json={"elementId": orders, "format": csv, "parameters": {"Nope": "x"}})
    assert "Nope" in assert_sigma_error(bad, 400)["message"]
    assert_sigma_error(api.post(url, json={"elementId": "missing", "format": csv}), 404)
    for parameters in ({"Revenue": "min:lots"}, {"DateFilter": "2024-13-45"}, {"Revenue": "9"}):
        assert_sigma_error(
            api.post(url, json={"elementId": orders, "format": csv, "parameters": parameters}),
            400,
        )
    assert_sigma_error(
        api.post(url, json={"pageId": sales["Orders"]["pageId"], "format": csv}), 400
    )
    assert_sigma_error(api.post(url, json={"format": {"type": "png"}}), 400)
    control = sales["Region"]["elementId"]
    assert_sigma_error(api.post(url, json={"elementId": control, "format": csv}), 400)
    assert_sigma_error(
        api.post("/v2/workbooks/00000000-0000-4000-8000-000000000000/export", json={"format": csv}),
        404,
    )


@pytest.fixture
def short_ttl(emulator: EmulatorServer) -> Iterator[int]:
    assert jobs(emulator)["exportTtl"] == 3600  # Sigma's hour, by default
    jobs(emulator, exportTtl=120)
    try:
        yield 120
    finally:
        jobs(emulator, exportTtl=3600)


def test_download_is_204_until_ready_then_the_file_until_it_expires(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any], short_ttl: int
) -> None:
    # in two stages moved by the clock, rather than timed by size (ready in a few ms)
    stage = jobs(emulator, exportTiming="stages")["stageSeconds"]
    query_id = export(
        api, sales["id"], elementId=sales["Top Products"]["elementId"], format={"type": "csv"}
    )
    url = f"/v2/query/{query_id}/download"
    for _ in range(2):  # pending, then running
        waiting = api.get(url)
        assert waiting.status_code == 204
        assert waiting.content == b""
        advance_clock(emulator, stage)
    ready = api.get(url)
    assert ready.status_code == 200
    assert ready.text.startswith("Product,Category,Units,Revenue")
    assert api.get(url).content == ready.content  # downloadable more than once
    advance_clock(emulator, short_ttl - 5)
    assert api.get(url).status_code == 200
    advance_clock(emulator, 10)
    assert "expired" in assert_sigma_error(api.get(url), 404)["message"]


def test_unknown_query_id(api: httpx.Client) -> None:
    assert_sigma_error(api.get("/v2/query/00000000-0000-4000-8000-000000000000/download"), 404)


def test_manual_jobs_wait_for_a_step(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    jobs(emulator, mode="manual")
    query_id = export(api, sales["id"], format={"type": "xlsx"})
    advance_clock(emulator, 600)
    assert api.get(f"/v2/query/{query_id}/download").status_code == 204
    with emulator.control() as control:
        stepped = control.post("/jobs/step", json={"jobId": query_id}).json()["jobs"]
        assert [j["status"] for j in stepped] == ["running"]
        assert api.get(f"/v2/query/{query_id}/download").status_code == 204
        control.post("/jobs/step", json={"jobId": query_id}).raise_for_status()
    assert api.get(f"/v2/query/{query_id}/download").status_code == 200


def test_export_rate_limit(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    # 10 rows each: 400 files of the whole table (1.6 GB) would be made for nothing
    body = {"elementId": sales["Orders"]["elementId"], "format": {"type": "csv"}, "rowLimit": 10}
    url = f"/v2/workbooks/{sales['id']}/export"
    statuses = [api.post(url, json=body).status_code for _ in range(400)]
    assert statuses == [200] * 400
    limited = api.post(url, json=body)
    assert_sigma_error(limited, 429)
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    advance_clock(emulator, 61)
    assert api.post(url, json=body).status_code == 200


def test_a_streamed_export_honours_row_limit_and_offset(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    element = sales["Orders"]["elementId"]
    whole = export_now(api, emulator, sales["id"], elementId=element, format={"type": "jsonl"})
    rows = [json.loads(line) for line in whole.text.splitlines()]
    part = export_now(
        api,
        emulator,
        sales["id"],
        elementId=element,
        format={"type": "json"},
        rowLimit=12_345,
        offset=20_000,
    )
    assert part.json() == rows[20_000:32_345]


def _status(emulator: EmulatorServer, query_id: str) -> str:
    with emulator.control() as control:
        listed = control.get("/jobs").json()["jobs"]
    status: str = next(j["status"] for j in listed if j["jobId"] == query_id)
    return status


def test_moving_the_clock_past_an_export_waits_for_its_file(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    """Time moved on by the control plane is time the job had to make its file: the next
    download has it, however busy the machine (the whole Orders table takes a few tenths
    of a second of real time to write)."""
    query_id = export(
        api, sales["id"], elementId=sales["Orders"]["elementId"], format={"type": "csv"}
    )
    advance_clock(emulator, 60)
    ready = api.get(f"/v2/query/{query_id}/download")
    assert ready.status_code == 200
    assert ready.content.count(b"\r\n") == 40_001
