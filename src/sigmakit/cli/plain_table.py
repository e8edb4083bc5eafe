# generated from the click commands by scripts/plain_lines.py: edit those, then run it
"""The command lines ``fast.py`` runs without click, as the click commands define them.

``GLOBAL_OPTIONS``: the root options that may come anywhere on the line (name -> whether it
takes a value). ``ROOT``: each root option as (names, takes a value, environment variables,
where the runner puts it; None: the line is left to click). ``COMMANDS``: command path ->
(the function of ``plain.py`` that runs it, its output (pipe format, table columns, noun),
its parameters as (kind, name, option names, required, detail)).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: see sigmakit/__init__.py
if TYPE_CHECKING:
    from typing import Any

GLOBAL_OPTIONS: dict[str, bool] = {
    "--profile": True,
    "--debug": False,
    "-q": False,
    "--quiet": False,
    "--no-pager": False,
}
ROOT: tuple[tuple[Any, ...], ...] = (
    (("--profile",), True, ("SIGMA_PROFILE", "SIGMAKIT_PROFILE"), "profile"),
    (("--debug",), False, ("SIGMAKIT_DEBUG",), None),
    (("-q", "--quiet"), False, ("SIGMAKIT_QUIET",), "quiet"),
    (("--no-pager",), False, (), "no_pager"),
)
COMMANDS: dict[tuple[str, ...], tuple[Any, ...]] = {
    ("auth", "check"): (
        "auth_check",
        ("json", None, None),
        (
            (
                "choice",
                "output_format",
                ("--output", "-o"),
                False,
                ("table", "json", "jsonl", "csv"),
            ),
            (
                "fields",
                "fields",
                ("--fields",),
                False,
                (
                    "name",
                    "email",
                    "memberType",
                    "userId",
                    "organizationId",
                    "baseUrl",
                    "source",
                    "profile",
                ),
            ),
        ),
    ),
    ("teams", "bulk-assign"): (
        "teams_bulk_assign",
        ("jsonl", ("email", "status", "message"), None),
        (
            ("argument", "team", (), True, None),
            ("path", "emails_file", ("--emails",), True, (False, True, False, True)),
            ("flag", "dry_run", ("--dry-run",), False, None),
            (
                "choice",
                "output_format",
                ("--output", "-o"),
                False,
                ("table", "json", "jsonl", "csv"),
            ),
            ("fields", "fields", ("--fields",), False, ("email", "status", "message", "id")),
        ),
    ),
    ("teams", "bulk-remove"): (
        "teams_bulk_remove",
        ("jsonl", ("email", "status", "message"), None),
        (
            ("argument", "team", (), True, None),
            ("path", "emails_file", ("--emails",), True, (False, True, False, True)),
            ("flag", "dry_run", ("--dry-run",), False, None),
            ("flag", "yes", ("-y", "--yes"), False, None),
            (
                "choice",
                "output_format",
                ("--output", "-o"),
                False,
                ("table", "json", "jsonl", "csv"),
            ),
            ("fields", "fields", ("--fields",), False, ("email", "status", "message", "id")),
        ),
    ),
}
