"""The commands people run in loops and scripts, run without click's command tree.

Importing click and building the command tree costs a fifth of ``sigmakit auth check``
and of ``teams bulk-assign`` as a whole, so a plain line of ``auth check`` or of
``teams bulk-assign|bulk-remove TEAM --emails FILE`` is run from here: the command's
options (``-o/--output``, ``--fields``, ``--emails``, ``--dry-run``, bulk-remove's
``-y/--yes``) and the global ones (``--profile``, ``-q``, ``--no-pager``) are read as click
reads them, and the command runs the same code as its click command (:func:`make_client`,
:func:`identity`, :func:`change_team`, the output layer and the report), so the output is
the same. Anything else, or anything
unusual (``--help``, ``--debug``, an option given twice, an unknown format or field,
``--``, shell completion), is left to click, which answers it as always. A failure goes
through the CLI's one error boundary (:func:`.exits.report_failure`, imported only then):
the same line on stderr, the same exit code.

This module imports nothing but ``os`` and ``sys`` until it knows it runs the command.
"""

from __future__ import annotations

import os
import sys

from .plain import CHECK_FIELDS, REPORT_COLUMNS, REPORT_FIELDS, change_team, identity
from .startup import hoist_global_options, make_client

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from typing import Literal

    from .._client import Sigma

__all__ = ["run"]

#: ``--output`` choices (``output.FORMATS``; a test keeps the two equal)
FORMATS = ("table", "json", "jsonl", "csv")
#: what click's boolean options take from the environment (``click.BOOL``)
_FALSE = ("", "0", "false", "f", "no", "n", "off")
_TRUE = ("1", "true", "t", "yes", "y", "on")


def _value(args: list[str], i: int, short: str, long: str) -> tuple[str, int] | None:
    """The value of option ``args[i]`` if it is ``short``/``long`` (``-o X``, ``-oX``,
    ``--output X``, ``--output=X``) and where the next option starts; else None."""
    arg = args[i]
    if arg in (short, long):
        return (args[i + 1], i + 2) if i + 1 < len(args) else None
    if long and arg.startswith(long + "="):
        return arg[len(long) + 1 :], i + 1
    if short and arg.startswith(short) and len(arg) > len(short) and not arg.startswith("--"):
        return arg[len(short) :], i + 1
    return None


class _Line:
    """A command line the fast path runs: which command, and its options as click gives them."""

    def __init__(self, command: tuple[str, str]) -> None:
        self.command = command
        self.profile: str | None = (
            os.environ.get("SIGMA_PROFILE") or os.environ.get("SIGMAKIT_PROFILE") or None
        )
        self.quiet = os.environ.get("SIGMAKIT_QUIET", "").strip().lower() in _TRUE
        self.no_pager = False
        self.output: str | None = None
        self.fields: tuple[str, ...] | None = None
        self.team: str | None = None
        self.emails: str | None = None
        self.dry_run = False
        self.yes = False


#: the commands taken here: their fields, whether they take TEAM --emails FILE [--dry-run],
#: and whether they take -y/--yes
_COMMANDS = {
    ("auth", "check"): (CHECK_FIELDS, False, False),
    ("teams", "bulk-assign"): (REPORT_FIELDS, True, False),
    ("teams", "bulk-remove"): (REPORT_FIELDS, True, True),
}


def _parse(args: list[str]) -> _Line | None:
    """The command and options of a plain line this module runs, else None."""
    for name in ("SIGMAKIT_DEBUG", "SIGMAKIT_QUIET"):
        if os.environ.get(name, "").strip().lower() not in (*_FALSE, *_TRUE):
            return None  # click says the value is not a boolean
    if os.environ.get("SIGMAKIT_DEBUG", "").strip().lower() in _TRUE:
        return None  # --debug traces every call: click's path
    if os.environ.get("_SIGMAKIT_COMPLETE") or "--" in args:
        return None
    line = hoist_global_options(args)
    seen: set[str] = set()
    profile: str | None = None
    quiet = False
    no_pager = False
    i = 0
    while i < len(line) and line[i].startswith("-"):
        arg = line[i]
        if arg in ("-q", "--quiet") and arg not in seen:
            seen.update(("-q", "--quiet"))
            quiet = True
            i += 1
            continue
        if arg == "--no-pager" and arg not in seen:
            seen.add(arg)
            no_pager = True
            i += 1
            continue
        got = _value(line, i, "", "--profile")
        if got is None or "--profile" in seen:
            return None  # --debug, --version, --help, a typo, a repeat...
        seen.add("--profile")
        profile, i = got
    command = (line[i], line[i + 1]) if i + 1 < len(line) else ("", "")
    spec = _COMMANDS.get(command)
    if spec is None:
        return None
    known_fields, takes_team, takes_yes = spec
    parsed = _Line(command)
    parsed.quiet = parsed.quiet or quiet
    parsed.no_pager = no_pager
    if "--profile" in seen:
        parsed.profile = profile
    i += 2
    while i < len(line):
        arg = line[i]
        got = _value(line, i, "-o", "--output")
        if got is not None and "-o" not in seen and got[0] in FORMATS:
            seen.add("-o")
            parsed.output, i = got
            continue
        got = _value(line, i, "", "--fields")
        if got is not None and "--fields" not in seen:
            seen.add("--fields")
            # as output_options reads it: "" is every field
            value = got[0]
            parsed.fields = (
                tuple(f.strip() for f in value.split(",") if f.strip()) if value else None
            )
            if value and not parsed.fields:
                return None  # names no field (",,,"): click says so
            if not set(parsed.fields or ()) <= set(known_fields):
                return None  # click names the unknown field
            i = got[1]
            continue
        if not takes_team:
            return None
        got = _value(line, i, "", "--emails")
        if got is not None and parsed.emails is None:
            path = got[0]
            if not path or path == "-" or os.path.isdir(path):
                return None  # click.Path's own answers
            if os.path.exists(path) and not os.access(path, os.R_OK):
                return None
            parsed.emails, i = got
            continue
        if arg == "--dry-run" and not parsed.dry_run:
            parsed.dry_run = True
            i += 1
            continue
        if takes_yes and arg in ("-y", "--yes") and not parsed.yes:
            parsed.yes = True
            i += 1
            continue
        if arg.startswith("-") or parsed.team is not None:
            return None
        parsed.team = arg
        i += 1
    if takes_team and (parsed.team is None or parsed.emails is None):
        return None  # click says what is missing
    return parsed


def run(args: list[str]) -> bool:
    """Run ``args`` here if it is a line this module takes (then exit with the command's
    code: the CLI's message and code on failure); False if it is not, and nothing was done."""
    line = _parse(args)
    if line is None:
        return False
    client: Sigma | None = None

    def client_of() -> Sigma:
        nonlocal client
        if client is None:
            client = make_client(line.profile)
        return client

    from . import output

    code = 0
    try:
        output.QUIET = line.quiet  # no click context to ask
        output.NO_PAGER = line.no_pager
        if line.command == ("auth", "check"):
            out = output.OutputOptions(output.pick_format(line.output), line.fields, checked=True)
            output.emit_one(identity(client_of()), out)
        else:
            assert line.team is not None and line.emails is not None
            out = output.OutputOptions(
                output.pick_format(line.output, "jsonl"),
                line.fields,
                REPORT_COLUMNS,
                None,
                checked=True,
            )
            action: Literal["add", "remove"] = (
                "add" if line.command[1] == "bulk-assign" else "remove"
            )
            code = change_team(
                client_of, action, line.team, line.emails, line.dry_run, out, line.yes
            )
    except (KeyboardInterrupt, Exception) as exc:
        if isinstance(exc, BrokenPipeError):
            # the reader of stdout went away (`| head`): quiet, exit 1, as click does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        from .exits import report_failure

        code = report_failure(exc, debug=False)
    finally:
        output.QUIET = None
        output.NO_PAGER = None
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
