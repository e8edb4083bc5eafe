"""The CLI's layout: no hand-written module over 450 lines, and a group that is a package
keeps each command in a module of its own (gh's folder per verb), which never imports the
group's ``__init__``."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest

from sigmakit.cli.main import cli

CLI = Path(__file__).resolve().parents[2] / "src" / "sigmakit" / "cli"
PACKAGE_GROUPS = ("workbooks", "members", "user-attributes", "emulator", "data-models")


def test_no_cli_module_is_over_450_lines() -> None:
    long = {
        str(path.relative_to(CLI)): n
        for path in CLI.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450
        and "generated from" not in path.read_text(encoding="utf-8")[:200]
    }
    assert long == {}


@pytest.mark.parametrize("name", PACKAGE_GROUPS)
def test_a_package_group_has_a_module_per_command(name: str) -> None:
    ctx = click.Context(cli)
    group = cli.get_command(ctx, name)
    assert isinstance(group, click.Group)
    package = f"sigmakit.cli.{name.replace('-', '_')}"
    assert group.callback is not None and group.callback.__module__ == package
    for command in group.commands.values():
        assert command.callback is not None
        where = command.callback.__module__
        assert where.startswith(package + ".") and where != package, (command.name, where)
    for path in (CLI / name.replace("-", "_")).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and path.name != "__init__.py":
                # `from . import x` or `from .. <group> import` would reach the group's __init__
                assert not (node.level == 1 and node.module is None), path.name
