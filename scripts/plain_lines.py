"""Write ``src/sigmakit/cli/plain_table.py``, the table of command lines the plain-line
runner (``cli/fast.py``) takes without click, from the click commands themselves.

    python scripts/plain_lines.py           # rewrite the table if it is stale
    python scripts/plain_lines.py --check   # write nothing; exit 1 if the table is stale

The click commands are the one definition of every option. This script reads the root
command's options and the parameters of each command in :data:`PLAIN_COMMANDS` (names,
whether they take a value, choices, environment variables, what ``--fields`` knows, the
``--output`` pipe default...) and writes them as plain data, which ``fast.py`` reads with
nothing but ``os`` and ``sys`` imported. A parameter the runner cannot take the way click
does (a count, a number, a repeated option...) stops the script with the command and the
parameter named: leave the command to click, or teach the runner. Each command's body is
the function of ``cli/plain.py`` named after its path (``teams bulk-assign`` ->
``teams_bulk_assign``), taking the command's parameters by name; the script checks that
too. ``make lint`` runs ``--check``.
"""

from __future__ import annotations

import argparse
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "sigmakit" / "cli" / "plain_table.py"

#: the command lines run without click: the ones people run in loops and scripts
PLAIN_COMMANDS = (("auth", "check"), ("teams", "bulk-assign"), ("teams", "bulk-remove"))
#: the root options the runner takes; any other (--debug, --version, --help) is click's
ROOT_TAKEN = ("profile", "quiet", "no_pager")

HEADER = "# generated from the click commands by scripts/plain_lines.py: edit those, then run it\n"
DOC = '''"""The command lines ``fast.py`` runs without click, as the click commands define them.

``GLOBAL_OPTIONS``: the root options that may come anywhere on the line (name -> whether it
takes a value). ``ROOT``: each root option as (names, takes a value, environment variables,
where the runner puts it; None: the line is left to click). ``COMMANDS``: command path ->
(the function of ``plain.py`` that runs it, its output (pipe format, table columns, noun),
its parameters as (kind, name, option names, required, detail)).
"""
'''


class Unsupported(Exception):
    """A parameter the plain-line runner cannot take as click does."""


def _names(option: click.Option) -> tuple[str, ...]:
    return tuple(option.opts)


def _envvars(param: click.Parameter) -> tuple[str, ...]:
    envvar = param.envvar
    if envvar is None:
        return ()
    return (envvar,) if isinstance(envvar, str) else tuple(envvar)


def root_options(cli: click.Command) -> tuple[dict[str, bool], list[tuple[Any, ...]]]:
    """(GLOBAL_OPTIONS, ROOT) from the root command's options."""
    hoisted: dict[str, bool] = {}
    root: list[tuple[Any, ...]] = []
    for param in cli.params:
        if not isinstance(param, click.Option) or param.is_eager:
            continue  # --version, --help: answered by click wherever they are
        takes_value = not param.is_flag
        for name in _names(param):
            hoisted[name] = takes_value
        where = param.name if param.name in ROOT_TAKEN else None
        root.append((_names(param), takes_value, _envvars(param), where))
    return hoisted, root


def _parameter(path: str, param: click.Parameter) -> tuple[Any, ...]:
    """(kind, name, option names, required, detail) of one parameter of a command."""
    from sigmakit.cli.output import FieldsCheck

    what = f"`sigmakit {path}` parameter {param.name!r}"
    if param.multiple or param.nargs != 1 or _envvars(param):
        raise Unsupported(f"{what}: repeated, several values or an environment variable")
    if isinstance(param, click.Argument):
        if not isinstance(param.type, click.types.StringParamType):
            raise Unsupported(f"{what}: an argument that is not a string")
        return ("argument", param.name, (), param.required, None)
    assert isinstance(param, click.Option)
    names = _names(param)
    if param.secondary_opts or param.count:
        raise Unsupported(f"{what}: an on/off pair or a count")
    if param.is_flag:
        return ("flag", param.name, names, False, None)
    if isinstance(param.callback, FieldsCheck):
        return ("fields", param.name, names, param.required, tuple(param.callback.known()))
    if param.callback is not None:
        raise Unsupported(f"{what}: a callback the runner cannot run")
    if isinstance(param.type, click.types.StringParamType):
        return ("value", param.name, names, param.required, None)
    if isinstance(param.type, click.Choice):
        choices = tuple(str(c) for c in param.type.choices)
        return ("choice", param.name, names, param.required, choices)
    if isinstance(param.type, click.Path):
        kind = param.type
        if kind.writable or kind.executable or kind.allow_dash or kind.resolve_path:
            raise Unsupported(f"{what}: a path that must be writable, executable or '-'")
        checks = (kind.exists, kind.file_okay, kind.dir_okay, kind.readable)
        return ("path", param.name, names, param.required, checks)
    raise Unsupported(f"{what}: of type {param.type.name}")


def command_entry(cli: click.Group, path: tuple[str, ...]) -> tuple[Any, ...]:
    """(runner, output, parameters) of one command, checked against its runner."""
    from sigmakit.cli import plain
    from sigmakit.cli.output import FieldsCheck

    ctx = click.Context(cli)
    command: click.Command | None = cli
    for word in path:
        assert isinstance(command, click.Group)
        command = command.get_command(ctx, word)
        if command is None:
            raise Unsupported(f"no command `sigmakit {' '.join(path)}`")
    assert command is not None
    spoken = " ".join(path)
    runner = "_".join(path).replace("-", "_")
    output: tuple[Any, ...] | None = None
    params = []
    for param in command.params:
        if param.name == "help":
            continue
        if isinstance(param.callback, FieldsCheck):
            spec = param.callback
            output = (spec.pipe, spec.columns, spec.noun)
        params.append(_parameter(spoken, param))
    if output is None:
        raise Unsupported(f"`sigmakit {spoken}` has no --output/--fields (output_options)")
    body = getattr(plain, runner, None)
    if body is None:
        raise Unsupported(f"cli/plain.py has no {runner}() for `sigmakit {spoken}`")
    takes = set(inspect.signature(body).parameters) - {"client_of", "out"}
    given = {p[1] for p in params if p[0] not in ("fields",) and p[1] != "output_format"}
    if takes != given:
        raise Unsupported(
            f"plain.{runner}() takes {sorted(takes)}; `sigmakit {spoken}` gives {sorted(given)}"
        )
    return (runner, output, tuple(params))


def generate() -> str:
    """The table's module text, formatted as ruff formats the project."""
    from sigmakit.cli.main import cli

    hoisted, root = root_options(cli)
    commands = {path: command_entry(cli, path) for path in PLAIN_COMMANDS}
    text = (
        f"{HEADER}{DOC}\n"
        "from __future__ import annotations\n\n"
        "TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py\n"
        "if TYPE_CHECKING:\n    from typing import Any\n\n"
        f"GLOBAL_OPTIONS: dict[str, bool] = {hoisted!r}\n"
        f"ROOT: tuple[tuple[Any, ...], ...] = {tuple(root)!r}\n"
        f"COMMANDS: dict[tuple[str, ...], tuple[Any, ...]] = {commands!r}\n"
    )
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("ruff")),
            "format",
            "--quiet",
            "--stdin-filename",
            str(TARGET),
            "-",
        ],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0 or not done.stdout:
        raise SystemExit(f"ruff format failed on the table:\n{done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None, target: Path = TARGET) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the table is stale"
    )
    args = parser.parse_args(argv)
    try:
        wanted = generate()
    except Unsupported as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if current == wanted:
        return 0
    if args.check:
        print(f"stale: {target}", file=sys.stderr)
        print("run `python scripts/plain_lines.py` after changing a command", file=sys.stderr)
        return 1
    target.write_text(wanted, encoding="utf-8")
    print(f"written: {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
