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

import json
import sqlite3
from datetime import timedelta

from ..clock import iso
from ..store import Store
from ..store.catalog import ELEMENT_KINDS
from ..store.data_model_schedules import DataModelScheduleStore
from ..store.data_models import DataModelStore, ElementSpec
from ..store.datasets import DatasetStore
from .people import EPOCH, SeedResult

__all__ = ["seed_data_models"]

_N, _T, _D = "number", "string", "datetime"


def _cols(element: str, *columns: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(label, f"[{element}/{label}]", kind) for label, kind in columns]


def _order_lines() -> list[tuple[str, str, str]]:
    """The columns of the seeded workbooks' Orders table, which reads them."""
    return [
        (c.label, f"[Order Lines/{c.label}]", "number" if c.numeric else _D if c.datetime else _T)
        for c in ELEMENT_KINDS["orders"].columns
    ]


def _tables(conn: sqlite3.Connection, connection_id: str) -> dict[str, str]:
    """The connection's catalogued tables: ``DATABASE.SCHEMA.TABLE`` -> table id."""
    return {
        ".".join(json.loads(path)): table_id
        for table_id, path in conn.execute(
            "SELECT id, path FROM connection_tables WHERE connection_id = ? ORDER BY seq",
            (connection_id,),
        )
    }


def _connection(conn: sqlite3.Connection, kind: str) -> str | None:
    row = conn.execute(
        "SELECT connection_id FROM connections WHERE type = ? ORDER BY seq LIMIT 1", (kind,)
    ).fetchone()
    return None if row is None else str(row[0])


def seed_data_models(store: Store, conn: sqlite3.Connection, people: SeedResult) -> None:
    folder = conn.execute(
        "SELECT id FROM inodes WHERE type = 'workspace' AND name = 'Data Team Sandbox'"
    ).fetchone()
    if folder is None and not people.workspace_ids:
        return
    parent = str(folder[0]) if folder is not None else people.workspace_ids[0]
    admin = people.admin_id
    models, datasets = store.get(DataModelStore), store.get(DatasetStore)
    created = EPOCH + timedelta(days=200)
    snowflake = _connection(conn, "snowflake")
    if snowflake is not None:
        t = _tables(conn, snowflake)
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
            conn.execute(
                "INSERT INTO data_model_tags (data_model_id, version_tag_id, tag_name, "
                "source_version, tagged_at) VALUES (?,?,?,?,?)",
                (retail[""], store.ids.uuid(), "Production", 12, tagged),
            )
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
    bigquery = _connection(conn, "bigQuery")
    if bigquery is not None:
        t = _tables(conn, bigquery)
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
