"""The access review as a tool: who can reach what, with what permission and why, one
bounded page of rows per call (the review is worked out again for each page, from the
same scope), with the findings an auditor asks for on the first page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from ._common import (
    DEFAULT_LIMIT,
    ServerContext,
    check_limit,
    decode_cursor,
    encode_cursor,
    guarded,
    result,
)
from .reads import Cursor, Limit

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from ...workflows.access import AccessReview

__all__ = ["REVIEW_TOOLS", "register"]

REVIEW_TOOLS = ("access_review",)
#: how long the pages after the first are served from the review the first page made
REVIEW_KEPT = 10 * 60.0
Names = Annotated[list[str] | None, Field(description="Ids or names; leave out for all.")]


def register(server: MCPServer, ctx: ServerContext) -> None:
    sigma = ctx.sigma
    safe = guarded(ctx)
    #: the last review of each scope and when it was made: the first page reads the
    #: organization, the pages after it are cut from that review instead of reading it again
    kept: dict[str, tuple[float, AccessReview]] = {}

    @server.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=True))
    @safe
    def access_review(
        members: Annotated[list[str] | None, Field(description="Member emails or ids.")] = None,
        teams: Names = None,
        workspaces: Names = None,
        documents: Names = None,
        folders: Names = None,
        connections: Names = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """Who can reach what, with the effective permission and why (a direct grant, a
        team's, one inherited from a workspace or folder, a connection path grant), capped
        by the account type. The first page reads the organization (scope it on a large
        one: members, teams, workspaces...); the pages after it come from that reading for
        ten minutes, then from a new one. The first page also
        carries the findings (grants to deactivated members, things shared with everyone,
        license true-ups, workspaces with no admin)."""
        from ...workflows.access import AccessOptions, review

        check_limit(limit)
        options = AccessOptions(
            members=members or (),
            teams=teams or (),
            workspaces=workspaces or (),
            documents=documents or (),
            folders=folders or (),
            connections=connections or (),
        )
        scope = {k: sorted(v) for k, v in vars(options).items() if isinstance(v, tuple | list)}
        start = decode_cursor("access_review", scope, cursor)
        if start is not None and not start[0].isdigit():
            raise ToolError("cursor is not one this server gave; leave it out for the first page")
        offset = int(start[0]) if start else 0
        key = json.dumps(scope, sort_keys=True)
        made, done = kept.get(key, (0.0, None))
        if start is None or done is None or ctx.clock() - made > REVIEW_KEPT:
            done = review(sigma, options)
            kept[key] = (ctx.clock(), done)
        rows = [r.to_dict() for r in done.rows[offset : offset + limit]]
        end = offset + len(rows)
        more = end < len(done.rows)
        data = {
            "items": rows,
            "count": len(rows),
            "total": len(done.rows),
            "nextCursor": encode_cursor("access_review", scope, str(end), "page") if more else None,
        }
        if offset == 0:
            data["findings"] = [f.to_dict() for f in done.findings]
        tail = "; more with nextCursor" if more else "; the last page"
        text = (
            f"rows {offset + 1}-{end} of {len(done.rows)}"
            + (f", {len(done.findings)} finding(s)" if offset == 0 else "")
            + tail
        )
        return result(ctx, text, data)
