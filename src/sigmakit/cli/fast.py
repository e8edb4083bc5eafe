"""The commands people run in loops and scripts, run without click's command tree.

Importing click and building the command tree costs a fifth of ``sigmakit auth check``
and of ``teams bulk-assign`` as a whole, so a plain line of one of the commands listed in
``plain_table.py`` is run from here. That table is generated from the click commands
(``scripts/plain_lines.py``, checked by ``make lint``), so their options are defined once:
this module reads a line as click would by the table's rules (an option's names, whether
it takes a value, its choices, ``--fields``' names, a path's checks, the root options and
their environment variables), then runs the command's body in :mod:`.plain`, the function
the click command calls too, so the output is the same. Anything else, or anything
unusual (``--help``, ``--debug``, an option given twice, an unknown format or field,
``--``, shell completion), is left to click, which answers it as always. A failure goes
through the CLI's one error boundary (:func:`.exits.report_failure`, imported only then):
the same line on stderr, the same exit code.

This module imports nothing but ``os`` and ``sys`` until it knows it runs the command.
"""

from __future__ import annotations

import os
import sys

from .plain_table import COMMANDS, ROOT
from .startup import hoist_global_options, make_client

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from .._client import Sigma

__all__ = ["run"]

#: what click's boolean options take from the environment (``click.BOOL``)
_FALSE = ("", "0", "false", "f", "no", "n", "off")
_TRUE = ("1", "true", "t", "yes", "y", "on")


def _value(args: list[str], i: int, names: tuple[str, ...]) -> tuple[str, int] | None:
    """The value of option ``args[i]`` if it is one of ``names`` (``-o X``, ``-oX``,
    ``--output X``, ``--output=X``) and where the next option starts; else None."""
    arg = args[i]
    if arg in names:
        return (args[i + 1], i + 2) if i + 1 < len(args) else None
    for name in names:
        if name.startswith("--"):
            if arg.startswith(name + "="):
                return arg[len(name) + 1 :], i + 1
        elif arg.startswith(name) and len(arg) > len(name) and not arg.startswith("--"):
            return arg[len(name) :], i + 1
    return None


def _fields(value: str, known: tuple[str, ...]) -> tuple[str, ...] | bool | None:
    """``--fields`` as ``output_options`` reads it ("" is every field: None); False if
    click must answer (names no field, or one the command does not know)."""
    fields = tuple(f.strip() for f in value.split(",") if f.strip()) if value else None
    if value and not fields:
        return False
    if not set(fields or ()) <= set(known):
        return False
    return fields


def _path(value: str, checks: tuple[bool, bool, bool, bool]) -> bool:
    """Whether ``click.Path`` takes ``value`` without a word (else click says why)."""
    exists, file_okay, dir_okay, readable = checks
    if not value or value == "-":
        return False
    if not os.path.exists(value):
        return not exists
    is_dir = os.path.isdir(value)
    if (is_dir and not dir_okay) or (not is_dir and not file_okay):
        return False
    return not readable or os.access(value, os.R_OK)


def _root(line: list[str]) -> tuple[dict[str, Any], int] | None:
    """The root options (from the environment, then the front of ``line``) and where the
    command starts; None if click must answer."""
    got: dict[str, Any] = {}
    for _, takes_value, envvars, where in ROOT:
        for name in envvars:
            raw = os.environ.get(name)
            if takes_value:
                if raw and where is not None and where not in got:
                    got[where] = raw  # click takes the first one set
                continue
            flag = (raw or "").strip().lower()
            if flag not in (*_FALSE, *_TRUE):
                return None  # click says the value is not a boolean
            if flag in _TRUE:
                if where is None:
                    return None  # --debug traces every call: click's path
                got[where] = True
    seen: set[str] = set()
    i = 0
    while i < len(line) and line[i].startswith("-"):
        for names, takes_value, _, where in ROOT:
            if where is None or where in seen:
                continue
            if not takes_value and line[i] in names:
                got[where], i = True, i + 1
                break
            value = _value(line, i, names) if takes_value else None
            if value is not None:
                got[where], i = value
                break
        else:
            return None  # --debug, --version, --help, a typo, a repeat...
        seen.add(where)
    return got, i


def _parse(args: list[str]) -> tuple[str, tuple[Any, ...], dict[str, Any], dict[str, Any]] | None:
    """(the body's name in ``plain.py``, the command's output, the root options, the
    command's parameters) of a plain line this module runs, else None."""
    if os.environ.get("_SIGMAKIT_COMPLETE") or "--" in args:
        return None
    line = hoist_global_options(args)
    root = _root(line)
    if root is None:
        return None
    options, i = root
    entry = COMMANDS.get(tuple(line[i : i + 2]))
    if entry is None:
        return None
    runner, output, params = entry
    given: dict[str, Any] = {}
    i += 2
    while i < len(line):
        arg = line[i]
        for kind, name, names, _, detail in params:
            if name in given:
                continue  # a repeat is click's to answer
            if kind == "argument":
                if arg.startswith("-"):
                    continue
                given[name], i = arg, i + 1
                break
            if kind == "flag":
                if arg in names:
                    given[name], i = True, i + 1
                    break
                continue
            got = _value(line, i, names)
            if got is None:
                continue
            value, i = got
            if kind == "choice" and value not in detail:
                return None  # click names the choices
            if kind == "path" and not _path(value, detail):
                return None  # click.Path's own answers
            if kind == "fields":
                fields = _fields(value, detail)
                if fields is False:
                    return None  # click names the unknown field
                given[name] = fields
            else:
                given[name] = value
            break
        else:
            return None  # an unknown option, one given twice, an extra argument...
    for kind, name, _, required, _ in params:
        if name not in given:
            if required:
                return None  # click says what is missing
            given[name] = False if kind == "flag" else None
    return runner, output, options, given


def run(args: list[str]) -> bool:
    """Run ``args`` here if it is a line this module takes (then exit with the command's
    code: the CLI's message and code on failure); False if it is not, and nothing was done."""
    parsed = _parse(args)
    if parsed is None:
        return False
    runner, (pipe, columns, noun), options, given = parsed
    client: Sigma | None = None

    def client_of() -> Sigma:
        nonlocal client
        if client is None:
            client = make_client(options.get("profile"))
        return client

    from . import output, plain

    code = 0
    try:
        out = output.OutputOptions(
            output.pick_format(given.pop("output_format"), pipe),
            given.pop("fields"),
            columns,
            noun,
            checked=True,
            quiet=bool(options.get("quiet")),
            no_pager=bool(options.get("no_pager")),
        )
        code = getattr(plain, runner)(client_of, out, **given)
    except (KeyboardInterrupt, Exception) as exc:
        if isinstance(exc, BrokenPipeError):
            # the reader of stdout went away (`| head`): quiet, exit 1, as click does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        from .exits import report_failure

        code = report_failure(exc, debug=False)
    finally:
        if client is not None:
            client.close()
        _leaving()
    if code:
        sys.exit(code)
    return True


def _leaving() -> None:
    """The command is done and the process ends: keep the interpreter's collections at
    shutdown from walking every object the imports made (as long as a tenth of
    ``auth check``). Only the collector is spared: everything is still freed by reference
    counting, these commands leave no file open, and stdout and stderr are flushed at exit
    as always."""
    import gc

    gc.freeze()
