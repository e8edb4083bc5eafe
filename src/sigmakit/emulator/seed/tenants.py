"""Two tenant organizations the demo organization created for its regional businesses:
Northwind Europe (which may deploy to Northwind Canada) and Northwind Canada; Sales
Overview's ``Production`` version is deployed to Northwind Europe by the ``Northwind regional``
deployment policy."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from ..clock import iso
from ..store import Store
from ..store.deployment_policies import DeploymentPolicyStore
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
        policy_id = store.ids.uuid()
        production = store.tags.id_named(conn, "Production")
        DeploymentPolicyStore.insert(
            conn,
            policy_id=policy_id,
            name="Northwind regional",
            version_tag_id=production,
            created_by=people.admin_id,
            at=iso(EPOCH + timedelta(days=420)),
            tenants=[europe],
            documents=[people.workbook_ids[0]],
        )
        store.tenants.add_deployment(
            conn, europe, policy_id=policy_id, parent_workbook_id=people.workbook_ids[0]
        )
