"""Teams, workspaces with their folders and grants, folders in some My Documents, and
warehouse connections with their table catalogues and grants."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from .people import EPOCH, SeedResult

__all__ = ["seed_spaces"]

TEAM_NAMES = [
    "Sales",
    "Marketing",
    "Finance",
    "Operations",
    "Data",
    "Executives",
    "Support",
    "Merchandising",
    "Supply Chain",
    "E-commerce",
    "Store Operations",
    "Customer Insights",
    "People Operations",
    "Legal",
    "Product",
    "Engineering",
]
#: (workspace, the team that works in it, that team's permission)
WORKSPACES = [
    ("Sales Analytics", "Sales", "edit"),
    ("Marketing Performance", "Marketing", "edit"),
    ("Finance Reporting", "Finance", "organize"),
    ("Operations", "Operations", "edit"),
    ("Executive Dashboards", "Executives", "view"),
    ("Data Team Sandbox", "Data", "edit"),
    ("Merchandising", "Merchandising", "explore"),
    ("Customer Support", "Support", "explore"),
]
FOLDER_NAMES = ["Weekly Reports", "Drafts", "Q4 Planning", "Archive", "Regional", "Ad hoc"]
HOME_FOLDER_NAMES = ["Reports", "Scratch", "Shared with me later"]

#: (name, type, settings, catalogue as database → schema → tables)
CONNECTIONS: list[tuple[str, str, dict[str, str], dict[str, dict[str, list[str]]]]] = [
    (
        "Northwind Snowflake",
        "snowflake",
        {
            "account": "northwind-xy12345",
            "warehouse": "ANALYTICS_WH",
            "user": "SIGMA_SERVICE",
            "role": "SIGMA_READER",
        },
        {
            "RETAIL": {
                "PUBLIC": ["ORDERS", "PRODUCTS", "STORES", "REGIONS", "CATEGORIES"],
                "STAGING": ["ORDERS_RAW"],
            },
            "ANALYTICS": {"MARTS": ["DAILY_SALES", "CUSTOMER_SEGMENTS"]},
        },
    ),
    (
        "Marketing BigQuery",
        "bigQuery",
        {},
        {"northwind-marketing": {"web_analytics": ["sessions", "campaigns", "conversions"]}},
    ),
    (
        "Lakehouse",
        "databricks",
        {"warehouse": "serverless-sql"},
        {"main": {"retail": ["orders", "products", "stores"], "ml": ["demand_forecast"]}},
    ),
    (
        "Operations Postgres",
        "postgres",
        {"user": "sigma_ro"},
        {"ops": {"public": ["shipments", "warehouses", "suppliers"]}},
    ),
]

TEAM_SIZE = (3, 14)
HOME_FOLDER_OWNERS = 12


def seed_spaces(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    config: EmulatorConfig,
    people: SeedResult,
) -> None:
    """Lay down ``config.sizes`` teams, workspaces and connections; records their ids in
    ``people`` (the seed result)."""
    admin = people.admin_id
    active = store.members.live_ids(but=admin)
    # what each member's account type amounts to, as a workspace permission (Sigma's
    # onboarding sample: Admin edit, Pro organize, Essential explore, Lite view)
    levels = store.account_types.levels()
    types = {m: levels.get(t, "view") for m, t in store.members.column("member_type").items()}
    clock = _Clock(rng)
    teams = _teams(store, conn, rng, clock, admin, active, config.sizes.teams)
    people.team_ids = list(teams.values())
    people.workspace_ids, people.folder_ids = _workspaces(
        store, conn, rng, clock, admin, active, types, teams, config.sizes.workspaces
    )
    people.folder_ids += _home_folders(store, conn, rng, clock, active)
    people.connection_ids = _connections(
        store, conn, rng, clock, admin, teams, config.sizes.connections
    )


class _Clock:
    """Seed times: a little later each call, starting some weeks after the first member."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.at = EPOCH + timedelta(days=20)

    def next(self) -> str:
        self.at += timedelta(hours=self.rng.randrange(2, 30), minutes=self.rng.randrange(60))
        return iso(self.at)


def _name(names: list[str], n: int) -> str:
    """The n-th name of the list, then the list again with a number."""
    base = names[n % len(names)]
    return base if n < len(names) else f"{base} {n // len(names) + 1}"


def _teams(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    clock: _Clock,
    admin: str,
    active: list[str],
    count: int,
) -> dict[str, str]:
    teams: dict[str, str] = {}
    for n in range(count):
        name = _name(TEAM_NAMES, n)
        team_id = store.teams.insert(
            conn,
            name=name,
            created_by=admin,
            description=f"The {name} team",
            visibility="public" if rng.random() < 0.6 else "private",
            at=clock.next(),
        )
        size = min(len(active), rng.randint(*TEAM_SIZE))
        for i, member_id in enumerate(rng.sample(active, size)):
            store.teams.join(conn, team_id, member_id, admin=i == 0, by=admin)
        teams[name] = team_id
    return teams


def _workspaces(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    clock: _Clock,
    admin: str,
    active: list[str],
    types: dict[str, str],
    teams: dict[str, str],
    count: int,
) -> tuple[list[str], list[str]]:
    workspaces: list[str] = []
    folders: list[str] = []
    for n in range(count):
        name, team, permission = WORKSPACES[n % len(WORKSPACES)]
        if n >= len(WORKSPACES):
            name = f"{name} {n // len(WORKSPACES) + 1}"
        at = clock.next()
        workspace_id = store.files.insert(conn, name=name, type="workspace", owner_id=admin, at=at)
        workspaces.append(workspace_id)
        if team in teams:
            store.grants.put(conn, workspace_id, permission, admin, team_id=teams[team], at=at)
        for member_id in rng.sample(active, min(len(active), rng.randint(1, 3))):
            store.grants.put(
                conn,
                workspace_id,
                types[member_id],
                admin,
                member_id=member_id,
                at=at,
            )
        for folder_name in rng.sample(FOLDER_NAMES, rng.randint(1, 3)):
            at = clock.next()
            folder_id = store.files.insert(
                conn,
                name=folder_name,
                type="folder",
                owner_id=admin,
                parent_id=workspace_id,
                at=at,
            )
            store.files.touch(conn, admin, folder_id, at)
            folders.append(folder_id)
    return workspaces, folders


def _home_folders(
    store: Store, conn: sqlite3.Connection, rng: random.Random, clock: _Clock, active: list[str]
) -> list[str]:
    """A folder or two in the My Documents of a few members."""
    folders: list[str] = []
    owners = active[:HOME_FOLDER_OWNERS]
    homes = {m: store.members.row(m)["home_folder_id"] for m in owners}
    for member_id in owners:
        for folder_name in rng.sample(HOME_FOLDER_NAMES, rng.randint(1, 2)):
            at = clock.next()
            folder_id = store.files.insert(
                conn,
                name=folder_name,
                type="folder",
                owner_id=member_id,
                parent_id=homes[member_id],
                at=at,
            )
            store.files.touch(conn, member_id, folder_id, at)
            folders.append(folder_id)
    return folders


def _connections(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    clock: _Clock,
    admin: str,
    teams: dict[str, str],
    count: int,
) -> list[str]:
    ids: list[str] = []
    team_ids = list(teams.values())
    for n in range(count):
        name, kind, details, catalogue = CONNECTIONS[n % len(CONNECTIONS)]
        if n >= len(CONNECTIONS):
            name = f"{name} {n // len(CONNECTIONS) + 1}"
        at = clock.next()
        connection_id = store.connections.insert(
            conn, name=name, type=kind, created_by=admin, details=details, at=at
        )
        store.connections.add_tables(
            conn,
            connection_id,
            [
                (database, schema, table)
                for database, schemas in catalogue.items()
                for schema, tables in schemas.items()
                for table in tables
            ],
        )
        for team_id in rng.sample(team_ids, min(len(team_ids), 2)):
            permission = rng.choice(("usage", "annotate"))
            store.grants.put(conn, connection_id, permission, admin, team_id=team_id, at=at)
        ids.append(connection_id)
    return ids
