"""User attributes an admin of a retailer would keep: Region, Cost Center and Department,
with values for some teams and some people (and a default for Cost Center), and Region for
the tenant organizations (seed/tenants.py)."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta

from ..clock import iso
from ..config import EmulatorConfig
from ..store import Store
from ..store.user_attributes import UserAttributeStore
from .people import EPOCH, SeedResult

__all__ = ["ATTRIBUTES", "seed_user_attributes"]

#: Region's value for each tenant organization, by slug
TENANT_REGIONS = {"northwind-europe": "EMEA", "northwind-canada": "North America"}
#: (name, description, default, {team name: value}, values for a few people)
ATTRIBUTES: list[tuple[str, str | None, str | None, dict[str, str], list[str]]] = [
    (
        "Region",
        "Sales region; the Orders data is filtered to it",
        None,
        {"Sales": "North America", "Marketing": "EMEA", "Support": "APAC"},
        ["EMEA", "APAC", "LATAM"],
    ),
    (
        "Cost Center",
        "Where the person's Sigma seat is charged",
        "CC-1000",
        {"Finance": "CC-2100", "Operations": "CC-3100", "Data": "CC-4200"},
        ["CC-2150", "CC-3120"],
    ),
    (
        "Department",
        None,
        None,
        {"Sales": "Sales", "Finance": "Finance", "Executives": "Leadership"},
        [],
    ),
]


def seed_user_attributes(
    store: Store,
    conn: sqlite3.Connection,
    rng: random.Random,
    config: EmulatorConfig,
    people: SeedResult,
) -> None:
    """The attributes, their team values (for the teams the organization has) and a few
    people's own values. Its own random generator: the parts before it stay as they were."""
    attributes = store.get(UserAttributeStore)
    mine = random.Random(f"user-attributes-{config.seed}")
    teams = {name: team_id for team_id, name in store.teams.names().items()}
    active = store.members.live_ids(but=people.admin_id)
    at = EPOCH + timedelta(days=40)
    for n, (name, description, default, by_team, personal) in enumerate(ATTRIBUTES):
        when = iso(at + timedelta(hours=n))
        attribute_id = attributes.insert(
            conn,
            name=name,
            description=description,
            default=default,
            by=people.admin_id,
            at=when,
        )
        for team, value in by_team.items():
            if team in teams:
                attributes.put(
                    conn, "teams", attribute_id, teams[team], value, people.admin_id, when
                )
        if name == "Region":
            for tenant in store.tenants.entries(people.admin_id):
                if tenant["tenantOrganizationSlug"] in TENANT_REGIONS:
                    attributes.put(
                        conn,
                        "tenants",
                        attribute_id,
                        tenant["tenantOrganizationId"],
                        TENANT_REGIONS[tenant["tenantOrganizationSlug"]],
                        people.admin_id,
                        when,
                    )
        for member_id, value in zip(
            mine.sample(active, min(len(active), len(personal))), personal, strict=False
        ):
            attributes.put(conn, "users", attribute_id, member_id, value, people.admin_id, when)
