"""The ``sigmakit`` console script: help from a cache of click's own output, else the command.

Importing click costs more than starting the interpreter, so ``sigmakit ... --help`` is
answered, when it can be, without it: the first time a help screen is asked for, click
renders it as usual and the text is kept in ``<cache dir>/help/``; later the same screen
is printed from there. An entry is used only if it was rendered for the same command,
the same terminal width, the same sigmakit version and source files (their sizes and
modification times), the same click, and the same SIGMA*/COLUMNS environment; anything
else renders afresh. A cache that can't be read or written only costs the fast path.

This module imports nothing but ``os`` and ``sys`` before it knows it can answer.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

_HELP_FLAGS = ("--help", "-h")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _help_path(args: Sequence[str]) -> list[str] | None:
    """The command path of a plain ``sigmakit [COMMAND...] --help``, else None."""
    if not args or args[-1] not in _HELP_FLAGS or len(args) > 4:
        return None
    path = list(args[:-1])
    for word in path:
        if not word or not (word[0].isalpha() and word.replace("-", "").isalnum()):
            return None
    return path


def _width() -> int:
    """The terminal width as ``shutil.get_terminal_size`` (which click asks) finds it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def _sources_stamp() -> str:
    """Sizes and modification times of sigmakit's and click's source files, in one line."""
    newest, count, total = 0, 0, 0
    stack = [_PACKAGE]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    newest = max(newest, stat.st_mtime_ns)
                    count += 1
                    total += stat.st_size
    click_stamp = "none"
    for folder in sys.path:
        candidate = os.path.join(folder or ".", "click", "__init__.py")
        try:
            stat = os.stat(candidate)
        except OSError:
            continue
        click_stamp = f"{candidate}:{stat.st_mtime_ns}:{stat.st_size}"
        break
    return f"{newest}:{count}:{total}|{click_stamp}"


def _entry(path: list[str], width: int) -> tuple[str, str]:
    """(cache file, the stamp its first line must carry)."""
    from .._cache_dir import cache_dir
    from .._version import __version__

    env = sorted(
        f"{k}={v}" for k, v in os.environ.items() if k.startswith("SIGMA") or k == "COLUMNS"
    )
    stamp = f"{__version__}|{width}|{_sources_stamp()}|{chr(0).join(env)}".replace("\n", " ")
    name = "-".join(["sigmakit", *path, str(width)]) + ".txt"
    return os.path.join(cache_dir(), "help", name), stamp


def _cached(file: str, stamp: str) -> str | None:
    try:
        with open(file, encoding="utf-8") as f:
            first = f.readline()
            return f.read() if first.rstrip("\n") == stamp else None
    except (OSError, ValueError):
        return None


def _keep(file: str, stamp: str, text: str) -> None:
    try:
        os.makedirs(os.path.dirname(file), mode=0o700, exist_ok=True)
        temporary = f"{file}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(f"{stamp}\n{text}")
        os.replace(temporary, file)
    except OSError:
        pass  # a read-only or full disk: help still works, only slower


def _print(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`| head`): not an error; silence the flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _render(argv: list[str], file: str, stamp: str) -> None:
    """Run the command (it prints the help), keeping what it printed if it succeeded."""
    import contextlib
    import io

    from .main import main as run

    out = io.StringIO()
    code: object = 0
    try:
        with contextlib.redirect_stdout(out):
            run(argv)
    except SystemExit as done:
        code = done.code
    finally:
        _print(out.getvalue())
    if code in (0, None) and out.getvalue():
        _keep(file, stamp, out.getvalue())
    sys.exit(code)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> None:
    """The console script's entry point."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = _help_path(args)
    if path is not None:
        try:
            file, stamp = _entry(path, _width())
        except OSError:
            file = ""
        if file:
            text = _cached(file, stamp)
            if text is not None:
                _print(text)
                return
            _render(args, file, stamp)
            return
    from .exits import flush_stdout
    from .fast import run as run_fast

    try:
        if run_fast(args):  # `auth check`, without click's command tree
            flush_stdout()
            return
    except SystemExit:
        flush_stdout()
        raise
    # pydantic looks for plugins by reading every installed package's entry points when it
    # builds its first model (a quarter of `sigmakit auth check`'s own time); the command
    # uses none. PYDANTIC_DISABLE_PLUGINS set by the user, even empty, is left as it is.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .main import main as run

    run(args)
