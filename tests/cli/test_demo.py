"""`sigmakit demo` (what `make demo` runs) walks the whole QuickStart journey."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from sigmakit.cli.main import cli

pytestmark = pytest.mark.slow


def test_the_demo_runs_end_to_end_and_writes_real_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Demo complete." in result.stdout
    for step in ("Onboard", "Bulk-assign", "input table", "Materialize", "Export", "embed"):
        assert step in result.stdout
    with (out / "orders-2024-q1.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all("2024-01-01" <= r["Order Date"][:10] <= "2024-03-31" for r in rows)
    assert (out / "orders.pdf").read_bytes().startswith(b"%PDF")
    assert "demo-embed-secret" not in result.stdout
