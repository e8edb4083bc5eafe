"""The commands people run in loops and scripts, run without click's command tree.

Importing click and building the command tree costs about as much as the whole of
``sigmakit auth check`` apart from httpx, so a plain ``auth check`` line is run from here:
its options (``-o/--output``, ``--fields``) and the global ones (``--profile``, ``-q``)
are read as click reads them, and the command runs the same code (:func:`make_client`,
:func:`identity` and the output layer), so the output is the same. Anything else, or
anything unusual (``--help``, ``--debug``, an option given twice, an unknown format or
field, ``--``, shell completion), is left to click, which answers it as always. A failure
goes through the CLI's one error boundary (:func:`.main.report_failure`, imported only
then): the same line on stderr, the same exit code.

This module imports nothing but ``os`` and ``sys`` until it knows it runs the command.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from .._client import Sigma

__all__ = ["GLOBAL_OPTIONS", "hoist_global_options", "identity", "make_client", "run"]

#: options of the root command that may also come after the subcommand:
#: name -> whether it takes a value
GLOBAL_OPTIONS = {"--profile": True, "--debug": False, "--quiet": False, "-q": False}

#: what ``sigmakit auth check`` shows
CHECK_FIELDS = ("name", "email", "memberType", "userId", "organizationId", "baseUrl", "profile")
#: ``--output`` choices (``output.FORMATS``; a test keeps the two equal)
FORMATS = ("table", "json", "jsonl", "csv")
#: what click's boolean options take from the environment (``click.BOOL``)
_FALSE = ("", "0", "false", "f", "no", "n", "off")
_TRUE = ("1", "true", "t", "yes", "y", "on")


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """Move the global options found anywhere on the line (before a ``--``) to the front,
    where click reads them: ``sigmakit members list --profile prod -q`` works as
    ``sigmakit --profile prod -q members list``. Nothing after ``--`` is touched."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if name in GLOBAL_OPTIONS:
            front.append(arg)
            if GLOBAL_OPTIONS[name] and "=" not in arg and i + 1 < len(args):
                front.append(args[i + 1])
                i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


def make_client(profile: str | None) -> Sigma:
    """The SDK client a command uses: the settings of ``profile``; tokens cached between
    runs unless ``SIGMAKIT_NO_TOKEN_CACHE`` is set."""
    from .._auth import FileTokenCache, MemoryTokenCache
    from .._client import Sigma
    from .._settings import load_settings

    cache = MemoryTokenCache() if os.environ.get("SIGMAKIT_NO_TOKEN_CACHE") else FileTokenCache()
    return Sigma(settings=load_settings(profile=profile), token_cache=cache)


def identity(client: Sigma) -> dict[str, Any]:
    """What ``sigmakit auth check`` shows: who the credentials belong to, and where they
    point (as the API spells it: no model is built for a line of output)."""
    from ..resources.whoami import full_name

    me = client._whoami_fields()
    return {
        "name": full_name(me.get("firstName"), me.get("lastName")),
        "email": me.get("email"),
        "memberType": me.get("memberType"),
        "userId": me["userId"],
        "organizationId": me["organizationId"],
        "baseUrl": client.base_url,
        "profile": client.settings.profile,
    }


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


def _auth_check_line(
    args: list[str],
) -> tuple[str | None, str | None, tuple[str, ...] | None] | None:
    """(profile, format, fields) of a plain ``sigmakit auth check`` line, else None."""
    for name in ("SIGMAKIT_DEBUG", "SIGMAKIT_QUIET"):
        if os.environ.get(name, "").strip().lower() not in (*_FALSE, *_TRUE):
            return None  # click says the value is not a boolean
    if os.environ.get("SIGMAKIT_DEBUG", "").strip().lower() in _TRUE:
        return None  # --debug traces every call: click's path
    if os.environ.get("_SIGMAKIT_COMPLETE") or "--" in args:
        return None
    line = hoist_global_options(args)
    profile = os.environ.get("SIGMAKIT_PROFILE") or None
    seen: set[str] = set()
    i = 0
    while i < len(line) and line[i].startswith("-"):
        arg = line[i]
        if arg in ("-q", "--quiet") and arg not in seen:
            seen.update(("-q", "--quiet"))
            i += 1
            continue
        got = _value(line, i, "", "--profile")
        if got is None or "--profile" in seen:
            return None  # --debug, --version, --help, a typo, a repeat...
        seen.add("--profile")
        profile, i = got
    if line[i : i + 2] != ["auth", "check"]:
        return None
    output: str | None = None
    fields: tuple[str, ...] | None = None
    i += 2
    while i < len(line):
        got = _value(line, i, "-o", "--output")
        if got is not None and output is None and got[0] in FORMATS:
            output, i = got
            continue
        got = _value(line, i, "", "--fields")
        if got is not None and "--fields" not in seen:
            seen.add("--fields")
            # as output_options reads it: "" is every field
            fields = tuple(f.strip() for f in got[0].split(",") if f.strip()) if got[0] else None
            if not set(fields or ()) <= set(CHECK_FIELDS):
                return None  # click names the unknown field
            i = got[1]
            continue
        return None
    return profile, output, fields


def run(args: list[str]) -> bool:
    """Run ``args`` here if it is a line this module takes (then exit on failure, with the
    CLI's message and code); False if it is not, and nothing was done."""
    parsed = _auth_check_line(args)
    if parsed is None:
        return False
    profile, output, fields = parsed
    client: Sigma | None = None
    try:
        from .output import OutputOptions, emit_one, pick_format

        client = make_client(profile)
        emit_one(identity(client), OutputOptions(pick_format(output), fields, checked=True))
    except (KeyboardInterrupt, Exception) as exc:
        if isinstance(exc, BrokenPipeError):
            # the reader of stdout went away (`| head`): quiet, exit 1, as click does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        from .main import report_failure

        sys.exit(report_failure(exc, debug=False))
    finally:
        if client is not None:
            client.close()
    return True
