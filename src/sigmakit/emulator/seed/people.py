"""The organization, its account types, the admin who owns the API credentials, and people."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.account_types import AccountTypeSpec, account_type_specs, level

__all__ = ["ADMIN_EMAIL", "ORG_NAME", "SeedResult", "seed_people"]

ORG_NAME = "Northwind Outfitters"
ORG_SLUG = "northwind"
DOMAIN = "northwind.example"
ADMIN_EMAIL = f"admin@{DOMAIN}"
#: (what an account type amounts to, share of the seeded people): Admin, Pro, Essential
#: and Lite in today's organizations (see ``store.account_types.level``)
TYPE_MIX = (("edit", 0.04), ("organize", 0.26), ("explore", 0.35), ("view", 0.35))
_LEVELS = ("edit", "organize", "explore", "view")
EPOCH = datetime(2023, 1, 9, 9, 0, tzinfo=UTC)

FIRST_NAMES = [
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Amelia",
    "Oliver",
    "Sophia",
    "Elijah",
    "Mia",
    "Lucas",
    "Isabella",
    "Mateo",
    "Ava",
    "Levi",
    "Charlotte",
    "Ezra",
    "Harper",
    "Asher",
    "Luna",
    "James",
    "Evelyn",
    "Leo",
    "Aria",
    "Ethan",
    "Ella",
    "Aiden",
    "Nora",
    "Kai",
    "Zoe",
    "Hiro",
    "Priya",
    "Arjun",
    "Mei",
    "Chen",
    "Fatima",
    "Omar",
    "Ines",
    "Diego",
    "Sofia",
    "Kofi",
    "Amara",
    "Lars",
    "Freya",
    "Yusuf",
    "Leila",
    "Tomas",
    "Anika",
    "Ravi",
    "Sana",
    "Jonas",
]
LAST_NAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Tanaka",
    "Okafor",
    "Larsen",
    "Haddad",
    "Kowalski",
    "Novak",
    "Silva",
    "Costa",
    "Patel",
    "Kim",
]


@dataclass
class SeedResult:
    org_id: str
    admin_id: str
    member_ids: list[str] = field(default_factory=list)
    team_ids: list[str] = field(default_factory=list)
    #: workspaces, then folders inside workspaces and in some My Documents (seed/spaces.py)
    workspace_ids: list[str] = field(default_factory=list)
    folder_ids: list[str] = field(default_factory=list)
    connection_ids: list[str] = field(default_factory=list)
    #: seed/workbooks.py: Sales Overview, Demand Planning, then the others
    workbook_ids: list[str] = field(default_factory=list)


def _pick_level(rng: random.Random) -> str:
    r = rng.random()
    for name, share in TYPE_MIX:
        if r < share:
            return name
        r -= share
    return TYPE_MIX[-1][0]


def _type_for_level(specs: tuple[AccountTypeSpec, ...]) -> dict[str, str]:
    """The account type seeded people of each level get: the organization's first of that
    level, else the nearest lower one that exists, else Admin."""
    by_level: dict[str, str] = {}
    for spec in specs:
        by_level.setdefault(level(spec.permissions), spec.name)
    chosen: dict[str, str] = {}
    for i, name in enumerate(_LEVELS):
        found = next((by_level[lv] for lv in _LEVELS[i:] if lv in by_level), None)
        chosen[name] = found or by_level.get("edit", "Admin")
    return chosen


def seed_people(
    store: Store, conn: sqlite3.Connection, rng: random.Random, config: EmulatorConfig
) -> SeedResult:
    """The org row, account types, the admin and ``config.sizes.members`` people."""
    org_id = store.ids.uuid()
    store.org.insert(conn, org_id, ORG_NAME, ORG_SLUG)
    specs = account_type_specs(config.account_types)
    store.account_types.insert(conn, org_id, specs)
    admin_id = store.members.insert(
        conn,
        email=ADMIN_EMAIL,
        first_name="Avery",
        last_name="Admin",
        member_type="Admin",
        user_kind="internal",
        created_by=None,
        at=iso(EPOCH),
    )
    result = SeedResult(org_id=org_id, admin_id=admin_id)
    result.member_ids = _seed_members(
        store, conn, rng, admin_id, config.sizes.members, _type_for_level(specs)
    )
    return result


def _seed_members(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    admin_id: str,
    count: int,
    types: dict[str, str],
) -> list[str]:
    ids: list[str] = []
    archived: list[str] = []
    inactive: list[str] = []
    used: set[str] = {ADMIN_EMAIL}
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower()
        email = f"{local}@{DOMAIN}"
        suffix = 2
        while email in used:
            email = f"{local}{suffix}@{DOMAIN}"
            suffix += 1
        used.add(email)
        kind = "guest" if rng.random() < 0.03 else "internal"
        when = EPOCH + timedelta(hours=6 + n * 7, minutes=rng.randrange(60))
        member_id = store.members.insert(
            conn,
            email=email,
            first_name=first,
            last_name=last,
            member_type=types[_pick_level(rng)],
            user_kind=kind,
            created_by=admin_id,
            at=iso(when),
        )
        state = rng.random()
        if state < 0.03:
            archived.append(member_id)
        elif state < 0.05:
            inactive.append(member_id)
        ids.append(member_id)
    store.members.set_flags(conn, archived=archived, inactive=inactive)
    return ids
