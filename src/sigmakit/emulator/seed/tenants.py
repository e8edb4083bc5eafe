"""Two tenant organizations the demo organization created for its regional businesses:
Northwind Europe (which may deploy to Northwind Canada) and Northwind Canada; Sales
Overview's ``Production`` version is deployed to Northwind Europe by a deployment policy."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from ..clock import iso
from ..store import Store
from .people import EPOCH, SeedResult

__all__ = ["seed_tenants"]


def seed_tenants(store: Store, conn: sqlite3.Connection, people: SeedResult) -> None:
    europe = store.tenants.insert(
        conn,
        name="Northwind Europe",
        slug="northwind-europe",
        created_by=people.admin_id,
        cloud="aws-eu",
        at=iso(EPOCH + timedelta(days=400)),
    )
    canada = store.tenants.insert(
        conn,
        name="Northwind Canada",
        slug="northwind-canada",
        created_by=people.admin_id,
        cloud="aws-ca",
        at=iso(EPOCH + timedelta(days=610)),
    )
    store.tenants.allow_targets(conn, europe, [canada])
    if people.workbook_ids:
        store.tenants.add_deployment(
            conn, europe, policy_id=store.ids.uuid(), parent_workbook_id=people.workbook_ids[0]
        )
