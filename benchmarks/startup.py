"""How long ``sigmakit --help`` takes, as a user starts it: the median wall time of 10 runs,
each in a new process. Command modules load lazily and import only click at the top, so
this stays close to the interpreter's own start-up."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from _common import sigmakit_command

RUNS = 10


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    command = [*sigmakit_command(), "--help"]
    wall_time(command)  # one warm-up run fills the OS file cache
    times = [wall_time(command) for _ in range(RUNS)]
    bare = statistics.median(wall_time([sys.executable, "-c", "pass"]) for _ in range(RUNS))
    print(f"sigmakit --help: median {statistics.median(times) * 1000:.0f} ms over {RUNS} runs")
    print(f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)")
    print(f"python -c pass: median {bare * 1000:.0f} ms (the interpreter alone)")


if __name__ == "__main__":
    main()
