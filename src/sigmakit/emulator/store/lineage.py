"""What a workbook is built on, read from the tables that hold it: its sources, the lineage
of its elements, the SQL each element runs in the warehouse, the columns of all its elements
and the deprecated workbook schema.

Each table, pivot table and chart reads one source (``workbook_element_sources``, laid down
by :mod:`..seed.sources`): the ``Order Lines`` element of the seeded ``Retail Sales`` data
model (:mod:`.data_models`, the default for an element with no row), the ``Order Lines
(legacy)`` dataset, the warehouse's RETAIL.PUBLIC tables themselves, or custom SQL on the
Snowflake connection. Whatever it reads, its rows are the same: ORDERS joined with STORES,
REGIONS, PRODUCTS and CATEGORIES. The controls of a workbook filter its data elements. The
SQL is the element's own query (:func:`.catalog.query`, the one exports run over the retail
dataset) over that join, with each table named by its path in the connection. An input
table's rows live in the connection's write-back schema.

What Sigma does not document and the emulator assumes here is listed in
``tests/parity/GUESSES.md``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..db import Database
from ..errors import BadRequest, NotFound
from .catalog import CONTROLS, DATA_TYPES, ELEMENT_KINDS, column_id, query
from .connections import ConnectionStore
from .data_models import DataModelStore
from .datasets import DatasetStore
from .documents import Doc
from .element_sources import SCHEMA, SourceChanges
from .lineage_nodes import (
    ORDER_LINES,
    RETAIL_TABLES,
    SOURCE_KINDS,
    WRITEBACK_SCHEMA,
    Source,
    data_model_node_id,
    order_lines_sql,
    sheet_node_id,
)
from .org import APP_URL, OrgStore
from .paging import Page, slice_page
from .workbooks import WorkbookStore

__all__ = ["SCHEMA", "SOURCE_KINDS", "LineageStore", "order_lines_sql"]


class LineageStore(SourceChanges):
    def __init__(
        self,
        db: Database,
        org: OrgStore,
        workbooks: WorkbookStore,
        data_models: DataModelStore,
        datasets: DatasetStore,
        connections: ConnectionStore,
    ):
        self.db = db
        self.org = org
        self.workbooks = workbooks
        self.data_models = data_models
        self.datasets = datasets
        self.connections = connections

    def over(self, documents: WorkbookStore) -> LineageStore:
        """The same lineage over another kind of document (a report's pages and elements)."""
        return LineageStore(
            self.db, self.org, documents, self.data_models, self.datasets, self.connections
        )

    def feed(self) -> Doc | None:
        """The data model element the workbooks' data elements read by default (None when
        the organization was seeded without one, or its model is deleted)."""
        return self.data_models.model_element(None)

    def _paths(self, feed: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
        """``(connection id, path)`` of each table the feeding data model reads."""
        if feed is None:
            return []
        table_ids = self.data_models.table_ids(feed["data_model_id"])
        rows = self.connections.tables(table_ids)
        return [
            (str(rows[t]["connection_id"]), json.loads(rows[t]["path"]))
            for t in table_ids
            if t in rows
        ]

    def _tables(self, feed: Mapping[str, Any] | None) -> dict[str, str]:
        """Each retail table's full name in the warehouse (``RETAIL.PUBLIC.ORDERS``)."""
        names = {t: f"RETAIL.PUBLIC.{t}" for t in RETAIL_TABLES}
        for _, path in self._paths(feed):
            names[path[-1].upper()] = ".".join(path)
        return names

    def retail_tables(self, connection_id: str) -> list[sqlite3.Row]:
        """The connection's RETAIL.PUBLIC tables the Order Lines join reads, ORDERS first."""
        rows = {
            json.loads(r["path"])[-1]: r
            for r in self.connections.tables(of=connection_id).values()
            if json.loads(r["path"])[:2] == ["RETAIL", "PUBLIC"]
        }
        return [rows[t] for t in RETAIL_TABLES if t in rows]

    @staticmethod
    def _has_data(row: sqlite3.Row) -> bool:
        return row["type"] in DATA_TYPES

    @staticmethod
    def _reads(row: sqlite3.Row) -> bool:
        """Whether the element reads a source (an input table holds its own rows)."""
        return row["type"] in DATA_TYPES and row["type"] != "input-table"

    def sql(self, element: sqlite3.Row, tables: dict[str, str]) -> str | None:
        """The SQL the element runs in the warehouse; None for a control or a text."""
        kind = ELEMENT_KINDS[element["kind"]]
        if kind.type == "input-table":
            cols = ", ".join(f'"{c.label}"' for c in kind.columns)
            return f"SELECT {cols} FROM {WRITEBACK_SCHEMA}.IT_{element['element_id'].upper()}"
        if kind.type not in DATA_TYPES:
            return None
        select, _ = query(kind, [])
        return ORDER_LINES.format(**tables) + select.replace("ds_order_lines", "order_lines")

    # ----- what each element reads -----

    def _source(
        self, element: sqlite3.Row, stored: sqlite3.Row | None, feed: Doc | None
    ) -> Source | None:
        """What a data element reads; None when it reads nothing (an input table, or a
        source that is gone)."""
        if not self._reads(element):
            return None
        if stored is None:
            return Source("data-model", feed) if feed is not None else None
        kind, ref = stored["kind"], stored["ref"]
        if kind == "data-model":
            row = self.data_models.model_element(ref)
            return Source(kind, row) if row is not None else None
        if kind == "dataset":
            row = self.datasets.documents.find(ref, live=True)
            return Source(kind, row) if row is not None else None
        if kind == "table":
            main = self.connections.tables([ref]).get(ref)
            if main is None:
                return None
            tables = self.retail_tables(main["connection_id"])
            ordered = [main, *(t for t in tables if t["id"] != main["id"])]
            return Source(kind, tables=tuple(ordered), connection_id=main["connection_id"])
        return Source("custom-sql", connection_id=ref)

    def _sources(self, workbook_id: str) -> list[tuple[sqlite3.Row, Source | None]]:
        """Each element of the workbook in page order, with what it reads."""
        stored = self.stored_rows(workbook_id)
        feed = self.feed()
        return [
            (e, self._source(e, stored.get(e["element_id"]), feed))
            for e in self.workbooks.element_rows(workbook_id)
        ]

    def _definition(self, connection_id: str | None) -> str:
        """A custom SQL element's SQL: the Order Lines join over the connection's tables."""
        names = {t: f"RETAIL.PUBLIC.{t}" for t in RETAIL_TABLES}
        for r in self.retail_tables(connection_id or ""):
            names[json.loads(r["path"])[-1]] = ".".join(json.loads(r["path"]))
        return order_lines_sql(names)

    def element_sources(self, workbook_id: str) -> list[tuple[sqlite3.Row, Source | None]]:
        """Each element of the workbook in page order, with what it reads."""
        return self._sources(workbook_id)

    def definition(self, connection_id: str) -> str:
        """The SQL a custom SQL element on the connection runs."""
        return self._definition(connection_id)

    # ----- the operations -----

    def sources(self, workbook_id: str, caller: str) -> list[dict[str, Any]]:
        """Each source once, in the order of the first element reading it; a data model
        once, with the elements of it that are read."""
        self.workbooks.row(workbook_id, caller)
        slug = self.org.get().slug
        out: dict[str, dict[str, Any]] = {}
        for element, source in self._sources(workbook_id):
            if source is None:
                continue
            if source.kind == "data-model" and source.row is not None:
                entry = out.setdefault(
                    source.row["data_model_id"],
                    {
                        "type": "data-model",
                        "dataModelId": source.row["data_model_id"],
                        "elementIds": [],
                    },
                )
                if source.row["element_id"] not in entry["elementIds"]:
                    entry["elementIds"].append(source.row["element_id"])
            elif source.kind == "dataset" and source.row is not None:
                out.setdefault(
                    source.row["id"],
                    {
                        "type": "dataset",
                        "inodeId": source.row["id"],
                        "url": f"{APP_URL}/{slug}/dataset/{source.row['url_id']}",
                    },
                )
            elif source.kind == "table":
                for table in source.tables:
                    out.setdefault(table["id"], {"type": "table", "inodeId": table["id"]})
            elif source.kind == "custom-sql":
                out[f"sql:{element['element_id']}"] = {
                    "type": "custom-sql",
                    "connectionId": source.connection_id,
                    "definition": self._definition(source.connection_id),
                    "customSqlId": element["element_id"],
                }
        return list(out.values())

    def columns(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        cols = [
            {
                "columnId": cid,
                "name": label,
                "formula": formula,
                "type": {"type": kind},
                "elementId": e["element_id"],
            }
            for e in self.workbooks.element_rows(workbook_id)
            for cid, label, formula, kind in self.workbooks.element_columns(e)
        ]
        return slice_page(cols, offset=offset, limit=limit)

    def queries(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Every element that runs a query, in page order, with its SQL."""
        self.workbooks.row(workbook_id, caller)
        tables = self._tables(self.feed())
        entries = []
        for e in self.workbooks.element_rows(workbook_id):
            sql = self.sql(e, tables)
            if sql is not None:
                entries.append({"elementId": e["element_id"], "name": e["name"], "sql": sql})
        return slice_page(entries, offset=offset, limit=limit)

    def element_query(self, workbook_id: str, element_id: str, caller: str) -> dict[str, Any]:
        """The element's SQL; a 404 for an element that runs none (a control, a text), as
        DataHub expects of Sigma."""
        self.workbooks.row(workbook_id, caller)
        element = self.workbooks.element_row(workbook_id, element_id)
        sql = self.sql(element, self._tables(self.feed()))
        if sql is None:
            raise NotFound(f"No query found for element: {element_id}")
        return {"elementId": element_id, "name": element["name"], "sql": sql}

    def _controls(self, workbook_id: str) -> list[sqlite3.Row]:
        return [r for r in self.workbooks.element_rows(workbook_id) if r["type"] == "control"]

    def lineage(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Each element holding data with what it reads, then each source it reads once:
        the data model, the dataset, the tables, the custom SQL."""
        self.workbooks.row(workbook_id, caller)
        entries: list[dict[str, Any]] = []
        nodes: dict[str, dict[str, Any]] = {}
        for e, source in self._sources(workbook_id):
            if not self._has_data(e):
                continue
            direct: list[str] = []
            roots: list[str] = []
            if source is not None and source.kind == "data-model" and source.row is not None:
                direct, roots = [source.row["element_id"]], [source.row["data_model_id"]]
                nodes.setdefault(
                    source.row["data_model_id"],
                    {
                        "type": "data-model",
                        "connectionId": self._connection(source.row),
                        "name": source.row["model_name"],
                        "dataModelId": source.row["data_model_id"],
                    },
                )
            elif source is not None and source.kind == "dataset" and source.row is not None:
                direct = roots = [source.row["id"]]
                nodes.setdefault(
                    source.row["id"],
                    {
                        "type": "dataset",
                        "connectionId": self._dataset_connection(source.row["id"]),
                        "name": source.row["name"],
                        "inodeId": source.row["id"],
                    },
                )
            elif source is not None and source.kind == "table":
                direct = roots = [t["id"] for t in source.tables]
                for t in source.tables:
                    nodes.setdefault(t["id"], self.data_models.table_node(t["id"]))
            elif source is not None and source.kind == "custom-sql":
                nodes[f"sql:{e['element_id']}"] = {
                    "type": "customSQL",
                    "connectionId": source.connection_id,
                    "name": e["name"],
                    "definition": self._definition(source.connection_id),
                }
            entries.append(
                {
                    "type": "element",
                    "elementId": e["element_id"],
                    "sourceIds": direct,
                    "dataSourceIds": roots,
                }
            )
        return slice_page(entries + list(nodes.values()), offset=offset, limit=limit)

    def _connection(self, model_element: Mapping[str, Any]) -> str | None:
        paths = self._paths(model_element)
        return paths[0][0] if paths else None

    def _dataset_connection(self, dataset_id: str) -> str | None:
        dataset = self.datasets.documents.find(dataset_id)
        source = "" if dataset is None else str(dataset["source_id"])
        table = self.connections.tables([source]).get(source)
        return None if table is None else str(table["connection_id"])

    def element_lineage(self, workbook_id: str, element_id: str, caller: str) -> dict[str, Any]:
        """The element (a ``sheet`` node of its own), what it reads and the controls that
        filter it, as a graph. A data model element is named only by the edge from it; a
        dataset or a warehouse table is an ``inode-<urlId>`` node. A control or a text has
        no lineage: a 400, as both descriptions say it is an error."""
        self.workbooks.row(workbook_id, caller)
        element = self.workbooks.element_row(workbook_id, element_id)
        if not self._has_data(element):
            raise BadRequest(
                f"Lineage is only available for data elements; element {element_id} "
                f"is a {element['type']}"
            )
        stored = self.stored_source(element_id)
        source = self._source(element, stored, self.feed())
        sheet = sheet_node_id(element_id)
        nodes: dict[str, dict[str, Any]] = {
            sheet: {
                "nodeId": sheet,
                "type": "sheet",
                "name": element["name"],
                "elementId": element_id,
            }
        }
        edges: list[dict[str, str]] = []

        def read(node_id: str, node: dict[str, Any] | None) -> None:
            if node is not None:
                nodes[node_id] = {"nodeId": node_id, **node}
            edges.append({"source": node_id, "target": sheet, "type": "source"})

        if source is not None and source.kind == "data-model" and source.row is not None:
            read(data_model_node_id(source.row["model_url_id"], source.row["element_id"]), None)
        elif source is not None and source.kind == "dataset" and source.row is not None:
            read(f"inode-{source.row['url_id']}", {"type": "dataset", "name": source.row["name"]})
        elif source is not None and source.kind == "table":
            for t in source.tables:
                name = json.loads(t["path"])[-1]
                read(f"inode-{t['url_id']}", {"type": "table", "name": name})
        elif source is not None and source.kind == "custom-sql":
            read(f"customSQL-{element_id}", {"type": "customSQL", "name": "Custom SQL"})
        if self._reads(element):
            for control in self._controls(workbook_id):
                node_id = sheet_node_id(control["element_id"])
                nodes[node_id] = {
                    "nodeId": node_id,
                    "type": "control",
                    "name": control["name"],
                    "elementId": control["element_id"],
                }
                edges.append({"source": node_id, "target": sheet, "type": "dependency"})
        return {"dependencies": nodes, "edges": edges}

    def schema(self, workbook_id: str, caller: str, *, include_sql: bool) -> dict[str, Any]:
        """The deprecated all-in-one description of a workbook."""
        workbook = self.workbooks.row(workbook_id, caller)
        tables = self._tables(self.feed())
        pages: dict[str, Any] = {}
        sheets: dict[str, Any] = {}
        variables: dict[str, Any] = {}
        elements: dict[str, Any] = {}
        sql_queries: dict[str, str] = {}
        for p in self.workbooks.page_rows(workbook_id):
            rows = self.workbooks.element_rows(workbook_id, p["page_id"])
            pages[p["page_id"]] = {
                "name": p["name"],
                "hidden": bool(p["hidden"]),
                "elements": [r["element_id"] for r in rows],
            }
            for r in rows:
                kind = ELEMENT_KINDS[r["kind"]]
                elements[r["element_id"]] = {
                    "name": r["name"],
                    "type": r["type"],
                    "pageId": p["page_id"],
                }
                if r["type"] in DATA_TYPES:
                    sheets[r["element_id"]] = {
                        "name": r["name"],
                        "columns": [
                            {"columnId": column_id(c.label), "name": c.label, "formula": c.formula}
                            for c in kind.columns
                        ],
                    }
                if r["control_id"] is not None:
                    spec = CONTROLS[r["control_id"]]
                    variables[spec.control_id] = {
                        "name": r["name"],
                        "valueType": spec.value_type,
                        "elementId": r["element_id"],
                    }
                sql = self.sql(r, tables) if include_sql else None
                if sql is not None:
                    sql_queries[r["element_id"]] = sql
        return {
            "workbookId": workbook["id"],
            "workbookUrlId": workbook["url_id"],
            "pages": pages,
            "sheets": sheets,
            "variables": variables,
            "elements": elements,
            "sqlQueries": sql_queries,
            "sqlQueryErrors": {},
        }
