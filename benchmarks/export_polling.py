"""Exports polled with no pause, as a script that treats 204 as done-for-now and asks again
at once (axios does): for Orders exports of 40, 4,000 and 40,000 rows (CSV, and 40 rows as
PDF), the seconds until the file came, how many ``GET /v2/query/{id}/download`` calls that
took, and whether any was refused with 429 (Sigma allows 400 downloads a minute).

The emulator runs in its own process; its clock is moved a minute on between exports so
that each starts with the whole allowance.
"""

from __future__ import annotations

import time

import httpx
from _common import CLIENT_ID, CLIENT_SECRET, served

from sigmakit.emulator.jobs import EXPORT_QUEUE_SECONDS
from sigmakit.emulator.store.catalog import ELEMENT_KINDS
from sigmakit.emulator.store.exports import export_seconds

ORDER_COLUMNS = len(ELEMENT_KINDS["orders"].columns)
CASES = [("csv", 40), ("csv", 4_000), ("csv", 40_000), ("pdf", 40)]


def main() -> None:
    with served() as server, httpx.Client(base_url=server.base_url, timeout=60) as api:
        token = api.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
            },
        ).json()["access_token"]
        api.headers["Authorization"] = f"Bearer {token}"
        workbooks = api.get("/v2/workbooks", params={"limit": 1000}).json()["entries"]
        sales = next(w for w in workbooks if w["name"] == "Sales Overview")["workbookId"]
        elements = api.get(f"/v2/workbooks/{sales}/elements", params={"limit": 1000}).json()
        orders = next(e for e in elements["entries"] if e["name"] == "Orders")["elementId"]
        print(
            f"{'format':>6} {'rows':>7} {'polls':>6} {'429s':>5} {'seconds':>8} {'floor':>6} "
            f"{'bytes':>10}"
        )
        for fmt, rows in CASES:
            httpx.post(f"{server.base_url}/__emulator/clock", json={"advance": 61})
            started = time.perf_counter()
            query_id = api.post(
                f"/v2/workbooks/{sales}/export",
                json={"elementId": orders, "format": {"type": fmt}, "rowLimit": rows},
            ).json()["queryId"]
            polls = limited = 0
            while True:
                answer = api.get(f"/v2/query/{query_id}/download")
                polls += 1
                if answer.status_code == 429:
                    limited += 1
                    break
                if answer.status_code != 204:
                    break
            seconds = time.perf_counter() - started
            size = len(answer.content) if answer.status_code == 200 else 0
            floor = EXPORT_QUEUE_SECONDS + export_seconds(fmt, rows * ORDER_COLUMNS)
            print(
                f"{fmt:>6} {rows:>7,} {polls:>6} {limited:>5} {seconds:>8.3f} {floor:>6.3f} "
                f"{size:>10,}"
            )
        print(
            "floor: the export's own time in the emulator (queue + its size at the format's "
            "pace); target: the file soon after the floor, and no 429 (Sigma allows 400 "
            "downloads a minute)"
        )


if __name__ == "__main__":
    main()
