"""Data models and (deprecated) datasets over the seeded warehouse connections:

- ``Retail Sales`` on the Snowflake connection's RETAIL.PUBLIC tables: Orders, Stores (with
  their region), Products (with their category), and Order Lines joining the three, which
  most seeded workbook tables and charts read (:mod:`.sources`); a ``Production`` version
  tag and a daily materialization of Order Lines;
- ``Marketing Funnel`` on the BigQuery connection's web analytics tables;
- two datasets from before data models: ``Order Lines (legacy)``, migrated to Retail Sales
  (some workbook elements still read it), and ``Store Directory``, not migrated.

They live in the Data Team Sandbox workspace (the first workspace if it is not seeded),
owned by the admin. Laid down last, so no id seeded before them changes; a part whose
connection was not seeded is left out.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from ..clock import iso
from ..db import MAX_PAGE
from ..store import Store
from ..store.catalog import ELEMENT_KINDS
from ..store.data_model_schedules import DataModelScheduleStore
from ..store.data_models import DataModelStore, ElementSpec
from ..store.datasets import DatasetStore
from .people import EPOCH, SeedResult

__all__ = ["first_connection", "seed_data_models"]

_N, _T, _D = "number", "string", "datetime"
#: where the Marketing BigQuery connection keeps its web analytics tables (seed/spaces.py)
_WEB_ANALYTICS = ["northwind-marketing", "web_analytics"]


def _cols(element: str, *columns: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(label, f"[{element}/{label}]", kind) for label, kind in columns]


def _order_lines() -> list[tuple[str, str, str]]:
    """The columns of the seeded workbooks' Orders table, which reads them."""
    return [
        (c.label, f"[Order Lines/{c.label}]", "number" if c.numeric else _D if c.datetime else _T)
        for c in ELEMENT_KINDS["orders"].columns
    ]


def _tables(store: Store, connection_id: str, paths: list[list[str]]) -> dict[str, str]:
    """Those of the paths the connection catalogues: ``DATABASE.SCHEMA.TABLE`` -> table id."""
    found = {".".join(p): store.connections.table_at(connection_id, p) for p in paths}
    return {name: str(row["id"]) for name, row in found.items() if row is not None}


def first_connection(store: Store, kind: str) -> str | None:
    """The id of the organization's first connection of a kind (deleted or not)."""
    every = store.connections.list(search=None, include_archived=True, offset=0, limit=MAX_PAGE)
    return next((c["connectionId"] for c in every.entries if c["type"] == kind), None)


def seed_data_models(store: Store, conn: sqlite3.Connection, people: SeedResult) -> None:
    folder = next(
        (
            r["id"]
            for r in store.files.of_type("workspace", archived=True)
            if r["name"] == "Data Team Sandbox"
        ),
        None,
    )
    if folder is None and not people.workspace_ids:
        return
    parent = str(folder) if folder is not None else people.workspace_ids[0]
    admin = people.admin_id
    models, datasets = store.get(DataModelStore), store.get(DatasetStore)
    created = EPOCH + timedelta(days=200)
    snowflake = first_connection(store, "snowflake")
    if snowflake is not None:
        names = ("ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES")
        t = _tables(store, snowflake, [["RETAIL", "PUBLIC", n] for n in names])
        if all(f"RETAIL.PUBLIC.{n}" in t for n in ("ORDERS", "STORES", "REGIONS", "PRODUCTS")):
            retail = models.insert(
                conn,
                name="Retail Sales",
                owner_id=admin,
                parent_id=parent,
                at=iso(created),
                latest_version=14,
                elements=[
                    ElementSpec(
                        "Orders",
                        tables=[t["RETAIL.PUBLIC.ORDERS"]],
                        columns=_cols(
                            "Orders",
                            ("Order Id", _N),
                            ("Order Date", _D),
                            ("Store Id", _N),
                            ("Product Id", _N),
                            ("Segment", _T),
                            ("Quantity", _N),
                            ("Unit Price", _N),
                            ("Discount", _N),
                            ("Revenue", _N),
                        ),
                    ),
                    ElementSpec(
                        "Stores",
                        tables=[t["RETAIL.PUBLIC.STORES"], t["RETAIL.PUBLIC.REGIONS"]],
                        columns=_cols(
                            "Stores", ("Store Id", _N), ("Store", _T), ("City", _T), ("Region", _T)
                        ),
                    ),
                    ElementSpec(
                        "Products",
                        tables=[
                            t["RETAIL.PUBLIC.PRODUCTS"],
                            *[t[k] for k in ("RETAIL.PUBLIC.CATEGORIES",) if k in t],
                        ],
                        columns=_cols(
                            "Products",
                            ("Product Id", _N),
                            ("Product", _T),
                            ("Category", _T),
                            ("List Price", _N),
                        ),
                    ),
                    ElementSpec(
                        "Order Lines",
                        elements=["Orders", "Stores", "Products"],
                        columns=_order_lines(),
                        feeds_workbooks=True,
                    ),
                ],
            )
            tagged = iso(created + timedelta(days=300))
            fresh = store.ids.uuid()  # drawn either way, so the ids seeded after stay put
            # the organization's Production tag, as POST /v2/dataModels/tag puts it
            production = store.tags.id_named(conn, "Production") or fresh
            models.add_tag(conn, retail[""], production, "Production", 12, tagged)
            DataModelScheduleStore.add_schedule(
                conn,
                retail[""],
                retail["Order Lines"],
                cron_spec="0 5 * * *",
                timezone="America/New_York",
                configured_at=tagged,
            )
            legacy = datasets.insert(
                conn,
                name="Order Lines (legacy)",
                owner_id=admin,
                parent_id=parent,
                source_id=t["RETAIL.PUBLIC.ORDERS"],
                at=iso(EPOCH + timedelta(days=20)),
                description="Orders with store and product, before the Retail Sales model",
            )
            datasets.migrated(conn, legacy, retail[""], admin, iso(created))
            datasets.insert(
                conn,
                name="Store Directory",
                owner_id=admin,
                parent_id=parent,
                source_id=t["RETAIL.PUBLIC.STORES"],
                at=iso(EPOCH + timedelta(days=35)),
            )
    bigquery = first_connection(store, "bigQuery")
    if bigquery is not None:
        web_tables = ("sessions", "campaigns", "conversions")
        t = _tables(store, bigquery, [[*_WEB_ANALYTICS, n] for n in web_tables])
        web = {name.rpartition(".")[2]: table_id for name, table_id in t.items()}
        if {"sessions", "campaigns", "conversions"} <= web.keys():
            models.insert(
                conn,
                name="Marketing Funnel",
                owner_id=admin,
                parent_id=parent,
                at=iso(created + timedelta(days=90)),
                latest_version=5,
                elements=[
                    ElementSpec(
                        "Sessions",
                        tables=[web["sessions"]],
                        columns=_cols(
                            "Sessions",
                            ("Session Id", _T),
                            ("Started At", _D),
                            ("Campaign Id", _T),
                            ("Page Views", _N),
                        ),
                    ),
                    ElementSpec(
                        "Campaigns",
                        tables=[web["campaigns"]],
                        columns=_cols(
                            "Campaigns",
                            ("Campaign Id", _T),
                            ("Campaign", _T),
                            ("Channel", _T),
                            ("Budget", _N),
                        ),
                    ),
                    ElementSpec(
                        "Funnel",
                        tables=[web["conversions"]],
                        elements=["Sessions", "Campaigns"],
                        columns=_cols(
                            "Funnel",
                            ("Campaign", _T),
                            ("Sessions", _N),
                            ("Conversions", _N),
                            ("Conversion Rate", _N),
                        ),
                    ),
                ],
            )
