"""Run the benchmarks in this folder, one after another, and print their figures.

    make bench                                   # all of them
    python benchmarks/run_all.py bulk_assign     # one, by name (its file name without .py)
    python benchmarks/run_all.py startup input_tables

Each benchmark runs as its own process with this interpreter, with no arguments of its
own (the names given here are for this script), and with bytecode caching on, as on a
user's machine. Benchmarks print figures and ratios; they never pass or fail on a timing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> dict[str, Path]:
    """Every benchmark script by name: the .py files here, bar this one and helpers (_*)."""
    return {
        p.stem: p for p in sorted(HERE.glob("*.py")) if p.name != "run_all.py" and p.name[0] != "_"
    }


def main(names: list[str]) -> int:
    known = benchmarks()
    unknown = [n for n in names if n.removesuffix(".py") not in known]
    if unknown:
        print(
            f"error: no benchmark named {', '.join(unknown)}; the benchmarks are: "
            f"{', '.join(known)}",
            file=sys.stderr,
        )
        return 2
    chosen = [known[n.removesuffix(".py")] for n in names] if names else list(known.values())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    failed = []
    for script in chosen:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.run([sys.executable, str(script)], env=env, check=False).returncode
        if code != 0:
            failed.append(script.stem)
            print(f"({script.stem} exited with {code})", flush=True)
        print(f"({script.stem} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
