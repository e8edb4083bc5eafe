"""The models and pure helpers of ``sigmakit.resources.tenants`` (shared by the sync and the async
resource)."""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Tenant", "TenantWorkbook"]


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


class Tenant(SigmaModel):
    tenant_organization_id: str
    parent_organization_id: str
    tenant_organization_name: str
    tenant_organization_slug: str
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp
    shared_at: Timestamp | None = None
    tenant_cloud_provider: str | None = None
    tenant_region: str | None = None
    tenant_api_url: str | None = None


class TenantWorkbook(SigmaModel):
    """A workbook a deployment policy put in a tenant."""

    workbook_id: str
    workbook_url: str


def _ids(tenant_ids: Iterable[str]) -> builtins.list[str]:
    ids = builtins.list(dict.fromkeys(t.strip() for t in tenant_ids))
    if not ids or not all(ids):
        raise InputError("name at least one tenant organization id")
    return ids
