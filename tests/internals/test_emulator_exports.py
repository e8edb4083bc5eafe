"""Exports checked against the emulator's own dataset, export folder, workers and clock (tests/emulator/test_exports.py has the rest)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from tests.internals.peek import dataset, unwritable_export_folder, workers_held
from tests.support.helpers import advance_clock, login
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


def test_list_parameters(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    got = exported_ids(api, emulator, sales, Region="West,Midwest", Category="Cycling")
    want = expected_ids(emulator, "region IN ('West', 'Midwest') AND category = 'Cycling'")
    assert got == want
    assert 100 < len(got) < 40_000


def test_null_in_a_list(api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]) -> None:
    got = exported_ids(api, emulator, sales, Segment=":null", Region="Southwest")
    assert got == expected_ids(emulator, "segment IS NULL AND region = 'Southwest'")
    assert got
    both = exported_ids(api, emulator, sales, Segment="Corporate,:null", Category="Climbing")
    assert both == expected_ids(
        emulator, "(segment = 'Corporate' OR segment IS NULL) AND category = 'Climbing'"
    )


def test_date_ranges_with_an_open_end(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    since = exported_ids(api, emulator, sales, DateFilter="min:2025-12-20,max:")
    assert since == expected_ids(emulator, "order_date >= '2025-12-20'")
    until = exported_ids(api, emulator, sales, DateFilter="min:,max:2022-01-05")
    assert until == expected_ids(emulator, "order_date < '2022-01-06'")
    assert since and until
    window = exported_ids(
        api, emulator, sales, DateFilter="min:2024-04-16T08:30,max:2024-04-17T17:00:00"
    )
    assert window == expected_ids(
        emulator, "order_date >= '2024-04-16T08:30:00' AND order_date <= '2024-04-17T17:00:00'"
    )
    one_day = exported_ids(api, emulator, sales, DateFilter="2024-04-16")
    assert one_day == expected_ids(emulator, "substr(order_date, 1, 10) = '2024-04-16'")


def test_number_range(api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]) -> None:
    got = exported_ids(api, emulator, sales, Revenue="min:1000,max:1500.5")
    assert got == expected_ids(emulator, "revenue >= 1000 AND revenue <= 1500.5")
    at_least = exported_ids(api, emulator, sales, Revenue="min:5000", Region="Northeast")
    assert at_least == expected_ids(emulator, "revenue >= 5000 AND region = 'Northeast'")
    assert got and at_least


def test_relative_dates(api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]) -> None:
    today = emulator.state.clock.now().date()
    days = (today - date(2025, 12, 25)).days
    recent = exported_ids(api, emulator, sales, DateFilter=f"prior-day-{days}")
    assert recent == expected_ids(
        emulator, "order_date >= '2025-12-25' AND order_date < ?", today.isoformat()
    )
    assert recent
    years = today.year - 2024
    by_year = exported_ids(api, emulator, sales, DateFilter=f"prior-year-{years}", Region="West")
    assert by_year == expected_ids(
        emulator,
        "order_date >= '2024-01-01' AND region = 'West' AND order_date < ?",
        str(today.year),
    )
    assert exported_ids(api, emulator, sales, DateFilter="next-week-2") == []


def test_aggregates_are_filtered_before_grouping(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    response = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Revenue by Region and Category"]["elementId"],
        format={"type": "jsonl"},
        parameters={"Category": "Footwear,Camping", "DateFilter": "min:2025-01-01,max:2025-06-30"},
    )
    rows = [json.loads(line) for line in response.text.splitlines()]
    want = dataset(
        emulator,
        "SELECT region, category, SUM(quantity), ROUND(SUM(revenue), 2) FROM ds_order_lines "
        "WHERE category IN ('Footwear', 'Camping') AND order_date >= '2025-01-01' "
        "AND order_date < '2025-07-01' GROUP BY region, category ORDER BY region, category",
    )
    assert [(r["Region"], r["Category"], r["Units"], r["Revenue"]) for r in rows] == want
    assert len(rows) == 10


def test_row_limit_and_offset(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    response = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Orders"]["elementId"],
        format={"type": "csv"},
        parameters={"Region": "West"},
        rowLimit=25,
        offset=50,
    )
    lines = response.text.splitlines()
    assert lines[0].startswith("Order Id,Order Date,Region")
    want = dataset(emulator, ORDER_IDS.format("region = 'West'") + " LIMIT 25 OFFSET 50")
    assert [int(line.split(",")[0]) for line in lines[1:]] == [r[0] for r in want]
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="Orders.csv"' in response.headers["content-disposition"]


@pytest.fixture
def short_ttl(emulator: EmulatorServer) -> Iterator[int]:
    assert jobs(emulator)["exportTtl"] == 3600  # Sigma's hour, by default
    jobs(emulator, exportTtl=120)
    try:
        yield 120
    finally:
        jobs(emulator, exportTtl=3600)


def test_export_files_go_when_they_expire_and_on_a_reset(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any], short_ttl: int
) -> None:
    jobs(emulator, mode="immediate")
    element = sales["Orders"]["elementId"]
    folder = emulator.state.store.exports.folder
    first = export(api, sales["id"], elementId=element, format={"type": "csv"}, rowLimit=10)
    assert api.get(f"/v2/query/{first}/download").status_code == 200
    assert [p.stem for p in folder.iterdir()] == [first]
    advance_clock(emulator, short_ttl + 1)
    assert_sigma_error(api.get(f"/v2/query/{first}/download"), 404)
    assert list(folder.iterdir()) == []
    second = export(api, sales["id"], elementId=element, format={"type": "jsonl"}, rowLimit=10)
    assert len(api.get(f"/v2/query/{second}/download").text.splitlines()) == 10
    assert [p.stem for p in folder.iterdir()] == [second]
    emulator.state.reseed()
    assert list(emulator.state.store.exports.folder.iterdir()) == []


def test_a_csv_of_the_warehouse_is_made_to_disk_once_then_served_from_it(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    """Every order, written to a file in the emulator's folder (its length known to the
    client), the same file on each download, and exactly the rows and cells SQL gives."""
    jobs(emulator, mode="immediate")
    query_id = export(
        api, sales["id"], elementId=sales["Orders"]["elementId"], format={"type": "csv"}
    )
    folder = emulator.state.store.exports.folder
    bodies, made = [], []
    for _ in range(2):
        with api.stream("GET", f"/v2/query/{query_id}/download") as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/csv")
            body = response.read()
            assert int(response.headers["content-length"]) == len(body)
            bodies.append(body)
        [file] = folder.iterdir()
        assert file.read_bytes() == body
        made.append(file.stat().st_mtime_ns)
    assert bodies[0] == bodies[1]
    assert made[0] == made[1]  # served again, not made again
    lines = bodies[0].decode().split("\r\n")
    assert lines[0].startswith("Order Id,Order Date,")
    assert lines[-1] == ""  # every line ends with CRLF
    want = dataset(
        emulator,
        "SELECT order_id, order_date, revenue FROM ds_order_lines ORDER BY order_date, order_id",
    )
    assert len(lines) - 2 == len(want) == 40_000
    for line, (order_id, _, revenue) in zip(lines[1:], want, strict=False):
        cells = line.split(",")
        assert int(cells[0]) == order_id and float(cells[-1]) == revenue


def _status(emulator: EmulatorServer, query_id: str) -> str:
    with emulator.control() as control:
        listed = control.get("/jobs").json()["jobs"]
    status: str = next(j["status"] for j in listed if j["jobId"] == query_id)
    return status


def test_the_download_is_204_while_the_file_is_made_then_the_whole_file(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    """The job makes the file: past its schedule, it still runs (and its download is a 204)
    until the file is whole; then every order is there, served from the file."""
    folder = emulator.state.store.exports.folder
    with workers_held(emulator) as release:
        query_id = export(
            api, sales["id"], elementId=sales["Orders"]["elementId"], format={"type": "csv"}
        )
        # far past the schedule a 40,000-row CSV has (the clock moved without the control
        # plane, which would wait for the file)
        emulator.state.clock.advance(600)
        waiting = api.get(f"/v2/query/{query_id}/download")
        assert (waiting.status_code, waiting.content) == (204, b"")
        assert _status(emulator, query_id) == "running"
        assert list(folder.iterdir()) == []  # nothing half-made is in sight
        release.set()
        assert emulator.state.store.jobs.workers.join(timeout=60)
    assert _status(emulator, query_id) == "done"
    ready = api.get(f"/v2/query/{query_id}/download")
    assert ready.status_code == 200
    assert int(ready.headers["content-length"]) == len(ready.content)
    lines = ready.content.decode().split("\r\n")
    assert lines[0].startswith("Order Id,Order Date,") and lines[-1] == ""
    want = dataset(emulator, "SELECT order_id FROM ds_order_lines ORDER BY order_date, order_id")
    assert [int(line.split(",")[0]) for line in lines[1:-1]] == [r[0] for r in want]
    assert [p.name for p in folder.iterdir()] == [f"{query_id}.file"]


def test_expired_files_go_without_another_download(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any], short_ttl: int
) -> None:
    jobs(emulator, mode="immediate")
    element = sales["Orders"]["elementId"]
    folder = emulator.state.store.exports.folder
    old = export(api, sales["id"], elementId=element, format={"type": "csv"}, rowLimit=10)
    assert [p.stem for p in folder.iterdir()] == [old]  # made by the job, not downloaded
    advance_clock(emulator, short_ttl + 1)
    new = export(api, sales["id"], elementId=element, format={"type": "csv"}, rowLimit=10)
    assert [p.stem for p in folder.iterdir()] == [new]
    assert emulator.state.store.exports.size(old) is None


def test_a_reseed_stops_the_files_being_made(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    folder = emulator.state.store.exports.folder
    element = sales["Orders"]["elementId"]
    workers = emulator.state.store.jobs.workers
    with workers_held(emulator):
        waiting = export(api, sales["id"], elementId=element, format={"type": "jsonl"})
        emulator.state.reseed()
    assert workers.join(timeout=60)  # the held threads are free: a file not stopped is made
    assert list(folder.iterdir()) == []
    login(api)  # the same organization again (same ids), new credentials
    started = export(api, sales["id"], elementId=element, format={"type": "csv"})
    emulator.state.reseed()  # while its file may be being written
    login(api)
    assert workers.join(timeout=60)
    assert list(folder.iterdir()) == []
    for query_id in (waiting, started):
        assert_sigma_error(api.get(f"/v2/query/{query_id}/download"), 404)


def test_a_file_that_cannot_be_written_fails_the_export(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    """Not a 5xx and not a 204 for ever: the job fails, and its download says why."""
    jobs(emulator, mode="immediate")
    element = sales["Orders"]["elementId"]
    with unwritable_export_folder(emulator):
        query_id = export(api, sales["id"], elementId=element, format={"type": "csv"})
        assert _status(emulator, query_id) == "failed"
        failed = assert_sigma_error(api.get(f"/v2/query/{query_id}/download"), 400)
        assert "could not be written" in failed["message"]
        # a file kept whole in the database is still made
        pdf = export(api, sales["id"], elementId=element, format={"type": "pdf"})
        assert api.get(f"/v2/query/{pdf}/download").content.startswith(b"%PDF")
    again = export(api, sales["id"], elementId=element, format={"type": "csv"}, rowLimit=5)
    assert len(api.get(f"/v2/query/{again}/download").text.splitlines()) == 6
