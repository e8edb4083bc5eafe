"""What a workbook is built on, read from the tables that hold it (no tables of its own):
its sources, the lineage of its elements, the SQL each element runs in the warehouse, the
columns of all its elements and the deprecated workbook schema.

Every seeded table, pivot table and chart reads the ``Order Lines`` element of the seeded
``Retail Sales`` data model (:mod:`.data_models`), which joins the warehouse's ORDERS,
STORES, REGIONS, PRODUCTS and CATEGORIES; the controls of a workbook filter its data
elements. The SQL is the element's own query (:func:`.catalog.query`, the one exports run
over the retail dataset) over that join, with each table named by its path in the
connection. An input table's rows live in the connection's write-back schema.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..errors import BadRequest
from .catalog import CONTROLS, DATA_TYPES, ELEMENT_KINDS, column_id, query
from .data_models import DataModelStore
from .db import Database
from .paging import Page, slice_page
from .workbooks import WorkbookStore

__all__ = ["LineageStore"]

#: the retail tables the Order Lines join reads, by table name
_RETAIL_TABLES = ("ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES")
_ORDER_LINES = (
    "WITH order_lines AS (SELECT o.ORDER_ID AS order_id, o.ORDER_DATE AS order_date, "
    "r.NAME AS region, s.NAME AS store, s.CITY AS city, c.NAME AS category, "
    "p.NAME AS product, o.SEGMENT AS segment, o.QUANTITY AS quantity, "
    "o.UNIT_PRICE AS unit_price, o.DISCOUNT AS discount, o.REVENUE AS revenue "
    "FROM {ORDERS} o JOIN {STORES} s ON s.STORE_ID = o.STORE_ID "
    "JOIN {REGIONS} r ON r.REGION_ID = s.REGION_ID "
    "JOIN {PRODUCTS} p ON p.PRODUCT_ID = o.PRODUCT_ID "
    "JOIN {CATEGORIES} c ON c.CATEGORY_ID = p.CATEGORY_ID) "
)
#: where input tables keep their rows (Sigma's write-back schema; the name is a guess)
WRITEBACK_SCHEMA = "SIGMA_WRITEBACK.INPUT_TABLES"


class LineageStore:
    def __init__(self, db: Database, workbooks: WorkbookStore, data_models: DataModelStore):
        self.db = db
        self.workbooks = workbooks
        self.data_models = data_models

    def feed(self) -> sqlite3.Row | None:
        """The data model element the workbooks' data elements read (None when the
        organization was seeded without one, or its model is deleted)."""
        return self.db.one(
            "SELECT e.*, i.name AS model_name FROM data_model_elements e JOIN inodes i "
            "ON i.id = e.data_model_id WHERE e.feeds_workbooks = 1 AND i.is_archived = 0 "
            "ORDER BY e.seq LIMIT 1"
        )

    def _paths(self, feed: sqlite3.Row | None) -> list[tuple[str, list[str]]]:
        """``(connection id, path)`` of each table the feeding data model reads."""
        if feed is None:
            return []
        found = []
        for table_id in self.data_models.table_ids(feed["data_model_id"]):
            row = self.db.one(
                "SELECT connection_id, path FROM connection_tables WHERE id = ?", (table_id,)
            )
            if row is not None:
                found.append((str(row["connection_id"]), json.loads(row["path"])))
        return found

    def _tables(self, feed: sqlite3.Row | None) -> dict[str, str]:
        """Each retail table's full name in the warehouse (``RETAIL.PUBLIC.ORDERS``)."""
        names = {t: f"RETAIL.PUBLIC.{t}" for t in _RETAIL_TABLES}
        for _, path in self._paths(feed):
            names[path[-1].upper()] = ".".join(path)
        return names

    @staticmethod
    def _has_data(row: sqlite3.Row) -> bool:
        return row["type"] in DATA_TYPES

    def sql(self, element: sqlite3.Row, tables: dict[str, str]) -> str | None:
        """The SQL the element runs in the warehouse; None for a control or a text."""
        kind = ELEMENT_KINDS[element["kind"]]
        if kind.type == "input-table":
            cols = ", ".join(f'"{c.label}"' for c in kind.columns)
            return f"SELECT {cols} FROM {WRITEBACK_SCHEMA}.IT_{element['element_id'].upper()}"
        if kind.type not in DATA_TYPES:
            return None
        select, _ = query(kind, [])
        return _ORDER_LINES.format(**tables) + select.replace("ds_order_lines", "order_lines")

    # ----- the operations -----

    def sources(self, workbook_id: str, caller: str) -> list[dict[str, Any]]:
        self.workbooks.row(workbook_id, caller)
        feed = self.feed()
        reads = any(
            r["type"] in DATA_TYPES and r["type"] != "input-table"
            for r in self.workbooks.element_rows(workbook_id)
        )
        if feed is None or not reads:
            return []
        return [
            {
                "type": "data-model",
                "dataModelId": feed["data_model_id"],
                "elementIds": [feed["element_id"]],
            }
        ]

    def columns(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        cols = [
            {
                "columnId": column_id(c.label),
                "name": c.label,
                "formula": c.formula,
                "type": {"type": c.value_type},
                "elementId": e["element_id"],
            }
            for e in self.workbooks.element_rows(workbook_id)
            for c in ELEMENT_KINDS[e["kind"]].columns
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
        self.workbooks.row(workbook_id, caller)
        element = self.workbooks.element_row(workbook_id, element_id)
        sql = self.sql(element, self._tables(self.feed()))
        if sql is None:
            raise BadRequest(f"Element {element_id} ({element['type']}) runs no query")
        return {"elementId": element_id, "name": element["name"], "sql": sql}

    def _controls(self, workbook_id: str) -> list[sqlite3.Row]:
        return [r for r in self.workbooks.element_rows(workbook_id) if r["type"] == "control"]

    def lineage(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """Each element holding data with what it reads (the data model element, or nothing
        for an input table), then the data model once."""
        self.workbooks.row(workbook_id, caller)
        feed = self.feed()
        entries: list[dict[str, Any]] = []
        for e in self.workbooks.element_rows(workbook_id):
            if not self._has_data(e):
                continue
            reads = feed is not None and e["type"] != "input-table"
            entries.append(
                {
                    "type": "element",
                    "elementId": e["element_id"],
                    "sourceIds": [feed["element_id"]] if reads and feed else [],
                    "dataSourceIds": [feed["data_model_id"]] if reads and feed else [],
                }
            )
        if feed is not None and any(e["sourceIds"] for e in entries):
            entries.append(
                {
                    "type": "data-model",
                    "connectionId": self._connection(feed),
                    "name": feed["model_name"],
                    "dataModelId": feed["data_model_id"],
                }
            )
        return slice_page(entries, offset=offset, limit=limit)

    def _connection(self, feed: sqlite3.Row) -> str | None:
        paths = self._paths(feed)
        return paths[0][0] if paths else None

    def element_lineage(self, workbook_id: str, element_id: str, caller: str) -> dict[str, Any]:
        """The element, what it reads and the controls that filter it, as a graph."""
        self.workbooks.row(workbook_id, caller)
        element = self.workbooks.element_row(workbook_id, element_id)
        nodes: dict[str, dict[str, Any]] = {
            element_id: {
                "nodeId": element_id,
                "type": "element",
                "name": element["name"],
                "elementId": element_id,
            }
        }
        edges: list[dict[str, str]] = []
        feed = self.feed()
        if feed is not None and element["type"] in DATA_TYPES and element["type"] != "input-table":
            nodes[feed["element_id"]] = {
                "nodeId": feed["element_id"],
                "type": "data-model",
                "name": f"{feed['model_name']}/{feed['name']}",
            }
            edges.append({"source": feed["element_id"], "target": element_id, "type": "source"})
        if element["type"] in DATA_TYPES and element["type"] != "input-table":
            for control in self._controls(workbook_id):
                nodes[control["element_id"]] = {
                    "nodeId": control["element_id"],
                    "type": "control",
                    "name": control["name"],
                    "elementId": control["element_id"],
                }
                edges.append(
                    {"source": control["element_id"], "target": element_id, "type": "dependency"}
                )
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
        for p in self.db.all(
            "SELECT * FROM workbook_pages WHERE workbook_id = ? ORDER BY seq", (workbook_id,)
        ):
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
