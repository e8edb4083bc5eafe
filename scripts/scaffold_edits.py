"""The scaffold's insertions into existing modules (``scripts/scaffold.py``): each adds lines at
one well-defined place and raises ``Refused`` (one line) when it cannot find it. Pure text in,
text out: nothing here reads or writes a file."""

from __future__ import annotations

import ast
import re


class Refused(Exception):
    """Why the scaffold will not go on: one line."""


def append(text: str, block: str, gap: int = 2) -> str:
    """``block`` after the module's last line, two blank lines apart (a top-level def)."""
    return text.rstrip("\n") + "\n" * (gap + 1) + block.strip("\n") + "\n"


def _bound_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.add(node.name)
    return names


def add_imports(text: str, imports: list[tuple[str, str]], where: str) -> str:
    """``from MODULE import NAME`` for each pair whose name the module does not bind yet,
    after its last top-level import (``ruff --fix`` then merges and sorts them)."""
    if not imports:
        return text
    tree = ast.parse(text)
    bound = _bound_names(tree)
    lines = [
        f"from {m} import {n}" if m else f"import {n}"
        for m, n in imports
        if n.split(" as ")[-1] not in bound
    ]
    if not lines:
        return text
    last = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    if not last:
        raise Refused(f"{where} has no top-level import to add {lines[0]!r} after")
    cut = last[-1].end_lineno or 0
    rows = text.splitlines(keepends=True)
    return "".join([*rows[:cut], *(line + "\n" for line in lines), *rows[cut:]])


def add_to_class(text: str, cls: str, block: str, where: str) -> str:
    """``block`` (indented methods) after the last line of class ``cls``."""
    node = next(
        (n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name == cls), None
    )
    if node is None:
        raise Refused(f"{where} has no class {cls} to add to")
    rows = text.splitlines(keepends=True)
    cut = node.end_lineno or 0
    return "".join([*rows[:cut], block.rstrip("\n") + "\n", *rows[cut:]])


def _key(n: str) -> tuple[int, str]:
    """ruff's order of names: CONSTANTS, Classes, then the rest."""
    return (0 if n.isupper() else 1 if n[0].isupper() else 2, n)


#: names on one line: ``["A", "B"]``, ``(("A", "B"), ...``, ``from .x import A, B``
_FLAT = re.compile(r'(?<=[\[(])((?:"\w+", )*"\w+")(?=[\])])|(?<= import )((?:\w+, )*\w+)$')


def _add_flat(line: str, anchors: set[str], name: str) -> str | None:
    """``line`` with ``name`` in its one-line list holding an anchor; None if it has none."""
    for m in _FLAT.finditer(line.rstrip("\n")):
        quoted = m[1] is not None
        names = re.findall(r"\w+", m[0])
        if not anchors & set(names):
            continue
        if name not in names:
            names = (
                sorted([*names, name], key=_key)
                if names == sorted(names, key=_key)
                else [
                    *names,
                    name,
                ]
            )
        joined = ", ".join(f'"{n}"' if quoted else n for n in names)
        return line[: m.start()] + joined + line[m.end() :]
    return None


def public_owner(text: str, name: str) -> str | None:
    """The module whose row of the ``PUBLIC`` table (``_public.py``) names ``name``, if any."""
    for row in ast.walk(ast.parse(text)):
        if (
            isinstance(row, ast.Tuple)
            and len(row.elts) == 3
            and isinstance(row.elts[0], ast.Constant)
            and isinstance(row.elts[1], ast.Tuple)
            and any(isinstance(n, ast.Constant) and n.value == name for n in row.elts[1].elts)
        ):
            return str(row.elts[0].value)
    return None


def add_public_name(text: str, module: str, name: str, where: str) -> str:
    """``name`` into the names of ``module``'s row of the ``PUBLIC`` table (``_public.py``),
    at its sorted place: the row public in both packages when the module has several; a new
    row ``(module, (name,), BOTH)`` at the end of the table when it has none."""
    table = next(
        (
            n.value
            for n in ast.parse(text).body
            if isinstance(n, ast.AnnAssign | ast.Assign)
            and "PUBLIC" in ast.unparse(n.target if isinstance(n, ast.AnnAssign) else n.targets[0])
        ),
        None,
    )
    if not isinstance(table, ast.Tuple) or not table.elts:
        raise Refused(f"{where} has no `PUBLIC = (...)` table of rows")
    rows = [
        r
        for r in table.elts
        if isinstance(r, ast.Tuple)
        and len(r.elts) == 3
        and isinstance(r.elts[0], ast.Constant)
        and r.elts[0].value == module
        and isinstance(r.elts[1], ast.Tuple)
    ]
    lines = text.splitlines(keepends=True)
    if not rows:
        last = table.elts[-1]
        cut = last.end_lineno or 0
        row = f'    ("{module}", ("{name}",), BOTH),\n'
        return "".join([*lines[:cut], row, *lines[cut:]])
    row = next((r for r in rows if ast.unparse(r.elts[2]) == "BOTH"), rows[0])
    names_node = row.elts[1]
    assert isinstance(names_node, ast.Tuple)
    names = [e.value for e in names_node.elts if isinstance(e, ast.Constant)]
    if name in names:
        return text
    names = sorted([*names, name], key=_key)
    start, end = names_node.lineno - 1, (names_node.end_lineno or 0) - 1
    if start == end:  # one line: rewrite the tuple in place (ruff format wraps it if long)
        line = lines[start]
        b = line.encode()
        a_, z = names_node.col_offset, names_node.end_col_offset or 0
        joined = "(" + ", ".join(f'"{n}"' for n in names) + ")"
        lines[start] = (b[:a_] + joined.encode() + b[z:]).decode()
        return "".join(lines)
    # one name a line: a new line at its sorted place
    indent = re.match(r"\s*", lines[start + 1])[0]  # type: ignore[index]
    at = start + 1 + names.index(name)
    lines.insert(at, f'{indent}"{name}",\n')
    return "".join(lines)


def insert_after_last(text: str, prefix: str, line: str, where: str) -> str:
    """``line`` after the last line that starts with ``prefix``."""
    rows = text.splitlines(keepends=True)
    at = max((i for i, r in enumerate(rows) if r.startswith(prefix)), default=None)
    if at is None:
        raise Refused(f"{where} has no line starting {prefix!r} to add {line!r} after")
    return "".join([*rows[: at + 1], line + "\n", *rows[at + 1 :]])


def add_all_name(text: str, name: str, where: str) -> str:
    """``name`` into the module's ``__all__`` (one name a line), at its sorted place."""
    match = re.search(r"^__all__ = \[\n(?P<body>(?:    \"\w+\",\n)*)\]", text, re.M)
    if match is None:
        one = re.search(r"^__all__ = \[.*\]$", text, re.M)
        changed = _add_flat(one[0], {*re.findall(r"\w+", one[0])}, name) if one else None
        if one is None or changed is None:
            raise Refused(f"{where} has no `__all__ = [...]` list of names")
        return text[: one.start()] + changed + text[one.end() :]
    names = re.findall(r'"(\w+)"', match["body"])
    if name in names:
        return text

    before = next((i for i, n in enumerate(names) if _key(n) > _key(name)), len(names))
    at = match.start("body") + sum(len(f'    "{n}",\n') for n in names[:before])
    return text[:at] + f'    "{name}",\n' + text[at:]


def insert_before(text: str, marker: str, block: str, where: str) -> str:
    if text.count(marker + "\n") != 1:
        raise Refused(f"{where} lacks the line {marker.strip()!r} to insert above")
    return text.replace(marker + "\n", block.rstrip("\n") + "\n" + marker + "\n", 1)


def add_table_row(text: str, heading: str, row: str, where: str) -> str:
    """``row`` after the last row of the table under the heading that contains ``heading``."""
    rows = text.splitlines(keepends=True)
    at = next((i for i, r in enumerate(rows) if r.startswith("## ") and heading in r), None)
    if at is None:
        raise Refused(f"{where} has no section headed with {heading}")
    end = at + 1
    while end < len(rows) and rows[end].startswith("|"):
        end += 1
    return "".join([*rows[:end], row + "\n", *rows[end:]])
