"""What a data model is built on: the tables its elements read (``/sources``), its lineage
(each element with what it reads, then each table once) and a table as a lineage node. A
part of :class:`.data_models.DataModelStore`, kept apart by size: it reads the elements
through the store and the tables through the connections' store."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .connections import ConnectionStore
from .documents import Doc
from .paging import Page, slice_page

__all__ = ["DataModelLineage"]


class DataModelLineage:
    """The data model store's lineage methods (mixed into it)."""

    connections: ConnectionStore

    def row(self, data_model_id: str, caller: str, need: str = "view") -> Doc:
        raise NotImplementedError

    def element_rows(self, data_model_id: str) -> list[sqlite3.Row]:
        raise NotImplementedError

    def sources(self, data_model_id: str, caller: str) -> list[dict[str, Any]]:
        """The tables the model's elements are built on (each once, in element order); an
        element built on other elements of the model adds nothing of its own."""
        self.row(data_model_id, caller)
        return [{"type": "table", "tableId": t} for t in self.table_ids(data_model_id)]

    def table_ids(self, data_model_id: str) -> list[str]:
        """The catalogued tables the model's elements read, each once, in element order."""
        seen: dict[str, None] = {}
        for e in self.element_rows(data_model_id):
            for source in json.loads(e["sources"]):
                if "tableId" in source:
                    seen[source["tableId"]] = None
        return list(seen)

    def lineage(self, data_model_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Each element with what it is built on (``sourceIds``: tables and elements;
        ``dataSourceIds``: the tables at the bottom), then each table once."""
        self.row(data_model_id, caller)
        rows = self.element_rows(data_model_id)
        direct = {r["element_id"]: json.loads(r["sources"]) for r in rows}

        def tables_under(element_id: str, depth: int = 0) -> list[str]:
            out: list[str] = []
            for s in direct.get(element_id, []):
                if "tableId" in s:
                    out.append(s["tableId"])
                elif depth < 16:
                    out += tables_under(s["elementId"], depth + 1)
            return list(dict.fromkeys(out))

        entries: list[dict[str, Any]] = []
        tables: dict[str, None] = {}
        for r in rows:
            ids = [s.get("tableId") or s.get("elementId") for s in direct[r["element_id"]]]
            under = tables_under(r["element_id"])
            tables.update(dict.fromkeys(under))
            entries.append(
                {
                    "type": "element",
                    "elementId": r["element_id"],
                    "sourceIds": ids,
                    "dataSourceIds": under,
                }
            )
        for table_id in tables:
            entries.append(self.table_node(table_id))
        return slice_page(entries, offset=offset, limit=limit)

    def table_node(self, table_id: str) -> dict[str, Any]:
        """A table in a lineage list: ``{type, connectionId, name, inodeId}``; its name is
        its path in the warehouse (``RETAIL.PUBLIC.ORDERS``)."""
        row = self.connections.tables([table_id]).get(table_id)
        if row is None:  # the connection's catalogue was laid down again without it
            return {"type": "table", "connectionId": None, "name": None, "inodeId": table_id}
        return {
            "type": "table",
            "connectionId": row["connection_id"],
            "name": ".".join(json.loads(row["path"])),
            "inodeId": table_id,
        }
