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

import json
import random
import sqlite3
from datetime import timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.reports import ReportStore
from ..store.workbooks import PageSpec
from .people import EPOCH, SeedResult
from .sources import _refs

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
    pros = [
        r["member_id"]
        for r in conn.execute(
            "SELECT member_id FROM members WHERE is_archived = 0 AND is_inactive = 0 "
            "AND member_type = 'Pro' ORDER BY seq"
        )
    ]
    homes = dict(conn.execute("SELECT member_id, home_folder_id FROM members").fetchall())
    in_workspaces = [
        r[0]
        for r in conn.execute(
            "SELECT f.id FROM inodes f JOIN inodes w ON w.id = f.parent_id "
            "WHERE f.type = 'folder' AND w.type = 'workspace' AND f.is_archived = 0 ORDER BY f.seq"
        )
    ]
    first_space = people.workspace_ids[0] if people.workspace_ids else homes[people.admin_id]
    owners = [people.admin_id, *(pros[:2] if len(pros) >= 2 else [people.admin_id] * 2)]
    places = [
        first_space,
        in_workspaces[0] if in_workspaces else first_space,
        homes[owners[2]],
    ]
    reports = store.get(ReportStore)
    refs = _refs(conn)
    ids: list[str] = []
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
        rows = []
        for element_id, kind in conn.execute(
            "SELECT element_id, kind FROM workbook_elements WHERE workbook_id = ? "
            "AND type IN ('table', 'pivot-table', 'visualization') ORDER BY seq",
            (report_id,),
        ).fetchall():
            chosen = reads.get(kind, "data-model")
            if chosen in refs:
                rows.append((element_id, report_id, chosen, refs[chosen]))
        conn.executemany(
            "INSERT INTO workbook_element_sources (element_id, workbook_id, kind, ref) "
            "VALUES (?,?,?,?)",
            rows,
        )
    _extras(store, conn, ids, people)


def _extras(store: Store, conn: sqlite3.Connection, ids: list[str], people: SeedResult) -> None:
    """The first report's tag and schedule, the second's grant to a team."""
    teams = [r[0] for r in conn.execute("SELECT team_id FROM teams ORDER BY seq")]
    if teams:
        store.grants.put(conn, ids[1], "view", people.admin_id, team_id=teams[-1])
    tag = conn.execute("SELECT tag_id, name FROM version_tags ORDER BY seq LIMIT 1").fetchone()
    when = conn.execute("SELECT created_at FROM inodes WHERE id = ?", (ids[0],)).fetchone()[0]
    if tag is not None:
        conn.execute(
            "INSERT INTO report_tags (report_id, version_tag_id, tag_name, source_version, "
            "tagged_report_id, tagged_at, tagged_by) VALUES (?,?,?,?,?,?,?)",
            (ids[0], tag[0], tag[1], 3, store.ids.uuid(), when, people.admin_id),
        )
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
        conn.execute(
            "INSERT INTO report_schedules (schedule_id, report_id, owner_id, cron_spec, "
            "timezone, config, targets, created_by, updated_by, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                store.ids.uuid(),
                ids[0],
                people.admin_id,
                "0 7 * * 1",
                "America/New_York",
                json.dumps(config),
                json.dumps([{"teamId": teams[0]}]),
                people.admin_id,
                people.admin_id,
                when,
                when,
            ),
        )
