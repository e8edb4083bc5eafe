"""``swapSources`` for a workbook and a data model: point what their elements read at other
tables, connections, datasets or data models.

A workbook element reads a data model element, a dataset, a table (with the retail tables
it joins) or custom SQL on a connection (:mod:`.lineage`). ``sourceMapping`` swaps one
table, dataset or data model for another; ``connectionMapping`` swaps a connection: custom
SQL moves to the new connection, and with ``swapTables`` each table moves to the table at the
same path (or at the path ``paths`` rewrites) in the new connection. Targets must exist and
be reachable by the caller, or nothing is swapped. Input tables read nothing and keep their
rows. The tables stay their owners' (:mod:`.lineage`, :mod:`.data_models`); this store asks
them through their methods. What Sigma leaves undocumented is in ``tests/parity/GUESSES.md``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadRequest, NotFound
from .catalog import DATA_TYPES
from .connections import ConnectionStore
from .data_models import DataModelStore
from .datasets import DatasetStore
from .lineage import LineageStore
from .workbooks import WorkbookStore

__all__ = ["SourceSwapStore", "Swaps"]


@dataclass
class Swaps:
    """A checked swap request: source id -> (kind, target id); connection mappings."""

    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: from connection -> (to connection, swap tables, [(from path, to path)])
    connections: dict[str, tuple[str, bool, list[tuple[list[str], list[str]]]]] = field(
        default_factory=dict
    )
    unswapped_sources: dict[str, None] = field(default_factory=dict)
    unswapped_connections: dict[str, None] = field(default_factory=dict)

    def answer(self) -> dict[str, list[str]]:
        return {
            "unswappedSources": list(self.unswapped_sources),
            "unswappedConnections": list(self.unswapped_connections),
        }


def _moved(path: Sequence[str], rules: list[tuple[list[str], list[str]]]) -> list[str]:
    """The path with the first matching ``fromPath`` prefix replaced by its ``toPath``."""
    for frm, to in rules:
        if list(path[: len(frm)]) == frm:
            return [*to, *path[len(frm) :]]
    return list(path)


class SourceSwapStore:
    def __init__(
        self,
        workbooks: WorkbookStore,
        data_models: DataModelStore,
        datasets: DatasetStore,
        connections: ConnectionStore,
        lineage: LineageStore,
    ) -> None:
        self.workbooks = workbooks
        self.data_models = data_models
        self.datasets = datasets
        self.connections = connections
        self.lineage = lineage

    # ----- checking the request -----

    def _target(self, to_id: str, caller: str) -> str:
        """What kind of source ``to_id`` is (it must exist and be reachable)."""
        if self.connections.table_row(to_id) is not None:
            return "table"
        try:
            self.data_models.row(to_id, caller)
            return "data-model"
        except NotFound:
            pass
        try:
            self.datasets.row(to_id, caller)
            return "dataset"
        except NotFound:
            raise NotFound(f"Source to swap to not found: {to_id}") from None

    def check(self, body: dict[str, Any], caller: str) -> Swaps:
        swaps = Swaps()
        for m in body.get("sourceMapping") or []:
            frm, to = str(m.get("fromId") or ""), str(m.get("toId") or "")
            if not frm or not to:
                raise BadRequest("Each sourceMapping needs fromId and toId")
            swaps.sources[frm] = (self._target(to, caller), to)
        for m in body.get("connectionMapping") or []:
            frm, to = str(m.get("fromId") or ""), str(m.get("toId") or "")
            if not frm or not to:
                raise BadRequest("Each connectionMapping needs fromId and toId")
            self.connections.live(frm)
            self.connections.live(to)
            paths = [
                ([str(x) for x in p["fromPath"]], [str(x) for x in p["toPath"]])
                for p in m.get("paths") or []
            ]
            swaps.connections[frm] = (to, bool(m.get("swapTables")), paths)
        if not swaps.sources and not swaps.connections:
            raise BadRequest("Nothing to swap: give sourceMapping or connectionMapping")
        return swaps

    # ----- one source -----

    def _table(self, table_id: str, swaps: Swaps) -> tuple[str, str] | None:
        if table_id in swaps.sources:
            return swaps.sources[table_id]
        table = self.connections.table_row(table_id)
        rule = swaps.connections.get(table["connection_id"]) if table else None
        if table is None or rule is None or not rule[1]:
            swaps.unswapped_sources[table_id] = None
            return None
        to, _, paths = rule
        found = self.connections.table_at(to, _moved(json.loads(table["path"]), paths))
        if found is None:
            swaps.unswapped_sources[table_id] = None
            return None
        return ("table", found["id"])

    def _model_element(self, element_id: str, swaps: Swaps) -> tuple[str, str] | None:
        element = self.data_models.element(element_id)
        if element is None:
            return None
        model_id = element["data_model_id"]
        kind, to = swaps.sources.get(model_id, ("", ""))
        if kind == "data-model":
            same = [e for e in self.data_models.element_rows(to) if e["name"] == element["name"]]
            if same:
                return ("data-model", same[0]["element_id"])
        swaps.unswapped_sources[model_id] = None
        return None

    def _swap(self, kind: str, ref: str, swaps: Swaps) -> tuple[str, str] | None:
        if kind == "table":
            return self._table(ref, swaps)
        if kind == "custom-sql":
            rule = swaps.connections.get(ref)
            if rule is None:
                swaps.unswapped_connections[ref] = None
                return None
            return ("custom-sql", rule[0])
        if kind == "data-model":
            return self._model_element(ref, swaps)
        if ref in swaps.sources:  # a dataset
            return swaps.sources[ref]
        swaps.unswapped_sources[ref] = None
        return None

    # ----- the operations -----

    def _reading(self, workbook_id: str) -> list[sqlite3.Row]:
        return [
            e
            for e in self.workbooks.element_rows(workbook_id)
            if e["type"] in DATA_TYPES and e["type"] != "input-table"
        ]

    def copy_sources(self, workbook_id: str, copy_id: str) -> None:
        """A copy reads what its original read (element by element, in page order)."""
        stored = self.lineage.stored_sources(workbook_id)
        pairs = zip(
            self.workbooks.element_rows(workbook_id),
            self.workbooks.element_rows(copy_id),
            strict=False,
        )
        self.lineage.set_sources(
            copy_id,
            {
                new["element_id"]: stored[old["element_id"]]
                for old, new in pairs
                if old["element_id"] in stored
            },
        )

    def swap_workbook(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller, need="edit")
        swaps = self.check(body, caller)
        stored = self.lineage.stored_sources(workbook_id)
        feed = self.lineage.feed()
        swapped: dict[str, tuple[str, str]] = {}
        for element in self._reading(workbook_id):
            current = stored.get(element["element_id"])
            if current is None and feed is not None:
                current = ("data-model", feed["element_id"])
            if current is None:
                continue
            new = self._swap(*current, swaps)
            if new is not None and new != current:
                swapped[element["element_id"]] = new
        self.lineage.set_sources(workbook_id, swapped)
        return swaps.answer()

    def swap_data_model(
        self, data_model_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        self.data_models.row(data_model_id, caller, need="edit")
        swaps = self.check(body, caller)
        swapped: dict[str, list[dict[str, str]]] = {}
        for element in self.data_models.element_rows(data_model_id):
            sources = json.loads(element["sources"])
            new_sources = []
            for s in sources:
                new = self._table(s["tableId"], swaps) if "tableId" in s else None
                if new is not None and new[0] != "table":
                    raise BadRequest(
                        f"A data model's table {s['tableId']} can only be swapped to a table"
                    )
                new_sources.append({"tableId": new[1]} if new else s)
            if new_sources != sources:
                swapped[element["element_id"]] = new_sources
        self.data_models.set_element_sources(swapped)
        return swaps.answer()

    def swap_data_model_v3(
        self, data_model_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        """``POST /v3alpha/dataModels/{id}:swapSources`` (beta): each ``{from, to}`` a typed
        source. The emulator's data model elements read warehouse tables, so it swaps a
        table for a table and refuses the other kinds with a 400."""
        mapping = body.get("sourceMapping")
        if not isinstance(mapping, list) or not mapping:
            raise BadRequest("sourceMapping must list at least one {from, to}")
        pairs = []
        for n, item in enumerate(mapping):
            ends = [item.get(k) if isinstance(item, dict) else None for k in ("from", "to")]
            tables = [
                end.get("tableId") if isinstance(end, dict) and end.get("type") == "table" else None
                for end in ends
            ]
            if not all(isinstance(end, dict) for end in ends):
                raise BadRequest(f"sourceMapping[{n}] needs from and to objects")
            frm, to = tables
            if not isinstance(frm, str) or not isinstance(to, str) or not frm or not to:
                raise BadRequest(
                    f"sourceMapping[{n}]: the emulator swaps a table for a table only "
                    "(from and to of type table, with a tableId)"
                )
            pairs.append({"fromId": frm, "toId": to})
        self.swap_data_model(data_model_id, {"sourceMapping": pairs}, caller)
        return {}
