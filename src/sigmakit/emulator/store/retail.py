"""The retail dataset every seeded workbook reads: orders from 2022 through 2025 of
Northwind Outfitters' products in its stores, in plain SQLite tables.

``ds_order_lines`` is the flat view elements select from; workbook controls filter it
with real SQL (see :mod:`.parameters`), so a test can check an export against a query.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache

__all__ = [
    "CATEGORIES",
    "ORDER_COUNT",
    "REGIONS",
    "SCHEMA",
    "SEGMENTS",
    "order_lines_query",
    "seed_dataset",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS ds_regions (
    region_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ds_stores (
    store_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    region_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ds_categories (
    category_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ds_products (
    product_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category_id INTEGER NOT NULL,
    unit_price REAL NOT NULL
);
-- order_date: UTC, 'YYYY-MM-DDTHH:MM:SS'; segment is NULL for guest checkouts
CREATE TABLE IF NOT EXISTS ds_orders (
    order_id INTEGER PRIMARY KEY,
    order_date TEXT NOT NULL,
    store_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    segment TEXT,
    quantity INTEGER NOT NULL,
    unit_price REAL NOT NULL,
    discount REAL NOT NULL,
    revenue REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS ds_orders_date ON ds_orders(order_date);
CREATE VIEW IF NOT EXISTS ds_order_lines AS
SELECT o.order_id, o.order_date, r.name AS region, s.name AS store, s.city AS city,
       c.name AS category, p.name AS product, o.segment, o.quantity, o.unit_price,
       o.discount, o.revenue
FROM ds_orders o
JOIN ds_stores s ON s.store_id = o.store_id
JOIN ds_regions r ON r.region_id = s.region_id
JOIN ds_products p ON p.product_id = o.product_id
JOIN ds_categories c ON c.category_id = p.category_id;
"""


def order_lines_query(
    select: str, where: Sequence[str], group_by: Sequence[str], order_by: str | None
) -> str:
    """A SELECT of ``select`` over ``ds_order_lines`` (the view this module creates): its
    ``where`` clauses joined by AND, then grouped and ordered as given."""
    sql = f"SELECT {select} FROM ds_order_lines"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if group_by:
        sql += " GROUP BY " + ", ".join(group_by)
    if order_by:
        sql += " ORDER BY " + order_by
    return sql


ORDER_COUNT = 40_000
FIRST_DAY = datetime(2022, 1, 1, tzinfo=UTC)
LAST_DAY = datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC)

#: region -> its stores' cities
REGIONS: dict[str, tuple[str, ...]] = {
    "Northeast": ("Boston", "New York", "Burlington", "Portland ME"),
    "Southeast": ("Atlanta", "Asheville", "Miami", "Nashville"),
    "Midwest": ("Chicago", "Minneapolis", "Madison", "Detroit"),
    "Southwest": ("Denver", "Phoenix", "Santa Fe", "Austin"),
    "West": ("Seattle", "Portland OR", "San Francisco", "Salt Lake City"),
}
#: category -> (product, list price)
CATEGORIES: dict[str, tuple[tuple[str, float], ...]] = {
    "Apparel": (
        ("Trail Fleece", 89.0),
        ("Rain Shell", 149.0),
        ("Merino Base Layer", 74.5),
        ("Down Vest", 119.0),
        ("Hiking Shorts", 49.99),
        ("Wool Socks", 18.5),
    ),
    "Footwear": (
        ("Trail Runner", 129.0),
        ("Hiking Boot", 189.0),
        ("Camp Sandal", 59.0),
        ("Approach Shoe", 145.0),
    ),
    "Camping": (
        ("Two-Person Tent", 299.0),
        ("Sleeping Bag 20F", 219.0),
        ("Sleeping Pad", 99.0),
        ("Camp Stove", 64.95),
        ("Headlamp", 39.95),
    ),
    "Climbing": (
        ("Harness", 79.0),
        ("Dynamic Rope 60m", 229.0),
        ("Chalk Bag", 22.0),
        ("Belay Device", 34.95),
    ),
    "Cycling": (
        ("Gravel Bike", 1899.0),
        ("Bike Helmet", 119.0),
        ("Cycling Jersey", 84.0),
        ("Repair Kit", 29.0),
    ),
    "Accessories": (
        ("Water Bottle", 24.0),
        ("Daypack 24L", 109.0),
        ("Trekking Poles", 139.0),
        ("Sunglasses", 99.0),
        ("Map Case", 15.0),
    ),
}
#: customer segments and their shares; the rest are guest checkouts (NULL)
SEGMENTS: tuple[tuple[str, float], ...] = (
    ("Consumer", 0.55),
    ("Member", 0.25),
    ("Corporate", 0.14),
)
DISCOUNTS = (0.0, 0.0, 0.0, 0.05, 0.1, 0.15, 0.2)


def _segment(r: float) -> str | None:
    for name, share in SEGMENTS:
        if r < share:
            return name
        r -= share
    return None


@lru_cache(maxsize=4)
def _orders(seed: int, count: int = ORDER_COUNT) -> tuple[tuple[object, ...], ...]:
    """The order rows for a seed (cached: re-seeding the same seed costs only the insert)."""
    rng = random.Random(f"retail-{seed}")
    prices = [price for products in CATEGORIES.values() for _, price in products]
    stores = sum(len(cities) for cities in REGIONS.values())
    span = int((LAST_DAY - FIRST_DAY).total_seconds())
    # busier in later years and in the fourth quarter
    stamps = sorted(
        span - int(span * rng.random() ** 1.3) if rng.random() < 0.5 else rng.randrange(span)
        for _ in range(count)
    )
    rows = []
    for n, offset in enumerate(stamps, start=1):
        when = FIRST_DAY + timedelta(seconds=offset)
        if when.month < 10 and rng.random() < 0.15:  # a nudge towards the holiday season
            when = when.replace(month=rng.choice((10, 11, 12)), day=min(when.day, 30))
        product = rng.randrange(len(prices))
        quantity = rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 8))
        discount = rng.choice(DISCOUNTS)
        price = prices[product]
        rows.append(
            (
                n,
                when.strftime("%Y-%m-%dT%H:%M:%S"),
                rng.randrange(stores) + 1,
                product + 1,
                _segment(rng.random()),
                quantity,
                price,
                discount,
                round(quantity * price * (1 - discount), 2),
            )
        )
    rows.sort(key=lambda row: (row[1], row[0]))
    return tuple((n, *row[1:]) for n, row in enumerate(rows, start=1))


def seed_dataset(conn: sqlite3.Connection, seed: int, orders: int = ORDER_COUNT) -> None:
    """Lay the dataset down inside the seeding transaction (a few tens of milliseconds for
    the default ``orders``; a million order lines take some seconds)."""
    conn.executemany("INSERT INTO ds_regions VALUES (?, ?)", list(enumerate(REGIONS, start=1)))
    store_rows: list[tuple[int, str, str, int]] = []
    for region_id, cities in enumerate(REGIONS.values(), start=1):
        for city in cities:
            store_rows.append((len(store_rows) + 1, f"{city} Outfitters", city, region_id))
    conn.executemany("INSERT INTO ds_stores VALUES (?, ?, ?, ?)", store_rows)
    conn.executemany(
        "INSERT INTO ds_categories VALUES (?, ?)", list(enumerate(CATEGORIES, start=1))
    )
    product_rows: list[tuple[int, str, int, float]] = []
    for category_id, products in enumerate(CATEGORIES.values(), start=1):
        for name, price in products:
            product_rows.append((len(product_rows) + 1, name, category_id, price))
    conn.executemany("INSERT INTO ds_products VALUES (?, ?, ?, ?)", product_rows)
    conn.executemany("INSERT INTO ds_orders VALUES (?,?,?,?,?,?,?,?,?)", _orders(seed, orders))
