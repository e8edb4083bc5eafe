"""The root of the ``sigmakit`` command, where every failure ends in the one error
boundary (``exits.report_failure``): a one-line message on stderr and a documented exit
code; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence
from typing import Any

import click

from .._version import __version__
from .context import AppContext
from .exits import ExitCode, flush_stdout, one_line, report_failure, silence_stdout
from .startup import GLOBAL_OPTIONS, hoist_global_options

__all__ = ["GLOBAL_OPTIONS", "cli", "hoist_global_options", "main", "report_failure"]

#: command name -> "module:attribute"; loaded only when used (or listed by --help)
COMMANDS = {
    "auth": "sigmakit.cli.auth:group",
    "members": "sigmakit.cli.members:group",
    "account-types": "sigmakit.cli.account_types:group",
    "teams": "sigmakit.cli.teams:group",
    "tags": "sigmakit.cli.tags:group",
    "tenants": "sigmakit.cli.tenants:group",
    "user-attributes": "sigmakit.cli.user_attributes:group",
    "onboard": "sigmakit.cli.onboard:onboard",
    "access": "sigmakit.cli.access:group",
    "workbooks": "sigmakit.cli.workbooks:group",
    "data-models": "sigmakit.cli.data_models:group",
    "reports": "sigmakit.cli.reports:group",
    "promote": "sigmakit.cli.promote:group",
    "embed": "sigmakit.cli.embed:group",
    "connections": "sigmakit.cli.connections:group",
    "schedules": "sigmakit.cli.schedules:group",
    "favorites": "sigmakit.cli.favorites:group",
    "templates": "sigmakit.cli.templates:group",
    "code": "sigmakit.cli.code:group",
    "api": "sigmakit.cli.api:api",
    "mcp": "sigmakit.cli.mcp:mcp",
    "emulator": "sigmakit.cli.emulator:group",
    "demo": "sigmakit.cli.demo:demo",
    "completion": "sigmakit.cli.complete:completion",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attr = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            if not isinstance(command, click.Command):  # pragma: no cover - a wiring mistake
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            return command
        return super().get_command(ctx, cmd_name)


def _usage_error(exc: click.UsageError) -> click.exceptions.Exit:
    """Print a usage error as the tool's one line (or the help a bare group asked for)."""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        # a group given no subcommand (`sigmakit members`): its help, and that is no error
        click.echo(exc.ctx.get_help())
        return click.exceptions.Exit(ExitCode.OK)
    # one line, with the way to more help, instead of click's usage block
    where = exc.ctx.command_path if exc.ctx is not None else "sigmakit"
    click.echo(f"error: {one_line(exc.format_message())} (see '{where} --help')", err=True)
    return click.exceptions.Exit(ExitCode.USAGE)


class RootGroup(LazyGroup):
    """The error boundary: whatever a command raises becomes one line and an exit code."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, hoist_global_options(args))
        except click.UsageError as exc:  # a mistake in the root's own options
            raise _usage_error(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _usage_error(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # the reader of stdout went away (`| head`): not an error, exit 0 (click's own
            # handling would exit 1, failing a `set -o pipefail` script)
            silence_stdout()
            raise click.exceptions.Exit(ExitCode.OK) from None
        except (KeyboardInterrupt, Exception) as exc:
            debug = isinstance(ctx.obj, AppContext) and ctx.obj.debug
            raise click.exceptions.Exit(report_failure(exc, debug=debug)) from None


@click.group(
    cls=RootGroup,
    lazy=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--profile",
    envvar=["SIGMA_PROFILE", "SIGMAKIT_PROFILE"],
    help="Settings profile from the config file (env SIGMA_PROFILE or SIGMAKIT_PROFILE).",
)
@click.option(
    "--debug",
    is_flag=True,
    envvar="SIGMAKIT_DEBUG",
    help="Trace every HTTP call on stderr (secrets redacted); show tracebacks.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    envvar="SIGMAKIT_QUIET",
    help="Only data and errors: no progress, summaries or notes on stderr.",
)
@click.option(
    "--no-pager",
    is_flag=True,
    help="Print long tables straight out, not through $PAGER (default: less -FRX).",
)
@click.version_option(__version__, prog_name="sigmakit")
@click.pass_context
def cli(ctx: click.Context, profile: str | None, debug: bool, quiet: bool, no_pager: bool) -> None:
    """Automate Sigma Computing: members, teams, workbooks, exports and more.

    Credentials come whole from one place: --profile NAME, else the environment
    (SIGMA_CLIENT_ID, SIGMA_CLIENT_SECRET, SIGMA_BASE_URL or SIGMA_REGION), else a
    QuickStart .env in the current folder, else the default profile that `sigmakit auth
    login` writes (`sigmakit auth check` says which). Try `sigmakit demo` to see it all
    work against a local emulator of Sigma's API. Global options (--profile, --debug, -q,
    --no-pager) may come anywhere on the line.
    """
    if ctx.invoked_subcommand is None:  # bare `sigmakit`: the help, and no error
        click.echo(ctx.get_help())
        ctx.exit(ExitCode.OK)
    app = ctx.ensure_object(AppContext)
    app.profile = profile
    app.debug = debug
    app.quiet = quiet
    app.no_pager = no_pager
    ctx.call_on_close(app.close)
    if debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
        logger = logging.getLogger("sigmakit")
        previous = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)

        def undo() -> None:
            logger.removeHandler(handler)
            logger.setLevel(previous)

        ctx.call_on_close(undo)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command (the console script's entry point)."""
    try:
        cli.main(args=argv, prog_name="sigmakit")
    except BrokenPipeError:
        # the reader went away (`| head`): not an error; silence the flush at exit
        silence_stdout()
        sys.exit(ExitCode.OK)
    except SystemExit:
        flush_stdout()
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
