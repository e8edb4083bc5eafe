"""Read tools over the SDK's typed resources: one bounded page per call (``limit`` at most
200, 50 by default) and an opaque ``cursor`` for the next one, so no list is ever held
whole; and lookups of one thing by id, name or email."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any

from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from ._common import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ServerContext,
    check_limit,
    decode_cursor,
    encode_cursor,
    guarded,
    result,
)

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from ..._pagination import Paginator

__all__ = ["READ_TOOLS", "page_result", "register"]

#: bounds shown in the schema and checked by the tool (check_limit), in one line
Limit = Annotated[
    int,
    Field(
        description=f"Items per page (1-{MAX_LIMIT}).",
        json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT},
    ),
]
Cursor = Annotated[
    str | None,
    Field(description="The nextCursor of the previous call; leave out for the first page."),
]
READ = ToolAnnotations(readOnlyHint=True, openWorldHint=True)


def page_result(
    ctx: ServerContext,
    tool: str,
    what: str,
    scope: Mapping[str, Any],
    make: Callable[[int], Paginator[Any]],
    limit: int,
    cursor: str | None,
    row: Callable[[Any], Mapping[str, Any]] | None = None,
) -> CallToolResult:
    """One page of ``make(limit)`` from ``cursor``: its items and the cursor of the next
    page (``None`` at the end). ``scope`` holds the filters a cursor is bound to."""
    check_limit(limit)
    start = decode_cursor(tool, scope, cursor)
    paginator = make(limit)
    page = paginator.page() if start is None else paginator.page(start[0], style=start[1])
    items = [dict(row(i)) if row else i.to_dict() for i in page.items]
    nxt = (
        None
        if page.next_cursor is None
        else encode_cursor(tool, scope, page.next_cursor, page.style)
    )
    more = "; more with nextCursor" if nxt else "; the last page"
    return result(
        ctx, f"{len(items)} {what}{more}", {"items": items, "count": len(items), "nextCursor": nxt}
    )


#: the read tools, by name (the tool list a test checks)
READ_TOOLS = (
    "whoami",
    "list_members",
    "get_member",
    "list_teams",
    "list_team_members",
    "list_workspaces",
    "list_workbooks",
    "list_data_models",
    "list_connections",
    "list_grants",
    "list_schedules",
    "list_user_attributes",
    "list_account_types",
)


def register(server: MCPServer, ctx: ServerContext) -> None:
    sigma = ctx.sigma
    safe = guarded(ctx)

    @server.tool(annotations=READ)
    @safe
    def whoami() -> CallToolResult:
        """Who the server's credentials belong to, and which organization's API it calls."""
        me = sigma.whoami()
        data = {**me.to_dict(), "baseUrl": sigma.base_url}
        return result(ctx, f"{me.email} ({me.member_type}) at {sigma.base_url}", data)

    @server.tool(annotations=READ)
    @safe
    def list_members(
        email: Annotated[
            str | None, Field(description="One member's email (exact, any case).")
        ] = None,
        include_inactive: bool = False,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of the organization's members (email, name, account type, state)."""
        scope = {"email": email, "include_inactive": include_inactive}
        return page_result(
            ctx,
            "list_members",
            "members",
            scope,
            lambda n: sigma.members.list(
                email=email, include_inactive=include_inactive or None, page_size=n
            ),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def get_member(
        member: Annotated[str, Field(description="A member id or email (any case).")],
    ) -> CallToolResult:
        """One member, by id or email, with the teams they are in."""
        found = sigma.members.resolve(member)
        teams = [t.to_dict() for t in sigma.teams.of_member(found.member_id, limit=MAX_LIMIT)]
        data = {**found.to_dict(), "teams": teams}
        return result(ctx, f"{found.email}: {found.member_type}, {len(teams)} teams", data)

    @server.tool(annotations=READ)
    @safe
    def list_teams(
        name: Annotated[str | None, Field(description="An exact team name.")] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of the organization's teams."""
        return page_result(
            ctx,
            "list_teams",
            "teams",
            {"name": name},
            lambda n: sigma.teams.list(name=name, page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_team_members(
        team: Annotated[str, Field(description="A team name or id.")],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of a team's members (member ids, and whether each is a team admin)."""
        team_id = sigma.teams.resolve(team).team_id
        return page_result(
            ctx,
            "list_team_members",
            "team members",
            {"team": team_id},
            lambda n: sigma.teams.members(team_id, page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_workspaces(
        name: Annotated[str | None, Field(description="A workspace name to filter on.")] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of the organization's workspaces."""
        return page_result(
            ctx,
            "list_workspaces",
            "workspaces",
            {"name": name},
            lambda n: sigma.workspaces.list(name=name, page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_workbooks(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> CallToolResult:
        """A page of the workbooks the credentials can see."""
        return page_result(
            ctx,
            "list_workbooks",
            "workbooks",
            {},
            lambda n: sigma.workbooks.list(page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_data_models(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> CallToolResult:
        """A page of the data models the credentials can reach (their code is read with
        code_pull / code_plan)."""
        return page_result(
            ctx,
            "list_data_models",
            "data models",
            {},
            lambda n: sigma.data_models.list(page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_connections(
        search: Annotated[str | None, Field(description="Part of a connection name.")] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of the organization's connections."""
        return page_result(
            ctx,
            "list_connections",
            "connections",
            {"search": search},
            lambda n: sigma.connections.list(search=search, page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_grants(
        kind: Annotated[str, Field(description="workspace or connection")],
        target: Annotated[str, Field(description="The workspace id, or connection name or id.")],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of the grants on a workspace or a connection (who holds what permission)."""
        from ..._errors import InputError

        if kind == "workspace":
            target_id = sigma.workspaces.get(target).workspace_id

            def make(n: int) -> Paginator[Any]:
                return sigma.workspaces.grants(target_id, page_size=n)
        elif kind == "connection":
            target_id = sigma.connections.resolve(target).connection_id

            def make(n: int) -> Paginator[Any]:
                return sigma.connections.grants(target_id, page_size=n)
        else:
            raise InputError(f"kind is workspace or connection, not {kind!r}")
        scope = {"kind": kind, "target": target_id}
        return page_result(ctx, "list_grants", "grants", scope, make, limit, cursor)

    @server.tool(annotations=READ)
    @safe
    def list_schedules(
        workbook: Annotated[
            str | None, Field(description="A workbook name or id: its scheduled exports.")
        ] = None,
        member: Annotated[
            str | None, Field(description="A member id or email: the schedules they own.")
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """A page of scheduled exports: of one workbook, or owned by one member."""
        from ..._errors import InputError

        if (workbook is None) == (member is None):
            raise InputError("give a workbook or a member (one of the two)")
        if workbook is not None:
            owner = sigma.workbooks.resolve(workbook).workbook_id

            def make(n: int) -> Paginator[Any]:
                return sigma.schedules.list(owner, page_size=n)
        else:
            owner = sigma.members.resolve(str(member)).member_id

            def make(n: int) -> Paginator[Any]:
                return sigma.schedules.for_member(owner, page_size=n)

        scope = {"workbook": workbook is not None, "owner": owner}
        return page_result(ctx, "list_schedules", "schedules", scope, make, limit, cursor)

    @server.tool(annotations=READ)
    @safe
    def list_user_attributes(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> CallToolResult:
        """A page of the organization's user attributes."""
        return page_result(
            ctx,
            "list_user_attributes",
            "user attributes",
            {},
            lambda n: sigma.user_attributes.list(page_size=n),
            limit,
            cursor,
        )

    @server.tool(annotations=READ)
    @safe
    def list_account_types(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> CallToolResult:
        """A page of the organization's account types (Admin, Pro, Lite and custom ones)."""
        return page_result(
            ctx,
            "list_account_types",
            "account types",
            {},
            lambda n: sigma.account_types.list(page_size=n),
            limit,
            cursor,
        )
