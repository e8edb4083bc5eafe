"""IMPLEMENTATION_COVERAGE.md says what the emulator really serves, against Sigma's newest
description (2026-10-04: the 2026-08 one bundled in the package and the operations its
extract records as published since; regenerate it with `make coverage` after adding a
route)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sigmakit._reference import extract, operations_of

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


def test_coverage_counts_every_operation_of_the_newest_description_by_tag() -> None:
    text = COVERAGE.read_text()
    assert "newest API description (2026-10-04" in text
    headline = re.search(r"\*\*(\d+) of (\d+) operations\*\*", text)
    assert headline is not None
    done, total = map(int, headline.groups())
    # the 254 operations of sigma-openapi-2026-08.json and the 27 of its 2026-10 extract:
    # the 281 of Sigma's description as published on 2026-10-04
    assert total == 254 + len(operations_of(extract())) == 281
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
