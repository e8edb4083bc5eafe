"""Scheduled exports: every owner of a demo workbook has one to three of them on their
workbooks, each at its own cadence (about one in five after the first suspended), sent to
themselves or to a team, as CSV of a table or PDF of a page; the admin's Sales Overview has a
daily one."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.schedules import ScheduleStore
from .people import EPOCH, SeedResult
from .workbooks import LAST_SEEDED_DAY

__all__ = ["seed_schedules"]

#: (cron, time zone, what the title says)
CADENCES = [
    ("0 7 * * *", "America/New_York", "daily"),
    ("30 6 * * 1", "Europe/London", "every Monday"),
    ("0 9 1 * *", "UTC", "monthly"),
    ("0 8 * * 1-5", "America/Los_Angeles", "weekdays"),
    ("15 17 * * FRI", "Australia/Sydney", "Friday wrap-up"),
]
SUSPENDED_SHARE = 0.2


def seed_schedules(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    config: EmulatorConfig,
    people: SeedResult,
) -> None:
    if not people.workbook_ids:
        return
    schedules = store.get(ScheduleStore)
    emails = store.members.column("email")
    tables = store.workbooks.elements_by_document(["table"])
    by_owner: dict[str, list[sqlite3.Row]] = {}
    for row in store.files.of_type("workbook"):
        by_owner.setdefault(row["owner_id"], []).append(row)
    for owner, workbooks in by_owner.items():
        count = rng.randint(1, 3)
        used: set[int] = set()
        for n in range(count):
            workbook = workbooks[0] if n == 0 else rng.choice(workbooks)
            pick = 0 if n == 0 else rng.randrange(len(CADENCES))
            while pick in used:  # each of the owner's schedules at its own cadence
                pick = (pick + 1) % len(CADENCES)
            used.add(pick)
            cron, zone, cadence = CADENCES[pick]
            at = EPOCH + timedelta(days=rng.randrange(LAST_SEEDED_DAY - 300, LAST_SEEDED_DAY - 30))
            suspended = n > 0 and rng.random() < SUSPENDED_SHARE
            if people.team_ids and rng.random() < 0.35:
                target = {"teamId": rng.choice(people.team_ids)}
            else:
                target = {"email": emails[owner]}
            schedules.insert(
                conn,
                workbook_id=workbook["id"],
                owner_id=owner,
                cron_spec=cron,
                timezone=zone,
                title=f"{workbook['name']} ({cadence})",
                targets=[target],
                attachments=[_attachment(store, rng, workbook["id"], tables)],
                description=f"{cadence.capitalize()} export of {workbook['name']}",
                at=iso(at),
                suspended_at=iso(at + timedelta(days=rng.randrange(1, 25))) if suspended else None,
            )


def _attachment(
    store: Store, rng: random.Random, workbook_id: str, tables: dict[str, list[sqlite3.Row]]
) -> dict[str, object]:
    """CSV of the workbook's first table, or PDF of its first page."""
    if workbook_id in tables and rng.random() < 0.6:
        return {
            "formatOptions": {"type": "CSV"},
            "workbookExportSource": {
                "type": "element",
                "nodeIds": [tables[workbook_id][0]["element_id"]],
            },
        }
    page = store.workbooks.page_rows(workbook_id)[0]["page_id"]
    return {
        "formatOptions": {"type": "PDF", "layout": "landscape"},
        "workbookExportSource": {"type": "page", "nodeIds": [page]},
    }
