"""IMPLEMENTATION_COVERAGE.md says what the emulator really serves (regenerate it with
`make coverage` after adding a route)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_coverage_file_is_current() -> None:
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "implementation_coverage.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    committed = (ROOT / "IMPLEMENTATION_COVERAGE.md").read_text()
    assert generated == committed, "IMPLEMENTATION_COVERAGE.md is stale: run `make coverage`"
