"""No hand-written module of the package is over 450 lines: past that, a module holds more
than one responsibility and is split by responsibility (as the emulator's ``render`` into
rows, sheets and charts, or a CLI group into a module per command). The sync SDK under
``_sync/`` is generated from its async source and is not counted."""

from __future__ import annotations

from pathlib import Path

import sigmakit

PACKAGE = Path(sigmakit.__file__).resolve().parent
MAX_LINES = 450


def test_no_hand_written_module_is_over_450_lines() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if "_sync" not in path.relative_to(PACKAGE).parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split by responsibility: {long}"


def test_the_check_sees_the_generated_mirror_apart() -> None:
    generated = [p for p in PACKAGE.rglob("*.py") if "_sync" in p.relative_to(PACKAGE).parts]
    assert generated and all(
        p.read_text(encoding="utf-8").startswith("# generated from") or p.name == "__init__.py"
        for p in generated
    )
