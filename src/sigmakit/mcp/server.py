"""The MCP server: one SDK client, the tools of ``tools/`` registered on an ``MCPServer``
(the official ``mcp`` SDK) as the options allow."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .plan_store import DEFAULT_PLAN_TTL, PlanStore
from .tools._common import ServerContext
from .tools.plans import DESTRUCTIVE_TOOLS

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from .._client import Sigma

__all__ = ["ServerOptions", "build_server", "check_destructive"]

INSTRUCTIONS = """\
sigmakit's tools for a Sigma Computing organization. Lists come a page at a time: pass the
nextCursor back to get the next page. Nothing changes the organization directly: a plan_*
tool says what it would do and gives a planId (it changes nothing), apply_plan carries the
plan out; a plan expires, and one whose targets changed since is refused (plan again).
Read-only unless the server was started with --allow-writes; destructive plans (removing
from a team, offboarding, raw DELETE) only when named with --allow-destructive."""


@dataclass(frozen=True)
class ServerOptions:
    allow_writes: bool = False
    #: destructive tool names allowed (only with allow_writes)
    allow_destructive: frozenset[str] = frozenset()
    #: seconds a plan waits for apply_plan
    plan_ttl: float = DEFAULT_PLAN_TTL
    #: the folder plan_export saves files in (made when the first file is saved)
    export_dir: str = "sigmakit-exports"
    #: the folder code_pull writes and code_plan / code_drift read
    code_dir: str = "sigmakit-code"
    #: a note for the agent (practice mode says it is an emulator)
    note: str | None = None


def check_destructive(names: Iterable[str]) -> frozenset[str]:
    """The ``--allow-destructive`` names, each a destructive tool (or an InputError naming
    the closest)."""
    from .._errors import InputError
    from .._suggest import suggestion

    chosen = frozenset(n.strip() for n in names)
    for name in sorted(chosen):
        if name not in DESTRUCTIVE_TOOLS:
            raise InputError(
                f"{name!r} is not a destructive tool{suggestion(name, DESTRUCTIVE_TOOLS, aside=True)}; "
                f"they are {', '.join(DESTRUCTIVE_TOOLS)}"
            )
    return chosen


def build_server(
    sigma: Sigma,
    options: ServerOptions | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> MCPServer:
    """The MCP server for ``sigma``: read tools and the raw GET always; the plan tools and
    apply_plan with ``allow_writes``; each destructive plan tool only if named."""
    from mcp.server.mcpserver import MCPServer

    from .._version import __version__
    from .tools import code, plans, raw, reads, review

    options = options or ServerOptions()
    destructive = check_destructive(options.allow_destructive)
    if destructive and not options.allow_writes:
        from .._errors import InputError

        raise InputError("--allow-destructive needs --allow-writes")
    ctx = ServerContext(
        sigma=sigma,
        allow_writes=options.allow_writes,
        allow_destructive=destructive,
        plans=PlanStore(ttl=options.plan_ttl, clock=clock),
        export_dir=str(Path(options.export_dir).resolve()),
        code_dir=str(Path(options.code_dir).resolve()),
        clock=clock,
    )
    instructions = INSTRUCTIONS + (f"\n{options.note}" if options.note else "")
    server: MCPServer = MCPServer(
        name="sigmakit", version=__version__, instructions=instructions, log_level="WARNING"
    )
    reads.register(server, ctx)
    review.register(server, ctx)
    code.register(server, ctx)
    raw.register(server, ctx)
    plans.register(server, ctx)
    return server
