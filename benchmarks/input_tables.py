"""Finding every input table: the scan at concurrency 8 against one request at a time.

200 workbooks of exactly 3 pages each (``pages_per_workbook=3``; the seed archives a few,
and puts an input table in about one in four) on an emulator, run as its own process, that
adds 20 ms to every request. Prints the requests the scan sent, the seconds taken, the
floor that request count allows at that concurrency (requests x 20 ms / 8) and the ratio
to it (target <= 1.5), then the QuickStart's way (list the workbooks, then each one's
pages, then each page's elements, one request at a time) and the speed-up (target >= 10x).

The scan runs once untimed first (the emulator's first answers are slower); the
QuickStart's way comes after it. The emulator and the client also spend some CPU on every
request, which caps throughput whatever the latency: the CPU time each spent per request
during the timed scan is printed (the emulator's from its process's counters), and the
scan is run once more with no added latency to show that cap.
"""

from __future__ import annotations

import time

from _common import Served, client, process_cpu, served, set_latency

from sigmakit import Sigma
from sigmakit.workflows.input_tables import (
    InputTablesOptions,
    InputTablesReport,
    find_input_tables,
)

WORKBOOKS = 200
PAGES = 3
LATENCY_MS = 20.0
CONCURRENCY = 8
SIZES = {
    "workbooks": WORKBOOKS,
    "pages_per_workbook": PAGES,
    "members": 20,
    "teams": 2,
    "workspaces": 1,
    "connections": 1,
}


def quickstart_way(sigma: Sigma) -> int:
    """The recipe's loop: workbooks, then pages, then elements, one request at a time."""
    found = 0
    for workbook in sigma.workbooks.list(page_size=50, skip_permission_check=True):
        for page in sigma.workbooks.pages(workbook.workbook_id, page_size=50):
            for element in sigma.workbooks.elements(workbook.workbook_id, page.page_id):
                found += element.type == "input-table"
    return found


#: CPU milliseconds per request of the last scan: the emulator's and this client's
CPU_PER_REQUEST: dict[str, float] = {}


def scan(server: Served, concurrency: int) -> tuple[InputTablesReport, int, float]:
    """(report, requests, seconds) of one scan with a fresh client."""
    with client(server) as sigma:
        sigma.token()
        before = sigma.requests_sent
        emulator_cpu, client_cpu = process_cpu(server.pid), time.process_time()
        started = time.perf_counter()
        report = find_input_tables(sigma, InputTablesOptions(concurrency=concurrency))
        seconds = time.perf_counter() - started
        sent = sigma.requests_sent - before
        CPU_PER_REQUEST["emulator"] = (process_cpu(server.pid) - emulator_cpu) * 1000 / sent
        CPU_PER_REQUEST["client"] = (time.process_time() - client_cpu) * 1000 / sent
        return report, sent, seconds


def main() -> None:
    with served(latency_ms=LATENCY_MS, **SIZES) as server:
        scan(server, CONCURRENCY)  # once untimed: the server's first listing is slow
        report, requests, seconds = scan(server, CONCURRENCY)
        assert report.ok
        floor = requests * LATENCY_MS / 1000 / CONCURRENCY
        print(
            f"workbooks: {WORKBOOKS} x {PAGES} pages ({report.workbooks_scanned} not archived), "
            f"latency {LATENCY_MS:g} ms"
        )
        print(f"input tables found: {len(report.tables)}")
        print(f"scan at concurrency {CONCURRENCY}: {requests} requests in {seconds:.2f} s")
        print(f"floor (requests x {LATENCY_MS:g} ms / {CONCURRENCY}): {floor:.2f} s")
        print(f"ratio to the floor: {seconds / floor:.2f} (target <= 1.5)")
        print(
            f"CPU per request: emulator {CPU_PER_REQUEST['emulator']:.2f} ms, client "
            f"{CPU_PER_REQUEST['client']:.2f} ms (the machine may be shared: CPU time is "
            "less swayed by that than wall time)"
        )

        with client(server) as sigma:
            sigma.token()
            before = sigma.requests_sent
            started = time.perf_counter()
            found = quickstart_way(sigma)
            baseline = time.perf_counter() - started
            baseline_requests = sigma.requests_sent - before
        assert found == len(report.tables)
        print(
            f"one request at a time (QuickStart): {baseline_requests} requests in {baseline:.2f} s"
        )
        print(f"speed-up: {baseline / seconds:.1f}x (target >= 10x)")

        set_latency(server, 0)
        _, requests0, cpu_bound = scan(server, CONCURRENCY)
        _, _, one_at_a_time = scan(server, 1)
        print(
            f"with no added latency: concurrency {CONCURRENCY} {cpu_bound:.2f} s, one at a time "
            f"{one_at_a_time:.2f} s ({one_at_a_time / requests0 * 1000:.1f} ms a request): "
            "the emulator's own cap on this machine"
        )
        print(f"ratio to the higher of the two floors: {seconds / max(floor, cpu_bound):.2f}")


if __name__ == "__main__":
    main()
