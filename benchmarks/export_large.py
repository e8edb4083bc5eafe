"""A million-row export to CSV, streamed by the emulator and by the SDK.

The warehouse holds 1,000,000 order lines (the emulator seeded with ``--orders 1000000``;
its ``sigmakit emulator serve`` process only reads them). The Orders table of "Sales
Overview" is exported as CSV with ``rowLimit`` 100,000 and then 1,000,000, each downloaded
by a new process with the SDK (``sigma.workbooks.export`` then ``download_export`` to a
file), as users run it.

Printed per size (median of the runs; the machine may be shared): the download's time and
throughput to disk (from the first download request to the file closed and fsynced: the
export job itself is set to finish at once, as Sigma's own time is not the SDK's, so the
emulator makes its file during this first download), the same for a second download of the
same export (its file already made, served from the emulator's disk), the downloading
process's peak RSS, and the emulator process's peak RSS after it. The load average is
printed beside each: on a shared machine the figures move with it. Flat memory
means both peaks barely move between 100k and 1M rows. Target: >= 50 MB/s to disk. The
floor beside it: the same bytes written to the same disk from memory.

    python benchmarks/export_large.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _common import CLIENT_ID, CLIENT_SECRET, Served, process_cpu, served

from sigmakit.emulator import EmulatorServer

# run in a new process per download: its peak RSS is the SDK's alone
DOWNLOAD = """
import json, os, sys, time
from sigmakit import Sigma, load_settings
from sigmakit.jobs import download_export
base, workbook, element, rows, dest = sys.argv[1:6]
settings = load_settings(base_url=base, client_id=os.environ["BENCH_ID"],
                         client_secret=os.environ["BENCH_SECRET"], env={}, use_dotenv=False)
with Sigma(settings=settings) as sigma:
    query_id = sigma.workbooks.export(workbook, element_id=element, format="csv",
                                      row_limit=int(rows))
    started, cpu = time.perf_counter(), time.process_time()
    result = download_export(sigma, query_id, dest, poll_interval=0.01)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # the same export downloaded again: its file is made, only served from disk
    again = time.perf_counter()
    download_export(sigma, query_id, dest + ".again", poll_interval=0.01)
    again = time.perf_counter() - again
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
peak = int(status) * 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "bytes": result.size, "peak": peak,
                  "again": again}))
"""


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args(argv)


def peak_rss(pid: int) -> int:
    """A process's peak resident memory (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def load() -> str:
    """The 1-minute load average (2 cores: above 2, helpers share the machine)."""
    return f"{os.getloadavg()[0]:.1f}"


def mb(n: float) -> str:
    return f"{n / 1e6:.0f} MB"


def disk_floor(folder: Path, size: int) -> float:
    """MB/s writing ``size`` bytes to ``folder`` from memory, in 64 KiB writes, fsynced."""
    block = b"x" * 65536
    target = folder / "floor.bin"
    started = time.perf_counter()
    with target.open("wb") as out:
        for _ in range(size // len(block)):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    seconds = time.perf_counter() - started
    target.unlink()
    return size / seconds / 1e6


def main(argv: list[str]) -> int:
    args = parse(argv)
    where: dict[str, str] = {}

    def find_orders(emulator: EmulatorServer) -> None:
        row = emulator.state.store.db.one(
            "SELECT e.workbook_id, e.element_id FROM workbook_elements e "
            "JOIN inodes i ON i.id = e.workbook_id "
            "WHERE e.kind = 'orders' AND i.name = 'Sales Overview' LIMIT 1"
        )
        assert row is not None, "no Orders table in Sales Overview"
        where.update(workbook=row["workbook_id"], element=row["element_id"])

    started = time.perf_counter()
    org = served(find_orders, orders=args.rows, members=20, workbooks=1)
    with org as server, tempfile.TemporaryDirectory() as folder:
        print(
            f"warehouse of {args.rows:,} order lines seeded in "
            f"{time.perf_counter() - started:.0f} s (not timed below)"
        )
        httpx.put(f"{server.base_url}/__emulator/jobs", json={"mode": "immediate"})
        env = {**os.environ, "BENCH_ID": CLIENT_ID, "BENCH_SECRET": CLIENT_SECRET}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        sizes = sorted({min(100_000, args.rows), args.rows})
        emulator_before = peak_rss(server.pid)
        print(f"emulator process peak RSS before any export: {mb(emulator_before)}")
        results: dict[int, dict[str, float]] = {}
        for rows in sizes:
            runs = [download(server, where, rows, Path(folder), env) for _ in range(args.runs)]
            seconds = statistics.median(r["seconds"] for r in runs)
            size = runs[0]["bytes"]
            results[rows] = {
                "seconds": seconds,
                "bytes": size,
                "sdk_peak": max(r["peak"] for r in runs),
                "emulator_peak": peak_rss(server.pid),
            }
            r = results[rows]
            again = statistics.median(x["again"] for x in runs)
            r["again"] = again
            emulator_cpu = statistics.median(x["emulator_cpu"] for x in runs)
            sdk_cpu = statistics.median(x["cpu"] for x in runs)
            print(
                f"{rows:>9,} rows: {mb(size)} CSV in {seconds:.2f} s (median of {args.runs}, "
                f"min {min(x['seconds'] for x in runs):.2f}) = {size / seconds / 1e6:.0f} MB/s "
                f"to disk; peak RSS: SDK process {mb(r['sdk_peak'])}, "
                f"emulator {mb(r['emulator_peak'])}"
            )
            print(
                f"    downloaded again (the file made, served from disk): {again:.2f} s "
                f"= {size / again / 1e6:.0f} MB/s; load average {load()}"
            )
            print(
                f"    CPU of the first download: emulator {emulator_cpu:.2f} s, with the second's "
                f"serving ({size / emulator_cpu / 1e6:.0f} MB per CPU second), SDK {sdk_cpu:.2f} s ({size / sdk_cpu / 1e6:.0f} MB per CPU "
                "second): each runs on a core of its own on an idle 2-core machine, so the "
                "lower of the two bounds the rate there"
            )
        largest = results[sizes[-1]]
        floor = disk_floor(Path(folder), int(largest["bytes"]))
        rate = largest["bytes"] / largest["seconds"] / 1e6
        again = largest["bytes"] / largest["again"] / 1e6
        print(
            f"{sizes[-1]:,} rows: {rate:.0f} MB/s first download, {again:.0f} MB/s again "
            f"(target >= 50 MB/s); the disk's own floor: {floor:.0f} MB/s written from memory; "
            f"load average {load()}"
        )
        if len(sizes) > 1:
            small = results[sizes[0]]
            print(
                f"memory from {sizes[0]:,} to {sizes[-1]:,} rows: SDK peak "
                f"{mb(small['sdk_peak'])} -> {mb(largest['sdk_peak'])}; emulator peak "
                f"{mb(small['emulator_peak'])} -> {mb(largest['emulator_peak'])} "
                "(flat: about the same)"
            )
    return 0


def download(
    server: Served, where: dict[str, str], rows: int, folder: Path, env: dict[str, str]
) -> dict[str, float]:
    dest = folder / f"orders-{rows}.csv"
    emulator_cpu = process_cpu(server.pid)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            DOWNLOAD,
            server.base_url,
            where["workbook"],
            where["element"],
            str(rows),
            str(dest),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the download failed: {done.stderr.strip()}")
    lines = sum(1 for _ in dest.open("rb"))
    assert lines == rows + 1, (lines, rows)  # the header and every row
    again = dest.with_name(dest.name + ".again")
    assert filecmp.cmp(again, dest, shallow=False)  # the same bytes both times
    dest.unlink()
    again.unlink()
    result: dict[str, float] = json.loads(done.stdout)
    # the emulator's CPU over the whole run (export call, polls, both downloads: making the
    # file on the first most)
    result["emulator_cpu"] = process_cpu(server.pid) - emulator_cpu
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
