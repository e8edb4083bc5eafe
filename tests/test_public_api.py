"""The public surface: what ``import sigmakit`` offers, and that it stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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
