"""``sigmakit mcp``: serve sigmakit's tools to an AI agent over the Model Context Protocol
(stdio, or streamable HTTP on loopback with ``--http``). The server itself is
``sigmakit.mcp``; this command only reads the options and builds the client."""

from __future__ import annotations

import contextlib
import ipaddress
from typing import TYPE_CHECKING

import click

from .context import AppContext, pass_app

if TYPE_CHECKING:
    from .._client import Sigma

__all__ = ["mcp"]

DESTRUCTIVE_HELP = "plan_remove_from_team, plan_offboard or plan_api_delete"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command(short_help="Serve sigmakit's tools to AI agents (MCP), read-only by default.")
@click.option(
    "--allow-writes",
    is_flag=True,
    help="List the plan_* tools and apply_plan: changes, each planned first.",
)
@click.option(
    "--allow-destructive",
    "destructive",
    multiple=True,
    metavar="TOOL",
    help=f"Also list this destructive tool ({DESTRUCTIVE_HELP}); repeatable; needs --allow-writes.",
)
@click.option(
    "--plan-ttl",
    default=15.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True, max=24 * 60),
    metavar="MINUTES",
    help="How long a plan waits for apply_plan.",
)
@click.option(
    "--export-dir",
    default="sigmakit-exports",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The folder plan_export saves files in (made when needed).",
)
@click.option(
    "--code-dir",
    default="sigmakit-code",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The folder code_pull writes data models to, and code_plan and code_drift read.",
)
@click.option("--http", is_flag=True, help="Serve streamable HTTP instead of stdio.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="With --http: a loopback address."
)
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="With --http."
)
@click.option(
    "--emulator",
    "practice",
    is_flag=True,
    help="Practice mode: start a local emulator with a demo organization and use it instead "
    "of the configured one.",
)
@pass_app
def mcp(
    app: AppContext,
    allow_writes: bool,
    destructive: tuple[str, ...],
    plan_ttl: float,
    export_dir: str,
    code_dir: str,
    http: bool,
    host: str,
    port: int,
    practice: bool,
) -> None:
    """Serve sigmakit's tools over the Model Context Protocol for an AI agent: paged reads
    of members, teams, workspaces, workbooks, grants, schedules...; workflows (onboarding,
    team changes, offboarding, materializations); and a raw GET checked against the bundled
    API description.

    Read-only unless --allow-writes; even then, each change is a plan first (a plan_* tool
    changes nothing and gives a plan id) and apply_plan carries it out, refusing a plan that
    expired or whose targets changed since. Destructive tools are listed only when named
    with --allow-destructive. Credentials come from the same places as every command
    (--profile, SIGMA_*, .env); no secret is ever in a tool's answer.

    \b
      sigmakit mcp                          # read-only, over stdio
      sigmakit mcp --emulator --allow-writes   # rehearse on a local demo organization
    """
    from .extras import require_mcp

    require_mcp()
    from .._errors import InputError

    if http and not _loopback(host):
        raise InputError(
            f"--host {host} is not a loopback address: the server has no authentication of "
            "its own, so it serves only this machine"
        )
    if destructive and not allow_writes:
        raise click.UsageError("--allow-destructive needs --allow-writes")
    from ..mcp.server import ServerOptions, build_server, check_destructive

    options = ServerOptions(
        allow_writes=allow_writes,
        allow_destructive=check_destructive(destructive),
        plan_ttl=plan_ttl * 60,
        export_dir=export_dir,
        code_dir=code_dir,
        note="This is practice mode: a local emulator with a demo organization, not a real one."
        if practice
        else None,
    )
    with contextlib.ExitStack() as stack:
        sigma = _practice_client(stack, quiet=app.quiet) if practice else app.client()
        server = build_server(sigma, options)
        mode = "read-write" if allow_writes else "read-only"
        if not app.quiet:
            where = f"http://{host}:{port}/mcp" if http else "stdio"
            click.echo(f"sigmakit mcp: {mode}, {sigma.base_url}, on {where}", err=True)
        if http:
            server.run("streamable-http", host=host, port=port)
        else:
            server.run("stdio")


def _practice_client(stack: contextlib.ExitStack, *, quiet: bool) -> Sigma:
    """A client of a fresh emulator with its demo organization, stopped with the server."""
    from .extras import require_emulator

    require_emulator()
    from .._client import Sigma
    from .._settings import load_settings
    from ..emulator import EmulatorConfig, EmulatorServer

    config = EmulatorConfig(client_id="practice-client", client_secret="practice-secret")
    emulator = stack.enter_context(EmulatorServer(config))
    settings = load_settings(
        base_url=emulator.base_url,
        client_id=config.client_id,
        client_secret=config.client_secret,
        env={},
        use_dotenv=False,
    )
    if not quiet:
        click.echo(
            f"practice mode: an emulator with a demo organization at {emulator.base_url} "
            f"(web console: {emulator.base_url}/__emulator/console)",
            err=True,
        )
    return stack.enter_context(Sigma(settings=settings))
