"""Content as code for an agent: pull the organization's data models and workbooks into
the server's code folder, and say what applying those files would change (``code_plan``) or where
Sigma and the files differ (``code_drift``). None of them changes the organization:
``code_pull`` writes only in the code folder, and never over a file edited since the last
pull. Applying stays with ``sigmakit code apply`` and its confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from ._common import ServerContext, guarded, result

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

__all__ = ["CODE_TOOLS", "register"]

CODE_TOOLS = ("code_pull", "code_plan", "code_drift")

_KINDS: dict[str, tuple[str, ...]] = {
    "all": ("data-model", "workbook"),
    "data-model": ("data-model",),
    "workbook": ("workbook",),
}


def register(server: MCPServer, ctx: ServerContext) -> None:
    sigma = ctx.sigma
    safe = guarded(ctx)
    folder = Path(ctx.code_dir or "sigmakit-code")
    reads = ToolAnnotations(readOnlyHint=True, openWorldHint=True)

    @server.tool(annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False))
    @safe
    def code_pull(
        documents: Annotated[
            list[str] | None,
            Field(description="Data model or workbook ids, url ids or names; leave out for all."),
        ] = None,
        kind: Annotated[
            Literal["all", "data-model", "workbook"],
            Field(description="Which documents: data models, workbooks or both."),
        ] = "all",
    ) -> CallToolResult:
        """Write each data model's spec and each workbook's contents as one YAML file in the
        server's code folder (changes nothing in Sigma). A file edited since the last pull
        is never replaced: the call is refused and nothing is written."""
        from ...workflows.code import pull

        done = pull(sigma, folder, documents or (), kinds=_KINDS[kind])
        items = [
            {
                "file": p.path.name,
                "kind": p.kind.key,
                p.kind.id_key: p.document_id,
                "name": p.name,
                "documentVersion": p.document_version,
                "status": p.status,
            }
            for p in done
        ]
        written = sum(1 for p in done if p.status == "written")
        text = f"{len(done)} document(s) in {folder}: {written} written, the rest unchanged"
        return result(ctx, text, {"folder": str(folder), "items": items})

    @server.tool(annotations=reads)
    @safe
    def code_plan() -> CallToolResult:
        """What applying the code folder's files would change in Sigma, per data model or
        workbook (pages, elements, columns, sources added, removed or changed), and which
        changed in Sigma since they were pulled (applying those is refused). Reads only."""
        from ...workflows.code import plan

        plans = plan(sigma, folder)
        items = [
            {
                "file": p.file.path.name,
                "kind": p.file.kind.key,
                "name": p.name,
                "status": p.status,
                "changes": p.changes,
            }
            for p in plans
        ]
        pending = sum(1 for p in plans if p.changes or p.stale or p.gone)
        text = f"{pending} of {len(plans)} document(s) would change or need a look"
        return result(ctx, text, {"folder": str(folder), "items": items})

    @server.tool(annotations=reads)
    @safe
    def code_drift() -> CallToolResult:
        """Where Sigma and the code folder's files differ, and which side moved (changed in
        Sigma, edited here, both, or gone from Sigma). Reads only."""
        from ...workflows.code import drift

        found = drift(sigma, folder)
        items = [
            {
                "file": d.file.path.name,
                "kind": d.file.kind.key,
                "name": d.name,
                "status": d.status,
                "changes": d.changes,
            }
            for d in found
        ]
        off = sum(1 for d in found if d.status != "in sync")
        return result(
            ctx,
            f"{off} of {len(found)} document(s) differ",
            {"folder": str(folder), "items": items},
        )
