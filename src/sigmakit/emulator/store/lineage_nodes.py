"""The parts a workbook's lineage is made of: what one data element reads (``Source``), the
join of the retail tables every data element's rows come from, and the ids Sigma gives
lineage nodes (which the emulator makes up, stable for the same seed)."""

from __future__ import annotations

import hashlib
import sqlite3
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "JOIN",
    "ORDER_LINES",
    "RETAIL_TABLES",
    "SOURCE_KINDS",
    "WRITEBACK_SCHEMA",
    "Source",
    "data_model_node_id",
    "order_lines_sql",
    "sheet_node_id",
]

SOURCE_KINDS = ("data-model", "dataset", "table", "custom-sql")

#: the retail tables the Order Lines join reads, by table name
RETAIL_TABLES = ("ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES")
JOIN = (
    "SELECT o.ORDER_ID AS order_id, o.ORDER_DATE AS order_date, "
    "r.NAME AS region, s.NAME AS store, s.CITY AS city, c.NAME AS category, "
    "p.NAME AS product, o.SEGMENT AS segment, o.QUANTITY AS quantity, "
    "o.UNIT_PRICE AS unit_price, o.DISCOUNT AS discount, o.REVENUE AS revenue "
    "FROM {ORDERS} o JOIN {STORES} s ON s.STORE_ID = o.STORE_ID "
    "JOIN {REGIONS} r ON r.REGION_ID = s.REGION_ID "
    "JOIN {PRODUCTS} p ON p.PRODUCT_ID = o.PRODUCT_ID "
    "JOIN {CATEGORIES} c ON c.CATEGORY_ID = p.CATEGORY_ID"
)
ORDER_LINES = "WITH order_lines AS (" + JOIN + ") "
#: where input tables keep their rows (Sigma's write-back schema; the name is a guess)
WRITEBACK_SCHEMA = "SIGMA_WRITEBACK.INPUT_TABLES"
_BASE62 = string.digits + string.ascii_letters


def order_lines_sql(tables: dict[str, str]) -> str:
    """The join every data element's rows come from, each table named by ``tables``
    (``ORDERS`` -> ``RETAIL.PUBLIC.ORDERS``): a custom SQL element's definition."""
    return JOIN.format(**tables)


def _opaque(text: str, n: int) -> str:
    """``n`` base62 characters that depend on ``text`` only: an id Sigma keeps to itself
    (a lineage node's), stable across restarts and the same for the same seed."""
    number = int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")
    out = []
    for _ in range(n):
        number, digit = divmod(number, 62)
        out.append(_BASE62[digit])
    return "".join(out)


def sheet_node_id(element_id: str) -> str:
    """The lineage node id of a workbook element: 21 base62 characters of its own, like
    ``Ttd4meevWGks3ZYdVWt8X`` in the 2025-11 description's example."""
    return _opaque(f"sheet:{element_id}", 21)


def data_model_node_id(model_url_id: str, element_id: str) -> str:
    """A data model element as a workbook element's lineage source:
    ``<dataModelUrlId>/<suffix>``, the suffix 10 alphanumerics that are not the data model
    element's id (as DataHub's probe of a live organization found)."""
    return f"{model_url_id}/{_opaque(f'dm:{element_id}', 10)}"


@dataclass(frozen=True)
class Source:
    """What one data element reads."""

    kind: str
    #: data-model: the data model element row; dataset: the dataset's inode row
    row: Mapping[str, Any] | None = None
    #: table: the tables read, main first; custom-sql: the connection
    tables: tuple[sqlite3.Row, ...] = ()
    connection_id: str | None = None
