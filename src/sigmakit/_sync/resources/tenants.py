# generated from src/sigmakit/_async/resources/tenants.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/tenants``: tenant organizations, which tenants each may deploy to, and the workbook a
deployment put in a tenant. Every operation needs an Admin's credentials. These lists page
with ``pageSize``/``pageToken``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any, Literal

from sigmakit._errors import InputError, NotFoundError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import listing, suggestion
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.tenants import _UUID, Tenant, TenantWorkbook, _ids

__all__ = ["Tenant", "TenantWorkbook", "Tenants"]


class Tenants(Resource):
    def list(
        self,
        *,
        search: str | None = None,
        sort: Literal["createdAt", "createdBy", "name", "url"] | None = None,
        order: Literal["asc", "desc"] | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Tenant]:
        """Every tenant organization, fetched lazily; ``search`` matches the slug or the
        creator's id, ``sort`` and ``order`` sort them."""
        return Paginator(
            self._core,
            "/v2/tenants",
            Tenant.model_validate,
            params={"search": search, "key": sort, "order": order},
            page_size=page_size,
            limit=limit,
            style="token",
        )

    def get(self, ref: str) -> Tenant:
        """A tenant by id, slug or name (case-insensitive); :class:`NotFoundError` names the
        closest ones."""
        wanted = ref.strip()
        if not wanted:
            raise InputError("name a tenant organization by id, slug or name")
        if _UUID.match(wanted):
            return Tenant.model_validate(self._core.request("GET", path("/v2/tenants/{}", wanted)))
        tenants = self.list().to_list()
        for tenant in tenants:
            if wanted.lower() in (
                tenant.tenant_organization_slug.lower(),
                tenant.tenant_organization_name.lower(),
            ):
                return tenant
        names = [t.tenant_organization_name for t in tenants]
        # a word that could be a slug is matched against the slugs, else against the names
        near = [t.tenant_organization_slug for t in tenants] if " " not in wanted else names
        raise NotFoundError(
            404,
            message=f"no tenant organization has the id, slug or name {ref!r}"
            f"{suggestion(wanted, near)} (tenants: {listing(names) or 'none'})",
        )

    resolve = get

    def _id(self, ref: str | Tenant) -> str:
        if isinstance(ref, Tenant):
            return ref.tenant_organization_id
        return ref.strip() if _UUID.match(ref.strip()) else self.get(ref).tenant_organization_id

    def create(self, *, name: str, slug: str, cloud_provider: str | None = None) -> Tenant:
        body: dict[str, Any] = {"tenantOrganizationName": name, "tenantOrganizationSlug": slug}
        if cloud_provider is not None:
            body["cloudProvider"] = cloud_provider
        return Tenant.model_validate(self._core.request("POST", "/v2/tenants", json=body))

    def update(
        self, tenant: str | Tenant, *, name: str | None = None, slug: str | None = None
    ) -> Tenant:
        fields = {"tenantOrganizationName": name, "tenantOrganizationSlug": slug}
        body = {k: v for k, v in fields.items() if v is not None}
        url = path("/v2/tenants/{}", self._id(tenant))
        return Tenant.model_validate(self._core.request("PATCH", url, json=body))

    def delete(self, tenant: str | Tenant) -> None:
        """Delete the tenant organization for good."""
        self._core.request("DELETE", path("/v2/tenants/{}", self._id(tenant)))

    def deploy_targets(self, tenant: str | Tenant) -> Paginator[str]:
        """The ids of the tenants this one may deploy to."""

        def url() -> str:
            return path("/v2/tenants/{}/capabilities/deployments", self._id(tenant))

        return Paginator(
            self._core, url, lambda raw: str(raw["tenantOrganizationId"]), style="token"
        )

    def add_deploy_targets(
        self, tenant: str | Tenant, tenant_ids: Iterable[str]
    ) -> builtins.list[str]:
        """Let the tenant deploy to more tenants; answers every tenant it may deploy to."""
        url = path("/v2/tenants/{}/capabilities/deployments:batchAdd", self._id(tenant))
        body = {"deployToTenantOrganizationIds": _ids(tenant_ids)}
        answer = self._core.request("POST", url, json=body)
        return [str(c["tenantOrganizationId"]) for c in answer.get("capabilities", [])]

    def remove_deploy_targets(self, tenant: str | Tenant, tenant_ids: Iterable[str]) -> None:
        url = path("/v2/tenants/{}/capabilities/deployments:batchRemove", self._id(tenant))
        self._core.request("POST", url, json={"deployToTenantOrganizationIds": _ids(tenant_ids)})

    def deployed_workbook(
        self,
        tenant: str | Tenant,
        parent_workbook_id: str,
        *,
        deployment_policy_id: str | None = None,
    ) -> TenantWorkbook:
        """The tenant's copy of a parent workbook (its id or its tagged version's id)."""
        url = path("/v2/tenants/{}/workbooks", self._id(tenant))
        params = {"parentWorkbookId": parent_workbook_id}
        if deployment_policy_id is not None:
            params["deploymentPolicyId"] = deployment_policy_id
        return TenantWorkbook.model_validate(self._core.request("GET", url, params=params))
