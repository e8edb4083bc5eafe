"""Generate the sync SDK from its async source (the approach of httpcore's unasync).

The HTTP core, the pagination, the client and every resource module are written once, as
async code under ``src/sigmakit/_async/``. This script writes their sync twins in the
mirror ``src/sigmakit/_sync/`` (httpcore's layout: ``_async/_http.py`` -> ``_sync/_http.py``,
``_async/resources/teams.py`` -> ``_sync/resources/teams.py``) by plain token replacement
(``async def`` -> ``def``, ``await x`` -> ``x``, ``AsyncPaginator`` -> ``Paginator``,
``asyncio.Lock`` -> ``threading.Lock``...), then lets ruff sort the imports and format the
result. Each generated file says where it comes from; edit the source and run
``make generate``. The public paths (``sigmakit.Sigma``, ``sigmakit.resources.teams``...)
re-export the generated names from hand-written shims.

A rule that matched nothing in any source is reported and fails the run (httpcore's
``USED_SUBS``): a rule nobody needs any more is dead weight, or a sign the source changed
under it.

    python scripts/unasync.py           # write the sync files
    python scripts/unasync.py --check   # exit 1 naming every generated file that is stale
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sigmakit"
SOURCE = PACKAGE / "_async"
#: where the sync twins go: a mirror of ``_async/``, nothing else in it
MIRROR = PACKAGE / "_sync"
#: async-only modules: nothing of theirs is generated
ASYNC_ONLY = frozenset({"_transport.py"})

#: (pattern, replacement), applied in this order to every line of a source file
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        # imports: the async package's modules become the sync ones beside it
        (r"\bsigmakit\._async\._transport\b", "sigmakit._httpx"),
        (r"\bsigmakit\._async\.", "sigmakit._sync."),
        (r"^import asyncio$", "import threading\nimport time"),  # ruff drops the unused one
        (r"\basyncio\.Lock\b", "threading.Lock"),
        (r"\basyncio\.sleep\b", "time.sleep"),
        # types
        (r"\bAsyncGenerator\[([^\[\]]+)\]", r"Generator[\1, None]"),
        (r"\bAwaitable\[((?:[^\[\]]|\[[^\[\]]*\])+)\]", r"\1"),
        (r"\bAsync([A-Z]\w*)", r"\1"),  # AsyncPaginator, AsyncIterator, httpx.AsyncClient...
        (r"\bASYNC_([A-Z]\w*)", r"\1"),  # a constant with an async value: ASYNC_X -> X
        # syntax: what awaiting needed and plain code does not
        (r"(?<![\w)\]])\(await ([\w.]+\([^()]*\))\)(?=[.\[])", r"\1"),  # (await f()).y -> f().y
        (r"\[(\w+) async for \1 in ((?:(?! if )[^\[\]])+)\]", r"list(\2)"),  # [x async for x in y]
        (r"\basync def\b", "def"),
        (r"\basync with\b", "with"),
        (r"\basync for\b", "for"),
        (r"\bawait ", ""),
        # names
        (r"\b__aiter__\b", "__iter__"),
        (r"\b__aenter__\b", "__enter__"),
        (r"\b__aexit__\b", "__exit__"),
        (r"\basynccontextmanager\b", "contextmanager"),
        (r"\basync_auth_flow\b", "auth_flow"),
        (r"\baiter_bytes\b", "iter_bytes"),
        (r"\baread\b", "read"),
        (r"\baclose\b", "close"),
    ]
]


def sync_path(source: Path) -> Path:
    """Where the sync twin of an async source file lives."""
    return MIRROR / source.relative_to(SOURCE)


def targets() -> dict[Path, Path]:
    """Each async source file -> the sync file generated from it."""
    out: dict[Path, Path] = {}
    for source in sorted(SOURCE.rglob("*.py")):
        if source.relative_to(SOURCE).as_posix() not in ASYNC_ONLY:
            out[source] = sync_path(source)
    return out


def unasync_text(text: str, used: set[int] | None = None) -> str:
    """The token replacements alone, line by line (``used`` collects the index in RULES of
    every rule that changed something)."""
    lines = []
    for line in text.splitlines(keepends=True):
        for index, (pattern, replacement) in enumerate(RULES):
            line, count = pattern.subn(replacement, line)
            if count and used is not None:
                used.add(index)
        lines.append(line)
    return "".join(lines)


def dead_rules() -> list[str]:
    """The rules that match nothing in any async source (httpcore's USED_SUBS check)."""
    used: set[int] = set()
    for source in sorted(SOURCE.rglob("*.py")):
        unasync_text(source.read_text(encoding="utf-8"), used)
    return [RULES[i][0].pattern for i in range(len(RULES)) if i not in used]


def orphans() -> list[Path]:
    """The modules of the mirror whose async source is gone (renamed or deleted)."""
    return sorted(
        p
        for p in MIRROR.rglob("*.py")
        if not (SOURCE / p.relative_to(MIRROR)).exists()
        or p.relative_to(MIRROR).as_posix() in ASYNC_ONLY
    )


def _ruff(args: list[str], text: str, filename: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(filename), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0 or not done.stdout:
        raise SystemExit(f"ruff {args[0]} failed on {filename}:\n{done.stderr}{done.stdout}")
    return done.stdout


def _docstring_only(source: Path) -> bool:
    body = ast.parse(source.read_text(encoding="utf-8")).body
    return len(body) == 1 and isinstance(body[0], ast.Expr)


def generate(source: Path) -> str:
    """The sync module generated from ``source``: replaced, import-sorted, formatted."""
    rel = source.relative_to(ROOT).as_posix()
    header = f"# generated from {rel} by scripts/unasync.py; edit that file, then `make generate`\n"
    if source.name == "__init__.py" and _docstring_only(source):  # says what its package is
        package = ".".join(source.parent.relative_to(PACKAGE.parent).parts)
        return header + f'"""The sync twin of ``{package}``, generated from it."""\n'
    text = header + unasync_text(source.read_text(encoding="utf-8"))
    # the imports the replacements left unused or out of order, then the formatting, with
    # the project's ruff settings as they apply at the sync module's path
    where = sync_path(source)
    text = _ruff(["check", "--fix", "--quiet", "--exit-zero"], text, where)
    return _ruff(["format", "--quiet"], text, where)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a generated file is stale"
    )
    args = parser.parse_args(argv)
    stale = []
    for source, target in targets().items():
        wanted = generate(source)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == wanted:
            continue
        stale.append(target)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(wanted, encoding="utf-8")
    # a generated module whose source is gone (renamed or deleted) goes too
    gone = orphans()
    for orphan in gone:
        if not args.check:
            orphan.unlink()
    for target in stale:
        print(f"{'stale' if args.check else 'written'}: {target}", file=sys.stderr)
    for orphan in gone:
        print(f"{'orphan' if args.check else 'removed'}: {orphan}", file=sys.stderr)
    dead = dead_rules()
    for pattern in dead:
        print(f"dead rule, it matches nothing in _async/: {pattern}", file=sys.stderr)
    if args.check and (stale or gone):
        print(
            "edit the async source, then run `make generate` (scripts/unasync.py)", file=sys.stderr
        )
        return 1
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
