"""Reading what a promotion would do: the version to tag, where the tagged version goes, the
sources to swap and what is there already. Nothing changes here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..._errors import InputError, NotFoundError
from ..promote import Promotion
from ..promote import plan_promotion as plan_tag
from ..report import Item, Status
from .models import ModelPromotion, model_reads, plan_model_tag

if TYPE_CHECKING:
    from ..._client import Sigma
    from ...resources.deployment_policies import DeploymentPolicy
    from ...resources.tenants import Tenant, TenantWorkbook
    from ...resources.workbooks import Workbook
    from ..source_map import SourceMap

__all__ = ["PromotionPlan", "plan_promotion"]

#: how a copy says what it was promoted from (in its description)
MARK = "Promoted from workbook {workbook} version {version} ({tag})"
_MARK = re.compile(r"Promoted from workbook (\S+) version (\d+) \((.+)\)")


@dataclass
class PromotionPlan:
    #: a workbook's tag step, or a data model's (a data model goes to a tenant only here)
    tag: Promotion | ModelPromotion
    #: source connection id -> target's, source data model id -> target's (ids resolved)
    source_map: SourceMap | None
    #: what the workbook reads now: connection ids and data model ids
    reads_connections: list[str] = field(default_factory=list)
    reads_models: list[str] = field(default_factory=list)
    # a folder target
    folder_id: str | None = None
    copy_name: str | None = None
    copy: Workbook | None = None
    copy_version: int | None = None
    # a tenant target
    tenant: Tenant | None = None
    policy: DeploymentPolicy | None = None
    in_policy: bool = False
    tenant_in_policy: bool = False
    deployed: TenantWorkbook | None = None

    @property
    def workbook(self) -> Workbook:
        assert isinstance(self.tag, Promotion), "a data model's plan has no workbook"
        return self.tag.workbook

    @property
    def is_model(self) -> bool:
        """A data model's promotion: Sigma shows no tenant's copy of one, so the deploy step
        is the policy holding the model and the tenant, and the tag marking the version."""
        return isinstance(self.tag, ModelPromotion)

    @property
    def swaps(self) -> dict[str, str]:
        """The connection swaps the map asks of what the workbook reads."""
        if self.source_map is None:
            return {}
        return {
            frm: to
            for frm, to in self.source_map.connections.items()
            if frm in self.reads_connections and frm != to
        }

    @property
    def model_swaps(self) -> dict[str, str]:
        if self.source_map is None:
            return {}
        return {
            frm: to
            for frm, to in self.source_map.data_models.items()
            if frm in self.reads_models and frm != to
        }

    def items(self) -> list[Item]:
        """The plan, one item per step: PLANNED where something changes, ALREADY else."""
        name, wid = self.tag.name, self.tag.document_id
        out = [
            Item(
                name,
                Status.PLANNED if self.tag.needed else Status.ALREADY,
                self.tag.describe(),
                step="tag",
                id=wid,
            )
        ]
        version = self.tag.version
        if self.folder_id is not None:
            if self.copy is None:
                message = (
                    f"copy version {version} into folder {self.folder_id} as {self.copy_name!r}"
                )
                out.append(Item(name, Status.PLANNED, message, step="copy"))
            else:
                message = f"{self.copy_name!r} in folder {self.folder_id} is version {version}"
                out.append(
                    Item(name, Status.ALREADY, message, step="copy", id=self.copy.workbook_id)
                )
            pending = self.copy is None or bool(self.swaps) or bool(self.model_swaps)
            for frm, to in {**self.swaps, **self.model_swaps}.items():
                out.append(Item(name, Status.PLANNED, f"swap {frm} -> {to}", step="swap"))
            if not pending:
                out.append(
                    Item(name, Status.ALREADY, "sources read what the map says", step="swap")
                )
        if self.tenant is not None and self.policy is not None:
            slug = self.tenant.tenant_organization_slug
            policy = self.policy.name
            if not self.in_policy:
                out.append(
                    Item(name, Status.PLANNED, f"add to deployment policy {policy}", step="policy")
                )
            if not self.tenant_in_policy:
                out.append(
                    Item(name, Status.PLANNED, f"add tenant {slug} to {policy}", step="policy")
                )
            if (
                self.tag.needed
                or not self.in_policy
                or not self.tenant_in_policy
                or not (self.deployed or self.is_model)
            ):
                message = f"deploy version {version} to {slug} through {policy}"
                out.append(Item(name, Status.PLANNED, message, step="deploy"))
            else:
                out.append(
                    Item(
                        name,
                        Status.ALREADY,
                        f"version {version} is deployed to {slug}",
                        step="deploy",
                        id=self.deployed.workbook_id if self.deployed else wid,
                    )
                )
        return out

    @property
    def changes(self) -> bool:
        return any(i.status is Status.PLANNED for i in self.items())


def _reads(sigma: Sigma, workbook_id: str) -> tuple[list[str], list[str]]:
    """The connection ids and data model ids a workbook reads (tables through their file's
    url id, which ``connections.paths`` ties to a connection)."""
    connections: dict[str, None] = {}
    models: dict[str, None] = {}
    tables = []
    for source in sigma.workbooks.sources(workbook_id):
        if source.type == "custom-sql" and source.connection_id:
            connections[source.connection_id] = None
        elif source.type == "data-model" and source.data_model_id:
            models[source.data_model_id] = None
        elif source.type == "table" and source.inode_id:
            tables.append(source.inode_id)
    if tables:
        by_url = {p.url_id: p.connection_id for p in sigma.connections.paths()}
        for table_id in tables:
            connection = by_url.get(sigma.files.get(table_id).url_id)
            if connection:
                connections[connection] = None
    return list(connections), list(models)


def _existing_copy(sigma: Sigma, folder_id: str, name: str) -> Workbook | None:
    for workbook in sigma.workbooks.list():
        if workbook.name == name and sigma.files.get(workbook.workbook_id).parent_id == folder_id:
            return workbook
    return None


def plan_promotion(
    sigma: Sigma,
    workbook: str,
    tag: str,
    *,
    version: int | str | None = None,
    folder: str | None = None,
    name: str | None = None,
    tenant: str | None = None,
    policy: str | None = None,
    source_map: SourceMap | None = None,
    kind: str = "workbook",
) -> PromotionPlan:
    """Read what promoting ``workbook`` (a data model with ``kind="data-model"``: to a
    tenant only, :mod:`.to_org` lays one down in a folder) under ``tag`` to ``folder`` (a
    copy) or ``tenant`` (through the deployment ``policy``) would change. Bad input is an
    error here."""
    if (folder is None) == (tenant is None):
        raise InputError("name one target: a folder (--to-folder) or a tenant (--to-tenant)")
    if tenant is not None and not policy:
        raise InputError("a promotion to a tenant goes through a deployment policy (--policy)")
    if kind == "data-model" and folder is not None:
        raise InputError("a data model goes to a folder through the code flow, not this plan")
    tag_plan: Promotion | ModelPromotion
    if kind == "data-model":
        tag_plan = plan_model_tag(sigma, workbook, tag, version=version)
        reads_connections, reads_models = model_reads(sigma, tag_plan.document_id)
    else:
        tag_plan = plan_tag(sigma, workbook, tag, version=version)
        reads_connections, reads_models = _reads(sigma, tag_plan.document_id)
    document_id = tag_plan.document_id
    resolved = None
    if source_map is not None:
        resolved = source_map.resolved(sigma, sigma if folder is not None else None)
    plan = PromotionPlan(tag_plan, resolved, reads_connections, reads_models)
    if isinstance(tag_plan, Promotion) and folder is not None:
        found = tag_plan.workbook
        target = sigma.files.get(folder)
        if target.type not in ("folder", "workspace"):
            raise InputError(f"{target.name} is a {target.type}, not a folder")
        plan.folder_id = target.id
        plan.copy_name = name or found.name
        plan.copy = _existing_copy(sigma, target.id, plan.copy_name)
        if plan.copy is not None:
            mark = _MARK.search(plan.copy.description or "")
            if mark is None or mark.group(1) != found.workbook_id:
                raise InputError(
                    f"folder {target.name} has a workbook {plan.copy_name!r} that was not "
                    "promoted from this one; choose another --name"
                )
            plan.copy_version = int(mark.group(2))
            if plan.copy_version != tag_plan.version:
                raise InputError(
                    f"{plan.copy_name!r} in {target.name} is version {plan.copy_version}; move "
                    f"it away or choose another --name to promote version {tag_plan.version}"
                )
            copy_reads = _reads(sigma, plan.copy.workbook_id)
            plan.reads_connections, plan.reads_models = copy_reads
        return plan
    assert tenant is not None and policy is not None
    plan.tenant = sigma.tenants.get(tenant)
    plan.policy = _policy(sigma, policy)
    if plan.policy.version_tag_id != tag_plan.tag.version_tag_id:
        raise InputError(
            f"deployment policy {plan.policy.name} deploys another tag than {tag_plan.tag.name}"
        )
    policy_id = plan.policy.deployment_policy_id
    plan.in_policy = any(
        d.inode_id == document_id for d in sigma.deployment_policies.documents(policy_id)
    )
    plan.tenant_in_policy = plan.tenant.tenant_organization_id in set(
        sigma.deployment_policies.tenants(policy_id)
    )
    if plan.is_model:
        return plan
    try:
        plan.deployed = sigma.tenants.deployed_workbook(
            plan.tenant.tenant_organization_id, document_id, deployment_policy_id=policy_id
        )
    except NotFoundError:
        plan.deployed = None
    return plan


def _policy(sigma: Sigma, ref: str) -> DeploymentPolicy:
    policies = list(sigma.deployment_policies.list())
    for p in policies:
        if ref.strip() in (p.deployment_policy_id, p.name):
            return p
    names = ", ".join(p.name for p in policies) or "none"
    raise InputError(f"no deployment policy has the id or name {ref!r} (policies: {names})")
