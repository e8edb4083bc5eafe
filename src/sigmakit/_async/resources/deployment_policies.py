"""``/v2/deploymentPolicies``: which documents a parent organization deploys to which tenant
organizations, under which version tag and source swap policies. Tagging a document with
the policy's tag deploys it. Every operation needs an Admin; lists page with
``pageSize``/``pageToken``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._errors import InputError
from sigmakit._request import path
from sigmakit.types.deployment_policies import DeployableTenant, DeploymentPolicy, PolicyDocument

__all__ = ["AsyncDeploymentPolicies", "DeployableTenant", "DeploymentPolicy", "PolicyDocument"]


class AsyncDeploymentPolicies(AsyncResource):
    def list(self) -> AsyncPaginator[DeploymentPolicy]:
        return AsyncPaginator(
            self._core, "/v2/deploymentPolicies", DeploymentPolicy.model_validate, style="token"
        )

    async def get(self, policy_id: str) -> DeploymentPolicy:
        url = path("/v2/deploymentPolicies/{}", _id(policy_id))
        return DeploymentPolicy.model_validate(await self._core.request("GET", url))

    async def create(
        self,
        *,
        name: str,
        version_tag_id: str | None = None,
        source_swap_policies: Iterable[str] = (),
        name_in_tenant: str | None = None,
        copy_input_table_data: bool | None = None,
    ) -> DeploymentPolicy:
        if not name.strip():
            raise InputError("a deployment policy needs a name")
        body: dict[str, Any] = {
            "name": name.strip(),
            "sourceSwapPolicies": [_id(p) for p in source_swap_policies],
        }
        if version_tag_id is not None:
            body["versionTagId"] = _id(version_tag_id)
        if name_in_tenant is not None:
            body["nameInTenant"] = name_in_tenant
        if copy_input_table_data is not None:
            body["copyInputTableData"] = copy_input_table_data
        made = await self._core.request("POST", "/v2/deploymentPolicies", json=body)
        return await self.get(str(made["deploymentPolicyId"]))

    async def update(
        self,
        policy_id: str,
        *,
        name: str | None = None,
        name_in_tenant: str | None = None,
        source_swap_policies: Iterable[str] | None = None,
        copy_input_table_data: bool | None = None,
    ) -> DeploymentPolicy:
        """Change the fields given (the version tag never changes)."""
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if name_in_tenant is not None:
            body["nameInTenant"] = name_in_tenant
        if source_swap_policies is not None:
            body["sourceSwapPolicies"] = [_id(p) for p in source_swap_policies]
        if copy_input_table_data is not None:
            body["copyInputTableData"] = copy_input_table_data
        url = path("/v2/deploymentPolicies/{}", _id(policy_id))
        return DeploymentPolicy.model_validate(await self._core.request("PATCH", url, json=body))

    async def archive(self, policy_id: str) -> None:
        await self._core.request("DELETE", path("/v2/deploymentPolicies/{}", _id(policy_id)))

    def tenants(self, policy_id: str) -> AsyncPaginator[str]:
        """The ids of the policy's tenant organizations."""
        url = path("/v2/deploymentPolicies/{}/tenants", _id(policy_id))
        return AsyncPaginator(self._core, url, _text, style="token")

    async def add_tenant(self, policy_id: str, tenant_id: str) -> None:
        url = path("/v2/deploymentPolicies/{}/tenants", _id(policy_id))
        await self._core.request("POST", url, json={"tenantOrganizationId": _id(tenant_id)})

    async def remove_tenant(self, policy_id: str, tenant_id: str) -> None:
        url = path("/v2/deploymentPolicies/{}/tenants/{}", _id(policy_id), _id(tenant_id))
        await self._core.request("DELETE", url)

    def documents(self, policy_id: str) -> AsyncPaginator[PolicyDocument]:
        url = path("/v2/deploymentPolicies/{}/files", _id(policy_id))
        return AsyncPaginator(self._core, url, PolicyDocument.model_validate, style="token")

    async def add_documents(self, policy_id: str, inode_ids: Iterable[str]) -> None:
        ids: builtins.list[str] = builtins.list(dict.fromkeys(_id(i) for i in inode_ids))
        if not ids:
            raise InputError("name at least one document to add")
        url = path("/v2/deploymentPolicies/{}/files", _id(policy_id))
        await self._core.request("POST", url, json={"inodeIds": ids})

    async def remove_document(self, policy_id: str, inode_id: str) -> None:
        url = path("/v2/deploymentPolicies/{}/files/{}", _id(policy_id), _id(inode_id))
        await self._core.request("DELETE", url)

    def deployable_tenants(self, *, search: str | None = None) -> AsyncPaginator[DeployableTenant]:
        return AsyncPaginator(
            self._core,
            "/v2/deploymentPolicies/tenants",
            DeployableTenant.model_validate,
            params={"search": search},
            style="token",
        )


def _text(raw: Any) -> str:
    return str(raw)


def _id(value: str) -> str:
    wanted = value.strip()
    if not wanted:
        raise InputError("an id cannot be empty")
    return wanted
