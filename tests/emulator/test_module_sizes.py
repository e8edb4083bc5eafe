"""No emulator module is over 450 lines: past that, a module holds more than one
responsibility and is split by responsibility (as ``render`` into rows, sheets and charts)."""

from __future__ import annotations

from pathlib import Path

import sigmakit.emulator

EMULATOR = Path(sigmakit.emulator.__file__).resolve().parent
MAX_LINES = 450


def test_no_emulator_module_is_over_450_lines() -> None:
    long = {
        path.relative_to(EMULATOR).as_posix(): lines
        for path in sorted(EMULATOR.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split by responsibility: {long}"
