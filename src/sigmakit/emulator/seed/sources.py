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

import random
import sqlite3

from ..config import EmulatorConfig
from ..store import Store
from ..store.lineage import LineageStore
from .data_models import first_connection
from .people import SeedResult
from .workbooks import DATA_TYPES

__all__ = ["FIXED_SOURCES", "refs_of", "seed_element_sources"]

#: Sales Overview's and Demand Planning's elements, by kind: what each reads
FIXED_SOURCES: dict[str, str] = {
    "orders": "table",
    "store_performance": "dataset",
    "region_category": "custom-sql",
}
#: the share of each kind among the other workbooks' data elements
_SHARES = (("data-model", 0.55), ("table", 0.2), ("custom-sql", 0.15), ("dataset", 0.1))


def seed_element_sources(
    store: Store, conn: sqlite3.Connection, config: EmulatorConfig, people: SeedResult
) -> None:
    refs = refs_of(store)
    if not refs or not people.workbook_ids:
        return
    rng = random.Random(f"element-sources-{config.seed}")
    kinds = [k for k, _ in _SHARES]
    weights = [w for _, w in _SHARES]
    lineage = store.get(LineageStore)
    data = store.workbooks.elements_by_document(DATA_TYPES)
    for n, workbook_id in enumerate(people.workbook_ids):
        reads: dict[str, tuple[str, str]] = {}
        for element in data.get(workbook_id, []):
            if n == 0:
                chosen = FIXED_SOURCES.get(element["kind"], "data-model")
            elif n == 1:
                chosen = "data-model"
            else:
                chosen = rng.choices(kinds, weights)[0]
            if chosen not in refs:
                chosen = "data-model"
            if chosen in refs:
                reads[element["element_id"]] = (chosen, refs[chosen])
        lineage.replace_sources(conn, workbook_id, reads)


def refs_of(store: Store) -> dict[str, str]:
    """What an element of each kind reads, for the kinds the seeded organization has."""
    refs: dict[str, str] = {}
    feed = store.get(LineageStore).feed()
    if feed is not None:
        refs["data-model"] = feed["element_id"]
    for dataset in store.files.of_type("dataset", archived=True):
        if dataset["name"] == "Order Lines (legacy)":
            refs["dataset"] = dataset["id"]
            break
    snowflake = first_connection(store, "snowflake")
    if snowflake is not None:
        refs["custom-sql"] = snowflake
        orders = store.connections.table_at(snowflake, ["RETAIL", "PUBLIC", "ORDERS"])
        if orders is not None:
            refs["table"] = orders["id"]
    return refs
