"""Run every benchmark in this folder, one after another, and print their figures.

    make bench                      # all of them
    python benchmarks/run_all.py bulk_assign input_tables

Benchmarks print figures and ratios; they never pass or fail on a timing.
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name not in ("run_all.py", "_common.py"))
    if names:
        scripts = [p for p in scripts if p.stem in names]
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as done:  # a script that ends with sys.exit() must not end the run
            if done.code not in (None, 0):
                print(f"({script.stem} exited with {done.code})", flush=True)
        print(f"({script.stem} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
