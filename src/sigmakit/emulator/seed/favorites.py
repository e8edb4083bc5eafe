"""Favorites: about half the people (not the admin, who starts with none) starred one to
three of the workbooks they opened lately."""

from __future__ import annotations

import random
import sqlite3

from ..config import EmulatorConfig
from ..store import Store
from ..store.favorites import FavoriteStore
from .people import SeedResult

__all__ = ["seed_favorites"]


def seed_favorites(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    config: EmulatorConfig,
    people: SeedResult,
) -> None:
    opened: dict[str, list[tuple[str, str]]] = {}
    for row in store.files.opened("workbook"):
        opened.setdefault(row[0], []).append((row[1], row[2]))
    rows = []
    for member_id, files in opened.items():
        if member_id == people.admin_id or rng.random() < 0.5:
            continue
        for inode_id, at in rng.sample(files, min(len(files), rng.randint(1, 3))):
            rows.append((member_id, inode_id, at))
    rows.sort(key=lambda r: r[2])
    FavoriteStore.add_all(conn, rows)
