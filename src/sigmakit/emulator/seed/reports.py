"""Three reports over the retail data, owned by seeded members, each where a real
organization keeps one and each reading a mix of sources:

- ``Weekly Sales Report`` (the admin's, in the first workspace, so its team sees it): a
  summary page of controls, charts and a text, and a stores page; its charts read the data
  model, Store Performance the dataset, Top Products the warehouse tables. Three published
  versions, the latest tagged with the organization's first version tag, and a Monday
  schedule to the Sales team.
- ``Regional Performance Report`` (a Pro member's, in a folder of a workspace), granted
  ``view`` to a team: custom SQL and the warehouse tables.
- ``Executive Monthly Pack`` (another Pro member's, in their My Documents): only its owner
  and admins see it; it reads the data model and the dataset.

Laid down last, with a generator of its own: no earlier seeded id moves.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.lineage import LineageStore
from ..store.report_schedules import ReportScheduleStore
from ..store.reports import ReportStore
from ..store.workbooks import PageSpec
from .people import EPOCH, SeedResult
from .sources import refs_of
from .workbooks import DATA_TYPES

__all__ = ["REPORTS", "seed_reports"]

#: each report: its name, its pages, and what its data elements read, by element kind
REPORTS: tuple[tuple[str, tuple[PageSpec, ...], dict[str, str]], ...] = (
    (
        "Weekly Sales Report",
        (
            PageSpec(
                "Summary",
                [
                    "control:DateFilter",
                    "control:Region",
                    "monthly_revenue",
                    "category_revenue",
                    "notes",
                ],
            ),
            PageSpec("Stores", ["store_performance", "top_products"]),
        ),
        {"store_performance": "dataset", "top_products": "table"},
    ),
    (
        "Regional Performance Report",
        (PageSpec("Regions", ["control:Region", "region_category", "orders"]),),
        {"region_category": "custom-sql", "orders": "table"},
    ),
    (
        "Executive Monthly Pack",
        (
            PageSpec("Overview", ["segment_mix", "notes"]),
            PageSpec("Appendix", ["orders"], hidden=True),
        ),
        {"orders": "dataset"},
    ),
)


def seed_reports(
    store: Store, conn: sqlite3.Connection, config: EmulatorConfig, people: SeedResult
) -> None:
    rng = random.Random(f"reports-{config.seed}")
    pros = store.members.live_ids(types=("Pro",))
    homes = store.members.column("home_folder_id")
    in_workspaces = [r["id"] for r in store.files.of_type("folder", within="workspace")]
    first_space = people.workspace_ids[0] if people.workspace_ids else homes[people.admin_id]
    owners = [people.admin_id, *(pros[:2] if len(pros) >= 2 else [people.admin_id] * 2)]
    places = [
        first_space,
        in_workspaces[0] if in_workspaces else first_space,
        homes[owners[2]],
    ]
    reports = store.get(ReportStore)
    refs = refs_of(store)
    lineage = store.get(LineageStore)
    ids: list[str] = []
    first_at = ""
    for (name, pages, reads), owner, place in zip(REPORTS, owners, places, strict=True):
        day = rng.randrange(700, 1000)
        at = iso(EPOCH + timedelta(days=day, minutes=rng.randrange(600)))
        report_id = reports.insert(
            conn,
            name=name,
            owner_id=owner,
            parent_id=place,
            pages=list(pages),
            at=at,
            versions=3 if not ids else 1,
        )
        ids.append(report_id)
        first_at = first_at or at
        data = [e for e in store.workbooks.element_rows(report_id) if e["type"] in DATA_TYPES]
        chosen = {e["element_id"]: reads.get(e["kind"], "data-model") for e in data}
        sources = {e: (kind, refs[kind]) for e, kind in chosen.items() if kind in refs}
        lineage.replace_sources(conn, report_id, sources)
    _extras(store, conn, ids, first_at, people)


def _extras(
    store: Store, conn: sqlite3.Connection, ids: list[str], when: str, people: SeedResult
) -> None:
    """The first report's tag and schedule (as of when it was made), the second's grant to
    a team."""
    teams = list(store.teams.names())
    if teams:
        store.grants.put(conn, ids[1], "view", people.admin_id, team_id=teams[-1])
    tags = store.tags.find(search=None, offset=0, limit=1).entries
    if tags:
        tag = (tags[0]["versionTagId"], tags[0]["name"])
        store.get(ReportStore).add_tag(conn, ids[0], tag, 3, when, people.admin_id)
    if teams:
        config = {
            "title": "Weekly Sales Report",
            "messageBody": "This week's sales, by region and store.",
            "notificationAttachments": [
                {
                    "formatOptions": {"type": "PDF", "layout": "landscape"},
                    "workbookExportSource": {"type": "report"},
                }
            ],
        }
        ReportScheduleStore.insert(
            conn,
            store.ids.uuid(),
            ids[0],
            people.admin_id,
            ("0 7 * * 1", "America/New_York"),
            config,
            [{"teamId": teams[0]}],
            when,
        )
