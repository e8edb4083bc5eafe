"""What each seeded workbook's tables, pivot tables and charts read, as in an organization
that has moved to data models but not all the way: most read the ``Order Lines`` element of
the ``Retail Sales`` data model, some the warehouse's RETAIL.PUBLIC tables directly, some
custom SQL on the Snowflake connection, a few the deprecated ``Order Lines (legacy)``
dataset. Input tables hold their own rows and read nothing.

``Sales Overview`` reads all four kinds (Orders: the ORDERS table with its lookups; Store
Performance: the dataset; Revenue by Region and Category: custom SQL; the charts and Top
Products: the data model); ``Demand Planning`` reads the data model. Other workbooks draw
their elements' sources from a generator of their own, seeded from the organization's seed,
so the rest of the demo organization is laid down as before. Laid down after the data
models, which it reads; draws no id.
"""

from __future__ import annotations

import json
import random
import sqlite3

from ..config import EmulatorConfig
from .people import SeedResult

__all__ = ["FIXED_SOURCES", "seed_element_sources"]

#: Sales Overview's and Demand Planning's elements, by kind: what each reads
FIXED_SOURCES: dict[str, str] = {
    "orders": "table",
    "store_performance": "dataset",
    "region_category": "custom-sql",
}
#: the share of each kind among the other workbooks' data elements
_SHARES = (("data-model", 0.55), ("table", 0.2), ("custom-sql", 0.15), ("dataset", 0.1))


def seed_element_sources(
    conn: sqlite3.Connection, config: EmulatorConfig, people: SeedResult
) -> None:
    refs = _refs(conn)
    if not refs or not people.workbook_ids:
        return
    rng = random.Random(f"element-sources-{config.seed}")
    kinds = [k for k, _ in _SHARES]
    weights = [w for _, w in _SHARES]
    rows: list[tuple[str, str, str, str]] = []
    for n, workbook_id in enumerate(people.workbook_ids):
        for element_id, kind in conn.execute(
            "SELECT element_id, kind FROM workbook_elements WHERE workbook_id = ? "
            "AND type IN ('table', 'pivot-table', 'visualization') ORDER BY seq",
            (workbook_id,),
        ).fetchall():
            if n == 0:
                chosen = FIXED_SOURCES.get(kind, "data-model")
            elif n == 1:
                chosen = "data-model"
            else:
                chosen = rng.choices(kinds, weights)[0]
            if chosen not in refs:
                chosen = "data-model"
            if chosen in refs:
                rows.append((element_id, workbook_id, chosen, refs[chosen]))
    conn.executemany(
        "INSERT INTO workbook_element_sources (element_id, workbook_id, kind, ref) "
        "VALUES (?,?,?,?)",
        rows,
    )


def _refs(conn: sqlite3.Connection) -> dict[str, str]:
    """What an element of each kind reads, for the kinds the seeded organization has."""
    refs: dict[str, str] = {}
    feed = conn.execute(
        "SELECT element_id FROM data_model_elements WHERE feeds_workbooks = 1 ORDER BY seq"
    ).fetchone()
    if feed is not None:
        refs["data-model"] = feed[0]
    dataset = conn.execute(
        "SELECT i.id FROM inodes i JOIN datasets d ON d.dataset_id = i.id "
        "WHERE i.name = 'Order Lines (legacy)'"
    ).fetchone()
    if dataset is not None:
        refs["dataset"] = dataset[0]
    snowflake = conn.execute(
        "SELECT connection_id FROM connections WHERE type = 'snowflake' ORDER BY seq LIMIT 1"
    ).fetchone()
    if snowflake is not None:
        refs["custom-sql"] = snowflake[0]
        for table_id, path in conn.execute(
            "SELECT id, path FROM connection_tables WHERE connection_id = ? ORDER BY seq",
            (snowflake[0],),
        ):
            if json.loads(path) == ["RETAIL", "PUBLIC", "ORDERS"]:
                refs["table"] = table_id
    return refs
