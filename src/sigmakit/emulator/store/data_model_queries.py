"""The SQL a data model element runs (``GET /v2/dataModels/{id}/elements/{id}/query``,
Sigma's 2026-10 description): its columns selected from the warehouse tables it is built
on, or from the elements of the model it is built on, nested."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..errors import NotFound
from .data_models import DataModelStore

__all__ = ["DataModelQueryStore"]


class DataModelQueryStore:
    def __init__(self, models: DataModelStore) -> None:
        self.models = models

    def _sql(self, element: sqlite3.Row, depth: int = 0) -> str:
        labels = [label for label, _, _ in json.loads(element["columns"])]
        select = ", ".join(f'"{label}"' for label in labels) or "*"
        froms = []
        for source in json.loads(element["sources"]):
            if "tableId" in source:
                froms.append(self.models.table_node(source["tableId"])["name"] or "UNKNOWN")
            elif depth < 8 and (inner := self.models.element(source["elementId"])) is not None:
                froms.append(f'({self._sql(inner, depth + 1)}) AS "{inner["name"]}"')
        return f"SELECT {select} FROM {', '.join(froms)}" if froms else f"SELECT {select}"

    def query(self, data_model_id: str, element_id: str, caller: str) -> dict[str, Any]:
        self.models.row(data_model_id, caller)
        element = self.models.element(element_id)
        if element is None or element["data_model_id"] != data_model_id:
            raise NotFound.of("Element", element_id)
        return {"elementId": element_id, "name": element["name"], "sql": self._sql(element)}
