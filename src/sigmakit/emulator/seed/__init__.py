"""The demo organization: Northwind Outfitters, a retailer. Same seed, same ids.

Each module lays down one part, in order, inside one transaction, from one seeded
random generator; a part may read what the parts before it wrote.
"""

from __future__ import annotations

import random

from ..config import EmulatorConfig
from ..store import Store
from ..store.saml import SamlStore
from ..store.webhooks import WebhookStore
from .data_models import seed_data_models
from .favorites import seed_favorites
from .people import ADMIN_EMAIL, ORG_NAME, SeedResult, seed_people
from .reports import seed_reports
from .schedules import seed_schedules
from .sources import seed_element_sources
from .spaces import seed_spaces
from .templates import seed_templates
from .tenants import seed_tenants
from .user_attributes import seed_user_attributes
from .workbooks import seed_workbooks

__all__ = ["ADMIN_EMAIL", "ORG_NAME", "SeedResult", "seed"]


def seed(store: Store, config: EmulatorConfig) -> SeedResult:
    """Wipe the database and lay the demo organization down again."""
    store.db.wipe()
    store.reset_ids(config.seed)
    rng = random.Random(config.seed)
    with store.db.tx() as conn:
        result = seed_people(store, conn, rng, config)
        seed_spaces(store, conn, rng, config, result)
        seed_workbooks(store, conn, rng, config, result)
        seed_schedules(store, conn, rng, config, result)
        seed_tenants(store, conn, result)
        seed_user_attributes(store, conn, rng, config, result)
        seed_favorites(store, conn, rng, config, result)
        seed_templates(store, conn, rng, config, result)
        seed_data_models(store, conn, result)  # last: no earlier seeded id moves
        seed_element_sources(store, conn, config, result)  # draws no id
        seed_reports(store, conn, config, result)  # after every id drawn above
        # further parts (teams, workspaces, connections, workbooks...) are called here, in order
    store.get(SamlStore).seed()  # after every other id is drawn, so none of them moves
    if result.workbook_ids:  # an organization seeded with no workbook has no webhook
        store.get(WebhookStore).seed(result.workbook_ids[0])  # Sales Overview's; after SAML's
    store.org.add_credentials(config.client_id, config.client_secret, result.admin_id)
    return result
