"""What raw access costs: reading and indexing the bundled API description (once per process,
on the first checked call), one check after that, and the start-up of ``sigmakit api --help``
(which must not read the description) beside ``sigmakit --help``."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from _common import sigmakit_command

RUNS = 5
INDEX = (
    "import time; t = time.perf_counter(); from sigmakit._raw import catalog; c = catalog(); "
    "print((time.perf_counter() - t) * 1000, len(c.operations))"
)


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    loads = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", INDEX], check=True, capture_output=True, text=True
        ).stdout.split()
        loads.append(float(out[0]))
    print(
        f"read + index the 2026-08 description ({out[1]} operations), in a new process: "
        f"median {statistics.median(loads):.0f} ms over {RUNS} runs"
    )

    from sigmakit._raw import catalog, prepare

    catalog()
    started = time.perf_counter()
    for _ in range(1000):
        prepare("GET", "/v2/members/{memberId}/teams", path_params={"memberId": "x"})
    print(f"one check after that: {(time.perf_counter() - started):.3f} ms (mean of 1000)")

    medians = {}
    for name, command in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("sigmakit --help", [*sigmakit_command(), "--help"]),
        ("sigmakit api --help", [*sigmakit_command(), "api", "--help"]),
    ):
        wall_time(command)  # warm the OS file cache (and write the .pyc files)
        medians[name] = statistics.median(wall_time(command) for _ in range(RUNS * 2))
        print(f"{name}: median {medians[name] * 1000:.0f} ms")
    ratio = medians["sigmakit api --help"] / medians["python -c pass"]
    print(f"sigmakit api --help: {ratio:.1f}x the bare interpreter (target <= 2.5x)")


if __name__ == "__main__":
    main()
