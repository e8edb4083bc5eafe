"""``sigmakit data-models lineage``: the warehouse tables each element of a data model reads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from ..context import AppContext, pass_app
from ..output import OutputOptions, emit, output_options
from .shared import LINEAGE_COLUMNS, LINEAGE_FIELDS, data_model_argument


@click.command()
@data_model_argument
@output_options(fields=LINEAGE_FIELDS, columns=LINEAGE_COLUMNS, noun="source")
@pass_app
def lineage(app: AppContext, data_model: str, out: OutputOptions) -> None:
    """The warehouse tables each element reads.

    DATA_MODEL is an id, urlId or name. A row per element and warehouse table under it (its
    connection and path), through the elements it is built on. An element that reads no
    table has one row with no table."""
    sigma = app.client()
    model_id = sigma.data_models.resolve(data_model).data_model_id
    nodes = list(sigma.data_models.lineage(model_id))
    names = {e.element_id: e.name for e in sigma.data_models.elements(model_id)}
    tables = {n.inode_id: n for n in nodes if n.type == "table" and n.inode_id}
    connections: dict[str, str] = {}
    if tables:  # one listing for every connection's name
        connections = {c.connection_id: c.name for c in sigma.connections.list()}

    def rows() -> Iterator[dict[str, Any]]:
        for node in nodes:
            if node.type != "element" or node.element_id is None:
                continue
            element = names.get(node.element_id) or node.element_id
            read = [tables[i] for i in node.data_source_ids if i in tables]
            if not read:
                yield dict.fromkeys(LINEAGE_FIELDS) | {
                    "element": element,
                    "elementId": node.element_id,
                }
            for table in read:
                cid = table.connection_id
                yield {
                    "element": element,
                    "connection": connections.get(cid, cid) if cid else None,
                    "path": table.name,
                    "elementId": node.element_id,
                    "connectionId": cid,
                    "tableId": table.inode_id,
                }

    emit(rows(), out)
