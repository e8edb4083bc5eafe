"""The public surface: what ``import sigmakit`` offers, and that it stays light."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import sigmakit


def test_every_public_name_resolves() -> None:
    for name in sigmakit.__all__:
        assert getattr(sigmakit, name) is not None, name


def _type_checking_names() -> set[str]:
    """The names ``__init__.py`` imports for type checkers (its ``if TYPE_CHECKING:``)."""
    tree = ast.parse(Path(sigmakit.__file__).read_text())
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )
    return {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module != "typing"
        for alias in node.names
    }


def test_the_three_lists_of_public_names_agree() -> None:
    """``__all__``, the lazy table and the imports for type checkers name the same things
    (a name missing from one is invisible to mypy, or fails at run time)."""
    public = set(sigmakit.__all__) - {"__version__"}
    assert public == set(sigmakit._LAZY)
    assert public == _type_checking_names()


def _public_names_script() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "scripts" / "public_names.py"
    spec = importlib.util.spec_from_file_location("public_names", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_public_names_are_written_from_their_one_table() -> None:
    assert _public_names_script().main(["--check"]) == 0


def test_a_new_model_is_one_line_of_the_table(tmp_path: Path, monkeypatch: Any) -> None:
    """Adding a public model: one row in ``_public.py``; the script writes it into the
    type checkers' imports, the lazy map and ``__all__`` of both packages."""
    script = _public_names_script()
    table = tmp_path / "_public.py"
    text = script.TABLE.read_text().rstrip().removesuffix(")")
    table.write_text(text + '    ("sigmakit.types.example", ("Example",), BOTH),\n)\n')
    monkeypatch.setattr(script, "TABLE", table)
    for package in ("sigmakit", "sigmakit.resources"):
        block = script.block(package)
        assert "from sigmakit.types.example import Example" in block
        assert '"Example": "sigmakit.types.example",' in block
        assert '    "Example",\n' in block.split("__all__")[1]
    with pytest.raises(SystemExit, match="listed twice"):
        table.write_text(text + '    ("sigmakit.types.teams", ("Team",), ROOT),\n)\n')
        script.block("sigmakit")


def test_the_error_tree() -> None:
    assert issubclass(sigmakit.NotFoundError, sigmakit.APIStatusError)
    assert issubclass(sigmakit.APITimeoutError, sigmakit.APIConnectionError)
    for name in sigmakit.__all__:
        obj = getattr(sigmakit, name)
        if isinstance(obj, type) and name.endswith("Error"):
            assert issubclass(obj, sigmakit.SigmaError), name


def test_importing_sigmakit_or_its_cli_loads_no_http_stack() -> None:
    code = (
        "import sys, sigmakit, sigmakit.cli.main; "
        "heavy = [m for m in ('httpx', 'pydantic', 'rich', 'fastapi') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_serve_flags_match_the_emulator_seed_sizes() -> None:
    from dataclasses import fields

    from sigmakit.cli.emulator import SIZE_FLAGS
    from sigmakit.emulator import SeedSizes

    assert set(SIZE_FLAGS) == {f.name for f in fields(SeedSizes)}
