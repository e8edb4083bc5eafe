"""``sigmakit code`` at scale: pull and plan about 500 documents (the workbooks and data
models the caller can see of an organization seeded with 775 workbooks) on an emulator that answers each API request after 20 ms, reading one document at a
time (the sequential baseline) and 8 at a time (the default). Printed per run: seconds,
documents a second, requests per document, and the floor: the requests a run cannot avoid
(the lists, then one read per document) x the latency / the requests in flight.

The emulator runs as its own process, so its CPU is not the client's; its CPU per document
is printed too (what keeps a run above the floor when it serves one request at a time). Figures only: nothing
here passes or fails on a timing.
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
import time
from pathlib import Path

from _common import client, process_cpu, served

from sigmakit.workflows.code import plan, pull

KINDS = ("data-model", "workbook")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workbooks", type=int, default=775, help="workbooks seeded")
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with served(latency_ms=args.latency_ms, workbooks=args.workbooks) as server:
        sigma = client(server)
        visible = len(list(sigma.workbooks.list()))
        documents = visible + len(list(sigma.data_models.list()))
        lists = math.ceil(visible / 1000) + 1  # the workbook and data model lists
        print(
            f"  {documents} documents, {args.latency_ms:.0f} ms a request; floor requests: "
            f"pull {lists} lists + {documents} reads, plan {documents} reads"
        )
        results: dict[tuple[str, int], float] = {}
        folder = Path(tempfile.mkdtemp(prefix="code-bench-"))
        try:
            for concurrency in (1, args.concurrency):
                shutil.rmtree(folder, ignore_errors=True)
                for step in ("pull", "plan"):
                    sent = sigma.requests_sent
                    cpu = process_cpu(server.pid)
                    started = time.perf_counter()
                    if step == "pull":
                        done = pull(sigma, folder, kinds=KINDS, concurrency=concurrency)
                        assert len(done) == documents
                        floor_requests = lists + documents
                    else:
                        plans = plan(sigma, folder, concurrency=concurrency)
                        assert not any(p.changes for p in plans)
                        floor_requests = documents
                    seconds = time.perf_counter() - started
                    emulator_ms = (process_cpu(server.pid) - cpu) * 1000 / documents
                    requests = sigma.requests_sent - sent
                    floor = math.ceil(floor_requests / concurrency) * args.latency_ms / 1000
                    results[(step, concurrency)] = seconds
                    print(
                        f"  {step} x{concurrency:<2}: {seconds:6.2f} s, "
                        f"{documents / seconds:6.1f} documents/s, "
                        f"{requests / documents:.3f} requests/document ({requests} requests); "
                        f"floor {floor:.2f} s, {seconds / floor:.2f}x the floor; "
                        f"emulator CPU {emulator_ms:.1f} ms/document"
                    )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            sigma.close()
        for step in ("pull", "plan"):
            ratio = results[(step, 1)] / results[(step, args.concurrency)]
            print(f"  {step}: {args.concurrency} at a time is {ratio:.1f}x one at a time")


if __name__ == "__main__":
    main()
