"""Source swap policies, ``swapSources`` requests and answers, and a workbook's sources: the
models and pure helpers shared by the sync and the async resources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel

__all__ = [
    "DataModelTagAssignment",
    "SourceSwapPolicy",
    "SwapResult",
    "WorkbookSource",
    "swap_body",
]


class SourceSwapPolicy(SigmaModel):
    """How a deployment (``type`` deployment) or a swap inside one connection (``type``
    connection) rewrites the connection and table paths a document reads."""

    policy_id: str
    type: str
    name: str
    from_connection_id: str
    swaps: dict[str, Any]


class SwapResult(SigmaModel):
    """What ``swapSources`` left alone: source ids and custom SQL connection ids."""

    unswapped_sources: list[str] = []
    unswapped_connections: list[str] = []


class DataModelTagAssignment(SigmaModel):
    """``POST /v2/dataModels/tag``: the tag, the tagged version's id and its version."""

    version_tag_id: str
    tagged_data_model_id: str
    tagged_data_model_version: int


class WorkbookSource(SigmaModel):
    """One source of a workbook (``type``: data-model, dataset, table or custom-sql)."""

    type: str
    data_model_id: str | None = None
    element_ids: list[str] = []
    inode_id: str | None = None
    connection_id: str | None = None
    custom_sql_id: str | None = None
    url: str | None = None


def swap_body(
    *,
    connections: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    paths: Mapping[str, Sequence[tuple[Sequence[str], Sequence[str]]]] | None = None,
    swap_tables: bool = True,
    copy_input_table_data: bool | None = None,
) -> dict[str, Any]:
    """The body of ``swapSources``: ``connections`` (from id -> to id; with
    ``swap_tables`` every table moves to the same path, or the path ``paths[from id]``
    rewrites) and ``sources`` (table, dataset or data model id -> another's)."""
    if not connections and not sources:
        raise InputError("name at least one connection or source to swap")
    body: dict[str, Any] = {}
    if connections:
        body["connectionMapping"] = [
            {
                "fromId": frm,
                "toId": to,
                "swapTables": swap_tables,
                **(
                    {
                        "paths": [
                            {"fromPath": list(a), "toPath": list(b)} for a, b in (paths or {})[frm]
                        ]
                    }
                    if frm in (paths or {})
                    else {}
                ),
            }
            for frm, to in connections.items()
        ]
    if sources:
        body["sourceMapping"] = [{"fromId": frm, "toId": to} for frm, to in sources.items()]
    if copy_input_table_data is not None:
        body["copyInputTableData"] = copy_input_table_data
    return body
