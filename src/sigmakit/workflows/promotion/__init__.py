"""Promotion as one planned flow: tag a workbook's version, put the tagged version where it
goes (a copy in another folder, or a tenant through a deployment policy), swap its sources
as a source map says, and check that the deployed copy reads what the map says.

:func:`plan_promotion` reads everything and changes nothing; :func:`apply_promotion` makes
the planned changes and returns a :class:`~sigmakit.workflows.report.Report`, then
:func:`verify_promotion` reports what the deployed copy reads that the map says it should
not. Running the same promotion twice changes nothing the second time.
:func:`rollback` moves the tag back to the version it marked before the last promotion
(kept in a local ledger, :mod:`.ledger`: Sigma keeps no history of a tag's moves).
:mod:`.to_org` promotes into another organization (a profile's credentials) through a map,
and a data model to a folder (:mod:`.models`: what a data model's promotion needs).
"""

from __future__ import annotations

from .ledger import Ledger
from .models import ModelPromotion, kind_of
from .plan import PromotionPlan, plan_promotion
from .run import apply_promotion, rollback, verify_promotion
from .to_org import OrgPlan, apply_org_promotion, plan_org_promotion, rollback_org, verify_org

__all__ = [
    "Ledger",
    "ModelPromotion",
    "OrgPlan",
    "PromotionPlan",
    "apply_org_promotion",
    "apply_promotion",
    "kind_of",
    "plan_org_promotion",
    "plan_promotion",
    "rollback",
    "rollback_org",
    "verify_org",
    "verify_promotion",
]
