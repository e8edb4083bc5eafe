"""One raw tool: any GET of Sigma's API, checked against the API description bundled with
sigmakit as ``sigmakit api`` is (``sigmakit._raw``: unknown paths, methods and query
parameters are refused before anything is sent; the token endpoint never). A paged list
comes one bounded page at a time, with a cursor. A change through the raw API goes in two
steps, as every other: ``plan_api_call``, then ``apply_plan``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from ._common import DEFAULT_LIMIT, ServerContext, check_limit, decode_cursor, guarded, result
from .reads import Cursor, Limit, page_result

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

__all__ = ["register"]


def register(server: MCPServer, ctx: ServerContext) -> None:
    sigma = ctx.sigma
    safe = guarded(ctx)

    @server.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=True))
    @safe
    def api_request(
        path: Annotated[
            str,
            Field(description="As the API reference writes it: /v2/members/{memberId}."),
        ],
        method: Annotated[str, Field(description="GET; changes go through plan_api_call.")] = "GET",
        path_params: Annotated[
            dict[str, str] | None, Field(description="Values for the {placeholders}.")
        ] = None,
        query: Annotated[dict[str, Any] | None, Field(description="Query parameters.")] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """Any GET operation of Sigma's API (checked against the bundled API description:
        an unknown path, method or query parameter is refused, naming the closest
        operations, and nothing is sent). A paged list answers one page of at most
        ``limit`` entries and a nextCursor."""
        from ..._raw import prepare

        verb = method.strip().upper()
        if verb != "GET":
            if not ctx.allow_writes:
                raise ToolError(
                    f"refused: {verb} changes the organization and this server is read-only "
                    "(start it with --allow-writes)"
                )
            raise ToolError(
                f"refused: a {verb} goes in two steps here: plan_api_call, then apply_plan"
            )
        call = prepare("GET", path, params=query, path_params=path_params, base_url=sigma.base_url)
        params = dict(query or {})
        if call.operation is not None and call.operation.paging is not None:
            check_limit(limit)
            size = "pageSize" if call.operation.paging == "token" else "limit"
            params.pop(size, None)
            params.pop("page", None)
            params.pop("pageToken", None)
            params[size] = limit
            scope = {"path": call.url, "query": params}
            decode_cursor("api_request", scope, cursor)  # bad cursor: refused before a call
            return page_result(
                ctx,
                "api_request",
                "entries",
                scope,
                lambda n: sigma.paginate(path, params=params, path_params=path_params),
                limit,
                cursor,
                row=lambda entry: entry if isinstance(entry, dict) else {"value": entry},
            )
        if cursor:
            raise ToolError(f"{call.operation} is not a paged list; it takes no cursor")
        answer = sigma.request("GET", path, params=query, path_params=path_params)
        data = answer if isinstance(answer, dict) else {"value": answer}
        return result(ctx, f"GET {call.url}: {_shape(answer)}", data)


def _shape(answer: Any) -> str:
    if isinstance(answer, dict):
        keys = ", ".join(list(answer)[:6])
        return f"an object ({keys}{', ...' if len(answer) > 6 else ''})"
    if isinstance(answer, list):
        return f"a list of {len(answer)}"
    return type(answer).__name__
