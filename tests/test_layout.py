"""How the tests are laid out: shared helpers in tests/support/, no test imports another
test module, and only tests/internals/ (and the in-process fixture in tests/conftest.py)
looks inside the emulator; every other test reaches it over HTTP, so ``make blackbox`` can
run it against an emulator in another process, or a real organization."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).parent
#: what looking inside the emulator means: its state, its in-process server, its modules
INSIDE_MODULES = ("sigmakit.emulator.store", "sigmakit.emulator.db", "sigmakit.emulator.state")
ALLOWED_INSIDE = (TESTS / "internals", TESTS / "conftest.py")


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(TESTS.rglob("*.py")):
        yield path, ast.parse(path.read_text(), str(path))


def _imported(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)


def test_no_test_imports_another_test_module() -> None:
    """A test module (``test_*.py``) or a ``conftest.py`` is never imported: what tests share
    lives in tests/support/ (or a helper module beside them)."""
    wrong = [
        f"{path.relative_to(TESTS.parent)}:{line}: {module}"
        for path, tree in _modules()
        for line, module in _imported(tree)
        if module.startswith("tests.")
        and module.rsplit(".", 1)[-1].startswith(("test_", "conftest"))
    ]
    assert not wrong, "import from tests/support/ instead:\n" + "\n".join(wrong)


def test_the_old_helper_modules_are_gone() -> None:
    assert not (TESTS / "helpers.py").exists() and not (TESTS / "sigma_http.py").exists()
    assert (TESTS / "support" / "helpers.py").exists()


def test_only_the_internals_folder_looks_inside_the_emulator() -> None:
    wrong: list[str] = []
    for path, tree in _modules():
        if any(path == allowed or allowed in path.parents for allowed in ALLOWED_INSIDE):
            continue
        where = path.relative_to(TESTS.parent)
        for line, module in _imported(tree):
            if module.startswith(INSIDE_MODULES):
                wrong.append(f"{where}:{line}: imports {module}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "state":
                wrong.append(f"{where}:{node.lineno}: reads .state")
            if isinstance(node, ast.Name | ast.arg) and "emulator_server" in (
                getattr(node, "id", None),
                getattr(node, "arg", None),
            ):
                wrong.append(f"{where}:{node.lineno}: uses the in-process emulator_server")
    assert not wrong, "move these to tests/internals/ or go through HTTP:\n" + "\n".join(wrong)
