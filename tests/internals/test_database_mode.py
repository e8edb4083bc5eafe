"""The emulator's database file and its mode."""

from __future__ import annotations

import stat
from pathlib import Path

from sigmakit.emulator.db import Database


def test_an_existing_db_keeps_its_mode(tmp_path: Path) -> None:
    kept = tmp_path / "org.db"
    kept.touch(mode=0o644)
    kept.chmod(0o644)
    Database(str(kept), ["CREATE TABLE IF NOT EXISTS t (x)"])
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644
    made = tmp_path / "new.db"
    Database(str(made), ["CREATE TABLE IF NOT EXISTS t (x)"])
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
