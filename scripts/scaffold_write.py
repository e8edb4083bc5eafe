"""How ``scripts/scaffold.py`` writes: every change worked out in memory first (``Changes``),
from the templates in ``scaffold_templates/``, then written, then the generators run on
what was written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from scaffold_edits import Refused, add_imports

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "scaffold_templates"


def read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


class Changes:
    """Every file the scaffold writes: new ones and the new text of existing ones."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}

    def text(self, rel: str) -> str | None:
        if rel in self.files:
            return self.files[rel]
        return read(rel) if (ROOT / rel).exists() else None

    def set(self, rel: str, text: str) -> None:
        self.files[rel] = text

    def new(self, rel: str) -> bool:
        return not (ROOT / rel).exists()


def render(template: str, ctx: dict[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    return env.get_template(template).render(**ctx)


def edit(c: Changes, rel: str, start: str | None, imports: list[tuple[str, str]], add: Any) -> None:
    """Start ``rel`` from ``start`` when it does not exist, add ``imports``, then ``add``."""
    text = c.text(rel)
    if text is None:
        if start is None:
            raise Refused(f"{rel} does not exist")
        text = start
    c.set(rel, add(add_imports(text, imports, rel)))


def generate(touched: list[str]) -> None:
    """What is generated from what was written: formatting and import order (ruff), the sync
    SDK (unasync), the public-name tables, the plain-line runner's table and
    IMPLEMENTATION_COVERAGE.md."""
    bin_ = Path(sys.executable).parent
    ruff = str(bin_ / "ruff") if (bin_ / "ruff").exists() else "ruff"
    py = [str(ROOT / rel) for rel in touched if rel.endswith(".py")]
    subprocess.run([ruff, "check", "--fix", "--quiet", "--exit-zero", *py], cwd=ROOT, check=True)
    subprocess.run([ruff, "format", "--quiet", *py], cwd=ROOT, check=True)
    for script in ("unasync.py", "public_names.py", "plain_lines.py"):
        subprocess.run([sys.executable, str(ROOT / "scripts" / script)], cwd=ROOT, check=True)
    coverage = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "implementation_coverage.py")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (ROOT / "IMPLEMENTATION_COVERAGE.md").write_text(coverage, encoding="utf-8")
