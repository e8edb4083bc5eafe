"""The retail dataset, and ``config.sizes.workbooks`` workbooks over it: in workspaces, their
folders and members' My Documents, each with 1-4 pages (or ``pages_per_workbook``) of
controls, tables, pivot tables, charts and input tables; materialization schedules (one
that fails); version tags; and who opened what lately.

Two workbooks are always there, first, for scripts and tests to find by name:
``Sales Overview`` (every kind of element and control, a working materialization) and
``Demand Planning`` (input tables, and a materialization that fails).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from typing import NamedTuple

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.retail import seed_dataset
from ..store.workbooks import PageSpec
from .people import EPOCH, SeedResult

__all__ = ["FAILING_MATERIALIZATION", "seed_workbooks"]

FAILING_MATERIALIZATION = "Materialization failed: the warehouse query timed out after 900 s"
ALL_CONTROLS = ["control:DateFilter", "control:Region", "control:Category"]
OPTIONAL_CONTROLS = [("control:Segment", 0.5), ("control:Revenue", 0.4)]
DATA_KINDS = [
    "orders",
    "store_performance",
    "top_products",
    "region_category",
    "monthly_revenue",
    "category_revenue",
    "segment_mix",
]
INPUT_KINDS = ["region_targets", "forecast_adjustments"]
#: the elements that read data (a materialization's, a CSV export's)
DATA_TYPES = ("table", "pivot-table", "visualization")
THEMES = [
    "Regional Performance",
    "Product Mix",
    "Customer Segments",
    "Store Operations",
    "Holiday Readiness",
    "Revenue Deep Dive",
    "Executive Summary",
    "Category Trends",
    "Order Explorer",
    "Quarterly Business Review",
    "Footwear Review",
    "Cycling Season",
    "Camping Sell-Through",
    "Member Program",
    "Discount Analysis",
    "Weekly Trading",
]
QUALIFIERS = ["", " 2024", " 2025", " (Northeast)", " (West)", " v2", " - Draft", " - Copy"]
PAGE_NAMES = ["Overview", "Details", "Trends", "By Store", "By Category", "Appendix"]
CRONS = [("0 6 * * *", "America/New_York"), ("30 2 * * 1", "UTC"), ("0 */4 * * *", "Europe/London")]
LAST_SEEDED_DAY = 1085  # days after EPOCH: the end of 2025


def seed_workbooks(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    config: EmulatorConfig,
    people: SeedResult,
) -> None:
    """Lay down the retail dataset and the workbooks; records their ids in ``people``."""
    seed_dataset(conn, config.seed, config.sizes.orders)
    count = config.sizes.workbooks
    if count <= 0:
        return
    creators = store.members.live_ids(types=("Admin", "Pro")) or [people.admin_id]
    homes = store.members.column("home_folder_id")
    shared = list(people.workspace_ids) + [
        r["id"] for r in store.files.of_type("folder", archived=True, within="workspace")
    ]
    page_count = config.sizes.pages_per_workbook
    fixed = [
        ("Sales Overview", people.admin_id, _sales_overview()),
        ("Demand Planning", rng.choice(creators), _demand_planning()),
    ]
    if page_count is not None:
        fixed = [(name, owner, _fit(pages, page_count)) for name, owner, pages in fixed]
    ids: list[str] = []
    laid: dict[str, _Laid] = {}
    for n in range(count):
        if n < len(fixed):
            name, owner, pages = fixed[n]
        else:
            name = _name(n - len(fixed))
            owner, pages = rng.choice(creators), _random_pages(rng, page_count)
        if shared and (n == 0 or rng.random() < 0.65):
            parent = shared[0] if n == 0 else rng.choice(shared)
        else:
            parent = homes[owner]
        day = rng.randrange(30, LAST_SEEDED_DAY - 60)
        created = EPOCH + timedelta(days=day, minutes=rng.randrange(600))
        version = rng.randint(1, 60)
        workbook_id = store.workbooks.insert(
            conn,
            name=name,
            owner_id=owner,
            parent_id=parent,
            pages=pages,
            at=iso(created),
            latest_version=version,
        )
        updated = created + timedelta(days=rng.randrange(0, LAST_SEEDED_DAY - day))
        archived = n >= len(fixed) and rng.random() < 0.04
        laid[workbook_id] = _Laid(owner, iso(created), iso(updated), archived, version)
        ids.append(workbook_id)
    store.files.stamp(conn, [(w.updated, w.archived, i) for i, w in laid.items()])
    _schedules(store, conn, rng, ids, laid)
    _tags(store, conn, rng, ids, laid)
    _interactions(store, conn, rng, laid, people)
    people.workbook_ids = ids


class _Laid(NamedTuple):
    """What the seed made a workbook: its owner, times, whether archived, latest version."""

    owner: str
    created: str
    updated: str
    archived: bool
    version: int


def _name(n: int) -> str:
    theme = THEMES[n % len(THEMES)]
    qualifier = QUALIFIERS[(n // len(THEMES)) % len(QUALIFIERS)]
    round_ = n // (len(THEMES) * len(QUALIFIERS))
    return f"{theme}{qualifier}" + (f" #{round_ + 1}" if round_ else "")


def _sales_overview() -> list[PageSpec]:
    return [
        PageSpec(
            "Overview",
            [
                *ALL_CONTROLS,
                "control:Segment",
                "control:Revenue",
                "monthly_revenue",
                "category_revenue",
                "segment_mix",
                "notes",
            ],
        ),
        PageSpec("Orders", ["orders"]),
        PageSpec("Stores", ["store_performance", "region_category", "top_products"]),
        PageSpec("Targets", ["region_targets"], hidden=True),
    ]


def _demand_planning() -> list[PageSpec]:
    return [
        PageSpec("Plan", [*ALL_CONTROLS, "store_performance", "region_targets"]),
        PageSpec("Adjustments", ["forecast_adjustments", "notes"]),
    ]


def _page_name(n: int) -> str:
    return PAGE_NAMES[n] if n < len(PAGE_NAMES) else f"Page {n + 1}"


def _fit(pages: list[PageSpec], count: int) -> list[PageSpec]:
    """Exactly ``count`` pages: the elements of any pages past the last one move onto it;
    missing pages come as one table each."""
    count = max(1, count)
    if len(pages) > count:
        last = pages[count - 1]
        moved = [kind for page in pages[count:] for kind in page.kinds]
        return [*pages[: count - 1], PageSpec(last.name, [*last.kinds, *moved], last.hidden)]
    extra = [
        PageSpec(_page_name(n), [DATA_KINDS[n % len(DATA_KINDS)]]) for n in range(len(pages), count)
    ]
    return [*pages, *extra]


def _random_pages(rng: random.Random, count: int | None = None) -> list[PageSpec]:
    """1 to 4 pages (``count`` when given): controls and data on the first, data and now
    and then a text on the others, and an input table on the last one time in four."""
    controls = ALL_CONTROLS + [kind for kind, share in OPTIONAL_CONTROLS if rng.random() < share]
    pages = [PageSpec(PAGE_NAMES[0], controls + rng.sample(DATA_KINDS, rng.randint(1, 3)))]
    count = rng.randint(1, 4) if count is None else max(1, count)
    for name in map(_page_name, range(1, count)):
        kinds = rng.sample(DATA_KINDS, rng.randint(1, 3))
        if rng.random() < 0.2:
            kinds.append("notes")
        pages.append(PageSpec(name, kinds, hidden=rng.random() < 0.1))
    if rng.random() < 0.25:
        pages[-1] = PageSpec(pages[-1].name, [*pages[-1].kinds, rng.choice(INPUT_KINDS)])
    return pages


def _element(data: list[sqlite3.Row], kind: str) -> str | None:
    """The first of a workbook's tables, pivots and charts of that kind, else its first."""
    found = next((e for e in data if e["kind"] == kind), data[0] if data else None)
    return None if found is None else str(found["element_id"])


def _schedules(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    ids: list[str],
    laid: dict[str, _Laid],
) -> None:
    """Sales Overview's Orders materializes; Demand Planning's Store Performance fails;
    about one in four other workbooks has a schedule (some on demand only, some paused)."""
    plan: list[tuple[str, str, str | None]] = [(ids[0], "orders", None)]
    if len(ids) > 1:
        plan.append((ids[1], "store_performance", FAILING_MATERIALIZATION))
    for workbook_id in ids[2:]:
        if rng.random() < 0.25:
            plan.append((workbook_id, rng.choice(DATA_KINDS), None))
    data = store.workbooks.elements_by_document(DATA_TYPES)
    for workbook_id, kind, fails in plan:
        element = _element(data.get(workbook_id, []), kind)
        if element is None:
            continue
        cron, zone = rng.choice(CRONS) if fails or rng.random() < 0.8 else (None, None)
        store.materializations.add_schedule(
            conn,
            element,
            cron_spec=cron,
            timezone=zone,
            configured_at=laid[workbook_id].created,
            paused=fails is None and workbook_id != ids[0] and rng.random() < 0.15,
            fails=fails,
        )


def _tags(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    ids: list[str],
    laid: dict[str, _Laid],
) -> None:
    """Two version tags, ``Production`` and ``Staging``: Sales Overview has its version before
    last tagged ``Production`` and its latest ``Staging``; about one other workbook in eight
    has a ``Production`` version."""
    first = laid[ids[0]]
    admin = first.owner
    production = store.tags.insert(
        conn,
        name="Production",
        color="grass",
        owner_id=admin,
        description="Reviewed versions everyone sees",
        at=first.created,
    )
    staging = store.tags.insert(
        conn,
        name="Staging",
        color="amber",
        owner_id=admin,
        description="Versions under review",
        at=first.created,
    )
    latest = first.version
    rows: list[tuple[str, str, str, int, str, str | None]] = [
        (ids[0], production, "Production", max(1, latest - 1), first.updated, admin),
        (ids[0], staging, "Staging", latest, first.updated, admin),
    ]
    for workbook_id in ids[2:]:
        if rng.random() < 0.125:
            wb = laid[workbook_id]
            version = max(1, wb.version - rng.randint(0, 3))
            rows.append((workbook_id, production, "Production", version, wb.updated, wb.owner))
    store.workbooks.add_tags(conn, rows)


def _interactions(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    laid: dict[str, _Laid],
    people: SeedResult,
) -> None:
    """The owner and a few others opened each workbook during the last months of 2025."""
    readers = [people.admin_id, *people.member_ids]
    rows = []
    for workbook_id, workbook in laid.items():
        others = rng.sample(readers, min(len(readers), rng.randint(0, 3)))
        for member in dict.fromkeys([workbook.owner, *others]):
            when = EPOCH + timedelta(days=rng.randrange(LAST_SEEDED_DAY - 120, LAST_SEEDED_DAY))
            rows.append((member, workbook_id, iso(when + timedelta(minutes=rng.randrange(1440)))))
    rows.sort()
    store.files.touch_all(conn, rows)
