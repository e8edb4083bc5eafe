"""The plain-line runner's table (``cli/plain_table.py``) is generated from the click
commands by ``scripts/plain_lines.py``, so an option is defined once; and -q/--no-pager
travel in ``OutputOptions``, not in module globals."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from sigmakit.cli import output, plain
from sigmakit.cli.output import OutputOptions, info

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "src" / "sigmakit" / "cli" / "plain_table.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "plain_lines", ROOT / "scripts" / "plain_lines.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


plain_lines = _script()


def test_the_runner_table_is_what_the_click_commands_say() -> None:
    assert plain_lines.main(["--check"]) == 0


def test_a_stale_table_is_found_and_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plain_table.py"
    target.write_text("# edited by hand\n")
    assert plain_lines.main(["--check"], target) == 1
    assert "stale" in capsys.readouterr().err
    assert target.read_text() == "# edited by hand\n"  # --check writes nothing
    assert plain_lines.main([], target) == 0
    assert target.read_text() == TABLE.read_text()


def test_the_table_holds_the_commands_options_as_click_defines_them() -> None:
    from sigmakit.cli.plain_table import COMMANDS, GLOBAL_OPTIONS

    assert GLOBAL_OPTIONS == {
        "--profile": True,
        "--debug": False,
        "-q": False,
        "--quiet": False,
        "--no-pager": False,
    }
    runner, (pipe, columns, _), params = COMMANDS[("teams", "bulk-remove")]
    assert (runner, pipe, columns) == ("teams_bulk_remove", "jsonl", plain.REPORT_COLUMNS)
    by_name = {p[1]: p for p in params}
    assert by_name["yes"][:3] == ("flag", "yes", ("-y", "--yes"))
    assert by_name["emails_file"][3] is True  # required, as click says
    assert by_name["output_format"][4] == output.FORMATS
    check = COMMANDS[("auth", "check")]
    assert {p[1]: p for p in check[2]}["fields"][4] == plain.CHECK_FIELDS


def test_an_option_the_runner_cannot_read_stops_the_script(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(plain_lines, "PLAIN_COMMANDS", (("teams", "list"),))
    target = tmp_path / "plain_table.py"
    assert plain_lines.main([], target) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: `sigmakit teams list` parameter 'limit'") and "integer" in err
    assert not target.exists()


def test_a_body_that_does_not_take_the_commands_parameters_stops_the_script(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def teams_bulk_assign(client_of: object, out: object, team: str, emails_file: str) -> int:
        return 0

    monkeypatch.setattr(plain, "teams_bulk_assign", teams_bulk_assign)
    assert plain_lines.main([], tmp_path / "plain_table.py") == 2
    err = capsys.readouterr().err
    assert "plain.teams_bulk_assign() takes" in err and "dry_run" in err


def test_quiet_travels_in_the_output_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert not hasattr(output, "QUIET") and not hasattr(output, "NO_PAGER")
    info("shown", OutputOptions("json", None))
    info("hidden", OutputOptions("json", None, quiet=True))
    info("shown too")
    assert capsys.readouterr().err == "shown\nshown too\n"
