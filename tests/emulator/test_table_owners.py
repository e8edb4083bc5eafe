"""Every table of the emulator has one owner: the module whose SQL creates it (or the store
package it is part of, as ``store/workbooks/``). Other stores, the seeds and the console ask
that store through its methods; they never name its table.

The check reads the SQL in every emulator module's strings (docstrings aside): a
``CREATE TABLE`` makes the module the table's owner, and ``FROM``, ``JOIN``, ``INTO``,
``UPDATE`` or ``TABLE`` before another module's table is a crossing. The crossings not yet
mended would be listed in ``NOT_YET_MENDED`` (none are left since 2026-12-07); the list may
only shrink: a new crossing fails, and so does an entry that no longer crosses.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import sigmakit.emulator

EMULATOR = Path(sigmakit.emulator.__file__).resolve().parent

_CREATE = re.compile(r"CREATE\s+(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)")
_USE = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(\w+)")

#: module (relative to the emulator package) -> the other modules' tables it still names
NOT_YET_MENDED: dict[str, set[str]] = {}


def _sql_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module with their line numbers, docstrings left out; an
    f-string's holes are read as a blank word."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else " _ " for v in node.values)
            found.append((node.lineno, str(text)))
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        ):
            found.append((node.lineno, node.value))
    return found


def owner_of(relative: str) -> str:
    """The unit that may own tables: a module, or a whole package under ``store/`` (one
    resource's store split into modules by size, as ``store/files/`` and
    ``store/workbooks/`` are)."""
    parts = relative.split("/")
    return f"store/{parts[1]}/" if len(parts) > 2 and parts[0] == "store" else relative


def _modules() -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for p in sorted(EMULATOR.rglob("*.py")):
        found.setdefault(owner_of(p.relative_to(EMULATOR).as_posix()), []).extend(_sql_strings(p))
    return found


def owners(modules: dict[str, list[tuple[int, str]]]) -> dict[str, list[str]]:
    """Each table -> the modules whose SQL creates it."""
    made: dict[str, list[str]] = {}
    for name, strings in modules.items():
        for _, text in strings:
            for table in _CREATE.findall(text):
                if name not in made.setdefault(table, []):
                    made[table].append(name)
    return made


def crossings(modules: dict[str, list[tuple[int, str]]]) -> dict[str, dict[str, list[int]]]:
    """module -> {another module's table it names: the lines}."""
    made = owners(modules)
    found: dict[str, dict[str, list[int]]] = {}
    for name, strings in modules.items():
        for line, text in strings:
            for table in _USE.findall(text):
                if table in made and name not in made[table]:
                    found.setdefault(name, {}).setdefault(table, []).append(line)
    return found


def test_the_check_sees_a_crossing() -> None:
    """The reader finds a table named in another module's SQL, and ignores prose."""
    modules = {
        "store/a.py": [(3, "CREATE TABLE IF NOT EXISTS alpha (id TEXT)")],
        "store/b.py": [
            (7, "SELECT b.x FROM beta b JOIN alpha a ON a.id = b.id"),
            (9, "from alpha"),
        ],
        "store/c.py": [(2, "CREATE TABLE beta (x TEXT)"), (4, "INSERT INTO beta VALUES (?)")],
    }
    assert crossings(modules) == {"store/b.py": {"alpha": [7], "beta": [7]}}


def test_a_store_package_is_one_owner() -> None:
    assert owner_of("store/workbooks/pages.py") == "store/workbooks/"
    assert owner_of("store/files.py") == "store/files.py"
    assert owner_of("seed/workbooks.py") == "seed/workbooks.py"


def test_every_table_is_created_by_one_module() -> None:
    shared = {t: m for t, m in owners(_modules()).items() if len(m) > 1}
    assert not shared, f"tables created in more than one module: {shared}"


def test_no_module_names_a_table_another_module_owns() -> None:
    made = owners(_modules())
    found = crossings(_modules())
    new = [
        f"{module}:{lines[0]} names {table} (owned by {made[table][0]})"
        for module, tables in sorted(found.items())
        for table, lines in sorted(tables.items())
        if table not in NOT_YET_MENDED.get(module, set())
    ]
    assert not new, "ask the owning store instead:\n" + "\n".join(new)
    mended = [
        f"{module}: {table}"
        for module, tables in sorted(NOT_YET_MENDED.items())
        for table in sorted(tables)
        if table not in found.get(module, {})
    ]
    assert not mended, "no longer crossing, take off NOT_YET_MENDED:\n" + "\n".join(mended)
