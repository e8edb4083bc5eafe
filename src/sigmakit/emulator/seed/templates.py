"""Templates: every owner of a demo workbook saved one or two of their workbooks as a
template (in their My Documents), and three templates were shared with the organization by
Sigma's partners: one accepted (an external template), two still pending."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.templates import TemplateStore
from ..store.workbooks import PageSpec
from .people import EPOCH, SeedResult
from .workbooks import LAST_SEEDED_DAY

__all__ = ["SHARED_TEMPLATES", "seed_templates"]

#: (name, description, pages) of the templates other organizations shared
SHARED_TEMPLATES = [
    (
        "Retail KPI Starter",
        "Revenue, margin and sell-through by region and category",
        [
            PageSpec("KPIs", ["monthly_revenue", "category_revenue"]),
            PageSpec("Stores", ["store_performance"]),
        ],
    ),
    (
        "Customer Segments Kit",
        "Segment mix and top products per segment",
        [PageSpec("Segments", ["segment_mix", "top_products"])],
    ),
    (
        "Store Targets Planner",
        None,
        [PageSpec("Targets", ["region_targets", "store_performance"])],
    ),
]


def seed_templates(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    config: EmulatorConfig,
    people: SeedResult,
) -> None:
    templates = store.get(TemplateStore)
    connection = people.connection_ids[0] if people.connection_ids else None
    homes = store.members.column("home_folder_id")
    by_owner: dict[str, list[sqlite3.Row]] = {}
    for row in store.files.of_type("workbook"):
        by_owner.setdefault(row["owner_id"], []).append(row)
    for owner, workbooks in by_owner.items():
        for workbook in rng.sample(workbooks, min(len(workbooks), rng.randint(1, 2))):
            day = rng.randrange(LAST_SEEDED_DAY - 400, LAST_SEEDED_DAY - 10)
            templates.insert(
                conn,
                name=f"{workbook['name']} Template",
                owner_id=owner,
                parent_id=homes[owner],
                pages=store.workbooks.page_specs(workbook["id"]),
                connection_id=connection,
                description=workbook["description"],
                at=iso(EPOCH + timedelta(days=day)),
            )
    provider = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    for n, (name, description, pages) in enumerate(SHARED_TEMPLATES):
        at = iso(EPOCH + timedelta(days=LAST_SEEDED_DAY - 60 + 20 * n))
        share_id = templates.insert_share(
            conn,
            provider_organization_id=provider,
            name=name,
            description=description,
            pages=pages,
            at=at,
        )
        if n == 0:  # accepted by the admin: an external template
            template_id = templates.insert(
                conn,
                name=name,
                owner_id=people.admin_id,
                parent_id=homes[people.admin_id],
                pages=pages,
                source="external",
                connection_id=connection,
                description=description,
                at=at,
            )
            templates.accepted(conn, share_id, template_id)
