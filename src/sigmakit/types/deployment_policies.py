"""The models of ``sigmakit.resources.deployment_policies`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from typing import Any

from sigmakit._models import SigmaModel

__all__ = ["DeployableTenant", "DeploymentPolicy", "PolicyDocument"]


class DeploymentPolicy(SigmaModel):
    """Which documents go to which tenant organizations, under which version tag."""

    deployment_policy_id: str
    name: str
    name_in_tenant: str
    version_tag_id: str | None = None
    source_swap_policies: list[str] = []
    copy_input_table_data: bool = False


class PolicyDocument(SigmaModel):
    """A document in a policy; ``inode`` is None when the caller cannot see it."""

    inode_id: str
    deployment_policy_id: str
    inode: dict[str, Any] | None = None

    @property
    def name(self) -> str | None:
        return None if self.inode is None else str(self.inode.get("name"))

    @property
    def type(self) -> str | None:
        return None if self.inode is None else str(self.inode.get("type"))


class DeployableTenant(SigmaModel):
    tenant_organization_id: str
    tenant_organization_slug: str
    tenant_organization_name: str
