"""Every change in two steps: a ``plan_*`` tool reads what the change touches, says what
it would do and keeps it under a plan id, changing nothing; ``apply_plan`` takes the id.

A plan expires after the server's ``--plan-ttl``. Each plan keeps a fingerprint of what
it read (the members, teams, workspaces... involved and their state): ``apply_plan``
plans again first and refuses, changing nothing, when the fingerprint differs (the
organization changed since: plan again and look). A plan is applied at most once.

Destructive actions (taking people out of a team, offboarding, a raw DELETE) are tools
of their own, listed only when named with ``--allow-destructive TOOL``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from ..._errors import SigmaError
from ..plan_store import DEFAULT_PLAN_TTL, Plan, Planned, PlanStore
from ._common import ServerContext, guarded, result
from .actions import ACTIONS, Emails, PathParams, PersonIn, Query, TeamRef

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer


__all__ = [
    "DEFAULT_PLAN_TTL",
    "DESTRUCTIVE_TOOLS",
    "WRITE_TOOLS",
    "Plan",
    "PlanStore",
    "Planned",
    "register",
]

#: tools that change the organization (listed only with --allow-writes)
WRITE_TOOLS = (
    "plan_onboard",
    "plan_add_to_team",
    "plan_materialize",
    "plan_export",
    "plan_api_call",
    "apply_plan",
)
#: tools that take away or delete (listed only when named with --allow-destructive)
DESTRUCTIVE_TOOLS = ("plan_remove_from_team", "plan_offboard", "plan_api_delete")


def register(server: MCPServer, ctx: ServerContext) -> None:
    """The plan tools and apply_plan, if the server may write (the destructive ones only
    if named)."""
    if not ctx.allow_writes:
        return
    store = ctx.plans
    if store is None:
        store = ctx.plans = PlanStore(clock=ctx.clock)
    sigma = ctx.sigma
    safe = guarded(ctx)
    plan_hint = ToolAnnotations(readOnlyHint=True, openWorldHint=True)

    def make_plan(tool: str, args: dict[str, Any]) -> CallToolResult:
        planned = ACTIONS[tool].plan(sigma, args)
        plan = store.add(tool, args, planned)
        data = {
            "planId": plan.plan_id,
            "tool": tool,
            "summary": planned.summary,
            "steps": planned.steps,
            "expiresInSeconds": round(plan.expires_at - store.clock()),
        }
        text = f"{planned.summary}; nothing changed yet: apply_plan {plan.plan_id} to do it"
        return result(ctx, text, data)

    def enabled(tool: str) -> bool:
        return tool not in DESTRUCTIVE_TOOLS or tool in ctx.allow_destructive

    if enabled("plan_onboard"):

        @server.tool(annotations=plan_hint)
        @safe
        def plan_onboard(
            people: Annotated[list[PersonIn], Field(min_length=1, max_length=500)],
            workspace_permission: Annotated[
                str | None, Field(description="view, explore, organize or edit")
            ] = None,
            connection_permission: Annotated[
                str | None, Field(description="usage or annotate")
            ] = None,
            send_invite: bool | None = None,
        ) -> CallToolResult:
            """Plan onboarding (changes nothing): for each person, the member, their own
            workspace and its grant, their teams and connection grants. apply_plan does it."""
            args = {
                "people": [p.model_dump() for p in people],
                "workspace_permission": workspace_permission,
                "connection_permission": connection_permission,
                "send_invite": send_invite,
            }
            return make_plan("plan_onboard", args)

    @server.tool(annotations=plan_hint)
    @safe
    def plan_add_to_team(
        team: TeamRef,
        emails: Emails,
    ) -> CallToolResult:
        """Plan adding members (by email) to a team (changes nothing): who would be added,
        who is already in, who is unknown. apply_plan does it."""
        return make_plan("plan_add_to_team", {"team": team, "emails": emails})

    if enabled("plan_remove_from_team"):

        @server.tool(annotations=plan_hint)
        @safe
        def plan_remove_from_team(
            team: TeamRef,
            emails: Emails,
        ) -> CallToolResult:
            """DESTRUCTIVE. Plan taking members (by email) out of a team (changes nothing).
            apply_plan does it."""
            return make_plan("plan_remove_from_team", {"team": team, "emails": emails})

    if enabled("plan_offboard"):

        @server.tool(annotations=plan_hint)
        @safe
        def plan_offboard(
            member: Annotated[str, Field(description="Who leaves: an email or member id.")],
            new_owner: Annotated[str, Field(description="Who gets their documents.")],
            stop_schedules: bool = False,
        ) -> CallToolResult:
            """DESTRUCTIVE. Plan offboarding (changes nothing): hand their documents and
            schedules to the new owner, leave their teams, clear their user attributes,
            then deactivate them. apply_plan does it."""
            args = {"member": member, "new_owner": new_owner, "stop_schedules": stop_schedules}
            return make_plan("plan_offboard", args)

    @server.tool(annotations=plan_hint)
    @safe
    def plan_materialize(
        workbook: Annotated[str, Field(description="A workbook name or id.")],
        element: Annotated[str | None, Field(description="An element name or sheet id.")] = None,
        all: bool = False,
        timeout: Annotated[float, Field(gt=0, le=3600)] = 600,
    ) -> CallToolResult:
        """Plan materializing a workbook's element(s) (changes nothing); apply_plan starts
        each materialization and waits for it to finish."""
        args = {"workbook": workbook, "element": element, "all": all, "timeout": timeout}
        return make_plan("plan_materialize", args)

    @server.tool(annotations=plan_hint)
    @safe
    def plan_export(
        workbook: Annotated[str, Field(description="A workbook name or id.")],
        format: Annotated[str, Field(description="csv, json, jsonl, xlsx, pdf or png")] = "csv",
        element: Annotated[str | None, Field(description="An element name or id.")] = None,
        page: Annotated[str | None, Field(description="A page name or id.")] = None,
        params: Annotated[
            dict[str, str] | None, Field(description="Control name or id -> value.")
        ] = None,
        date_ranges: Annotated[
            dict[str, str] | None, Field(description="Control -> START..END (dates).")
        ] = None,
        row_limit: Annotated[int | None, Field(ge=1)] = None,
        layout: Annotated[str | None, Field(description="portrait or landscape (pdf)")] = None,
        file_name: Annotated[
            str | None, Field(description="A bare file name in the server's export folder.")
        ] = None,
        timeout: Annotated[float, Field(gt=0, le=3600)] = 600,
    ) -> CallToolResult:
        """Plan an export to a file in the server's export folder (changes nothing: the
        workbook, element and controls are checked); apply_plan runs the export, waits for
        it and saves the file, streamed to disk."""
        args = {
            "workbook": workbook,
            "format": format,
            "element": element,
            "page": page,
            "params": params,
            "date_ranges": date_ranges,
            "row_limit": row_limit,
            "layout": layout,
            "file_name": file_name,
            "timeout": timeout,
            "folder": ctx.export_dir or "sigmakit-exports",
        }
        return make_plan("plan_export", args)

    @server.tool(annotations=plan_hint)
    @safe
    def plan_api_call(
        method: Annotated[str, Field(description="POST, PUT or PATCH")],
        path: Annotated[str, Field(description="As the API reference writes it.")],
        path_params: PathParams = None,
        query: Query = None,
        body: Annotated[Any, Field(description="The JSON body.")] = None,
    ) -> CallToolResult:
        """Plan one raw call that changes something (changes nothing; checked against the
        bundled API description). apply_plan sends it."""
        args = {
            "method": method,
            "path": path,
            "path_params": path_params,
            "query": query,
            "body": body,
        }
        return make_plan("plan_api_call", args)

    if enabled("plan_api_delete"):

        @server.tool(annotations=plan_hint)
        @safe
        def plan_api_delete(
            path: Annotated[str, Field(description="As the API reference writes it.")],
            path_params: PathParams = None,
            query: Query = None,
        ) -> CallToolResult:
            """DESTRUCTIVE. Plan one raw DELETE (changes nothing). apply_plan sends it."""
            args = {"method": "DELETE", "path": path, "path_params": path_params, "query": query}
            return make_plan("plan_api_delete", args)

    @server.tool(
        annotations=ToolAnnotations(
            readOnlyHint=False, destructiveHint=bool(ctx.allow_destructive), openWorldHint=True
        )
    )
    @safe
    def apply_plan(
        plan_id: Annotated[str, Field(description="The planId a plan_* tool gave.")],
    ) -> CallToolResult:
        """Carry out a plan. Refused, with nothing changed, if it expired or if what it read
        has changed since it was made (plan again then)."""
        plan = store.take(plan_id)
        action = ACTIONS[plan.tool]
        try:
            fresh = action.plan(sigma, plan.args)
        except SigmaError as exc:
            raise ToolError(
                f"refused: {plan.tool} can no longer be planned ({exc}); nothing was changed"
            ) from None
        if fresh.fingerprint != plan.planned.fingerprint:
            changed = _changed(plan.planned.steps, fresh.steps)
            raise ToolError(
                f"refused: the organization changed since plan {plan_id} was made ({changed}); "
                "nothing was changed: plan again and check the new steps"
            )
        summary, data = action.apply(sigma, plan.args, fresh)
        return result(
            ctx, f"applied {plan_id}: {summary}", {"planId": plan_id, "tool": plan.tool, **data}
        )


def _changed(before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]) -> str:
    """A few words on what differs between two plans' steps."""
    old = {json.dumps(s, sort_keys=True, default=str) for s in before}
    new = [s for s in after if json.dumps(s, sort_keys=True, default=str) not in old]
    if not new:
        return "what the plan read differs now"
    first = new[0]
    what = " ".join(
        str(first.get(k))
        for k in ("subject", "email", "step", "status", "message", "change")
        if first.get(k)
    )
    return f"{len(new)} step(s) differ, e.g. now: {what}"
