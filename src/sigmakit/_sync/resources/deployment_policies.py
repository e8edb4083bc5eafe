# generated from src/sigmakit/_async/resources/deployment_policies.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/deploymentPolicies``: which documents a parent organization deploys to which tenant
organizations, under which version tag and source swap policies. Tagging a document with
the policy's tag deploys it. Every operation needs an Admin; lists page with
``pageSize``/``pageToken``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any

from sigmakit._errors import InputError
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.deployment_policies import DeployableTenant, DeploymentPolicy, PolicyDocument

__all__ = ["DeployableTenant", "DeploymentPolicies", "DeploymentPolicy", "PolicyDocument"]


class DeploymentPolicies(Resource):
    def list(self) -> Paginator[DeploymentPolicy]:
        return Paginator(
            self._core, "/v2/deploymentPolicies", DeploymentPolicy.model_validate, style="token"
        )

    def get(self, policy_id: str) -> DeploymentPolicy:
        url = path("/v2/deploymentPolicies/{}", _id(policy_id))
        return DeploymentPolicy.model_validate(self._core.request("GET", url))

    def create(
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
        made = self._core.request("POST", "/v2/deploymentPolicies", json=body)
        return self.get(str(made["deploymentPolicyId"]))

    def update(
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
        return DeploymentPolicy.model_validate(self._core.request("PATCH", url, json=body))

    def archive(self, policy_id: str) -> None:
        self._core.request("DELETE", path("/v2/deploymentPolicies/{}", _id(policy_id)))

    def tenants(self, policy_id: str) -> Paginator[str]:
        """The ids of the policy's tenant organizations."""
        url = path("/v2/deploymentPolicies/{}/tenants", _id(policy_id))
        return Paginator(self._core, url, _text, style="token")

    def add_tenant(self, policy_id: str, tenant_id: str) -> None:
        url = path("/v2/deploymentPolicies/{}/tenants", _id(policy_id))
        self._core.request("POST", url, json={"tenantOrganizationId": _id(tenant_id)})

    def remove_tenant(self, policy_id: str, tenant_id: str) -> None:
        url = path("/v2/deploymentPolicies/{}/tenants/{}", _id(policy_id), _id(tenant_id))
        self._core.request("DELETE", url)

    def documents(self, policy_id: str) -> Paginator[PolicyDocument]:
        url = path("/v2/deploymentPolicies/{}/files", _id(policy_id))
        return Paginator(self._core, url, PolicyDocument.model_validate, style="token")

    def add_documents(self, policy_id: str, inode_ids: Iterable[str]) -> None:
        ids: builtins.list[str] = builtins.list(dict.fromkeys(_id(i) for i in inode_ids))
        if not ids:
            raise InputError("name at least one document to add")
        url = path("/v2/deploymentPolicies/{}/files", _id(policy_id))
        self._core.request("POST", url, json={"inodeIds": ids})

    def remove_document(self, policy_id: str, inode_id: str) -> None:
        url = path("/v2/deploymentPolicies/{}/files/{}", _id(policy_id), _id(inode_id))
        self._core.request("DELETE", url)

    def deployable_tenants(self, *, search: str | None = None) -> Paginator[DeployableTenant]:
        return Paginator(
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
