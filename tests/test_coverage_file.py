"""IMPLEMENTATION_COVERAGE.md says what the emulator really serves, against the 2026-08
description bundled in the package (regenerate it with `make coverage` after adding a route)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COVERAGE = ROOT / "IMPLEMENTATION_COVERAGE.md"


def test_coverage_file_is_current() -> None:
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "implementation_coverage.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert generated == COVERAGE.read_text(), (
        "IMPLEMENTATION_COVERAGE.md is stale: run `make coverage`"
    )


def test_coverage_counts_every_2026_08_operation_by_tag() -> None:
    text = COVERAGE.read_text()
    headline = re.search(r"\*\*(\d+) of (\d+) operations\*\*", text)
    assert headline is not None
    done, total = map(int, headline.groups())
    assert total == 254  # the operations of sigma-openapi-2026-08.json
    per_tag = [tuple(map(int, m)) for m in re.findall(r"^\| \S+ \| (\d+) / (\d+) \|$", text, re.M)]
    assert sum(n for _, n in per_tag) == total
    assert sum(d for d, _ in per_tag) == done
    described, newer = text.split("\n## Published since 2026-08 ")
    assert described.count("- [x] ") == done
    assert described.count("- [ ] ") == total - done
    # the extract of the newer description: every operation in it is served
    ticked = re.match(r"\((\d+) / (\d+) of the extract\)", newer)
    assert ticked is not None and ticked.group(1) == ticked.group(2)
    assert newer.count("- [x] ") == int(ticked.group(1)) and "- [ ] " not in newer
