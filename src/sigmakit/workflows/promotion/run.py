"""Applying a promotion plan, checking the deployed copy, and moving a tag back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._errors import InputError
from ..promote import promote as tag_version
from ..report import Item, Report, Status
from .ledger import Ledger
from .models import ModelPromotion, model_tagged_version, resolve_model, tag_model
from .plan import MARK, PromotionPlan, _reads

if TYPE_CHECKING:
    from ..._client import Sigma

__all__ = ["apply_promotion", "rollback", "verify_promotion"]


def apply_promotion(sigma: Sigma, plan: PromotionPlan, *, ledger: Ledger | None = None) -> Report:
    """Make the planned changes, step by step; a step with nothing to do reports ALREADY.
    A tag that moves is remembered in the ledger (for :func:`rollback`)."""
    items: list[Item] = []
    tag = plan.tag
    if tag.moves and tag.current is not None:
        (ledger or Ledger()).remember(tag.document_id, tag.tag.version_tag_id, tag.current)
    step = tag_model(sigma, tag) if isinstance(tag, ModelPromotion) else tag_version(sigma, tag)
    items.append(_step(step, "tag"))
    if plan.folder_id is not None:
        items += _to_folder(sigma, plan)
    if plan.tenant is not None and plan.policy is not None:
        items += _to_tenant(sigma, plan)
    return Report(items)


def _step(item: Item, step: str) -> Item:
    return Item(item.subject, item.status, item.message, step=step, id=item.id)


def _to_folder(sigma: Sigma, plan: PromotionPlan) -> list[Item]:
    name = plan.workbook.name
    items = []
    copy = plan.copy
    if copy is None:
        assert plan.folder_id is not None and plan.copy_name is not None
        copy = sigma.tags.copy_tagged(
            plan.workbook.workbook_id,
            plan.tag.tag,
            destination_folder_id=plan.folder_id,
            name=plan.copy_name,
            description=MARK.format(
                workbook=plan.workbook.workbook_id, version=plan.tag.version, tag=plan.tag.tag.name
            ),
        )
        message = f"version {plan.tag.version} copied as {plan.copy_name!r}"
        items.append(Item(name, Status.CREATED, message, step="copy", id=copy.workbook_id))
    else:
        message = f"{plan.copy_name!r} is version {plan.tag.version} already"
        items.append(Item(name, Status.ALREADY, message, step="copy", id=copy.workbook_id))
    if plan.swaps or plan.model_swaps:
        paths = plan.source_map.paths if plan.source_map else {}
        result = sigma.workbooks.swap_sources(
            copy.workbook_id,
            connections=plan.swaps or None,
            sources=plan.model_swaps or None,
            paths={k: v for k, v in paths.items() if k in plan.swaps} or None,
        )
        left = [*result.unswapped_sources, *result.unswapped_connections]
        message = f"swapped {', '.join(f'{a} -> {b}' for a, b in {**plan.swaps, **plan.model_swaps}.items())}"
        status = Status.CHANGED
        if left and any(s in plan.swaps or s in plan.model_swaps for s in left):
            status, message = Status.FAILED, f"{message}; left unswapped: {', '.join(left)}"
        items.append(Item(name, status, message, step="swap", id=copy.workbook_id))
    else:
        items.append(Item(name, Status.ALREADY, "sources read what the map says", step="swap"))
    plan.copy = copy
    return items


def _to_tenant(sigma: Sigma, plan: PromotionPlan) -> list[Item]:
    assert plan.tenant is not None and plan.policy is not None
    name, wid = plan.tag.name, plan.tag.document_id
    policy_id, policy = plan.policy.deployment_policy_id, plan.policy.name
    tenant_id, slug = plan.tenant.tenant_organization_id, plan.tenant.tenant_organization_slug
    items = []
    if not plan.in_policy:
        sigma.deployment_policies.add_documents(policy_id, [wid])
        items.append(Item(name, Status.CREATED, f"added to {policy}", step="policy", id=policy_id))
    if not plan.tenant_in_policy:
        sigma.deployment_policies.add_tenant(policy_id, tenant_id)
        items.append(Item(name, Status.CREATED, f"{slug} added to {policy}", step="policy"))
    message = f"version {plan.tag.version} deployed to {slug}"
    if plan.is_model:
        pending = plan.tag.needed or not plan.in_policy or not plan.tenant_in_policy
        status = Status.CHANGED if pending else Status.ALREADY
        items.append(Item(name, status, message, step="deploy", id=wid))
        return items
    deployed = sigma.tenants.deployed_workbook(tenant_id, wid, deployment_policy_id=policy_id)
    status = Status.ALREADY if plan.deployed is not None and not plan.tag.needed else Status.CHANGED
    items.append(Item(name, status, message, step="deploy", id=deployed.workbook_id))
    plan.deployed = deployed
    return items


def verify_promotion(sigma: Sigma, plan: PromotionPlan) -> list[str]:
    """What the deployed copy reads that the map says it should not (empty: verified)."""
    problems: list[str] = []
    wanted = plan.source_map
    if plan.folder_id is not None:
        if plan.copy is None:
            return ["the copy is not there"]
        connections, models = _reads(sigma, plan.copy.workbook_id)
        if wanted is not None:
            for frm, to in wanted.connections.items():
                if frm != to and frm in connections:
                    problems.append(f"{plan.copy_name} still reads connection {frm} (map: {to})")
            for frm, to in wanted.data_models.items():
                if frm != to and frm in models:
                    problems.append(f"{plan.copy_name} still reads data model {frm} (map: {to})")
        return problems
    assert plan.tenant is not None and plan.policy is not None
    if plan.is_model:
        problems += _model_deployed(sigma, plan)
    elif plan.deployed is None:
        return [f"nothing is deployed to {plan.tenant.tenant_organization_slug}"]
    if wanted is not None:
        problems += _tenant_swaps(sigma, plan)
    return problems


def _model_deployed(sigma: Sigma, plan: PromotionPlan) -> list[str]:
    """What Sigma shows of a data model's deployment (it shows no tenant's copy of one): the
    policy holds the model and the tenant, and its tag marks the promoted version."""
    assert plan.tenant is not None and plan.policy is not None
    policy_id, policy = plan.policy.deployment_policy_id, plan.policy.name
    model_id, slug = plan.tag.document_id, plan.tenant.tenant_organization_slug
    problems = []
    if not any(d.inode_id == model_id for d in sigma.deployment_policies.documents(policy_id)):
        problems.append(f"deployment policy {policy} does not hold {plan.tag.name}")
    if plan.tenant.tenant_organization_id not in set(sigma.deployment_policies.tenants(policy_id)):
        problems.append(f"deployment policy {policy} does not deploy to {slug}")
    tagged = model_tagged_version(sigma, model_id, plan.tag.tag.version_tag_id)
    if tagged != plan.tag.version:
        problems.append(
            f"{plan.tag.tag.name} marks version {tagged or 'none'} of {plan.tag.name}, "
            f"not {plan.tag.version}"
        )
    return problems


def _tenant_swaps(sigma: Sigma, plan: PromotionPlan) -> list[str]:
    """Each connection the map swaps must be swapped by one of the policy's source swap
    policies, to the connection the tenant's user attribute names, as the map says."""
    assert plan.tenant is not None and plan.policy is not None and plan.source_map is not None
    tenant_id, slug = plan.tenant.tenant_organization_id, plan.tenant.tenant_organization_slug
    swaps = [sigma.source_swap_policies.get(p) for p in plan.policy.source_swap_policies]
    problems = []
    for frm, to in plan.source_map.connections.items():
        if frm not in plan.reads_connections or frm == to:
            continue
        rule = next(
            (s for s in swaps if s.type == "deployment" and s.from_connection_id == frm), None
        )
        if rule is None:
            problems.append(f"no source swap policy of {plan.policy.name} swaps connection {frm}")
            continue
        attribute = str(rule.swaps.get("toConnection", {}).get("userAttributeId", ""))
        values = sigma.request(
            "GET",
            "/v2/user-attributes/{userAttributeId}/tenants",
            path_params={"userAttributeId": attribute},
        ).get("entries", [])
        got = next(
            (
                v.get("value", {}).get("val")
                for v in values
                if v.get("tenantOrganizationId") == tenant_id
            ),
            None,
        )
        if got != to:
            problems.append(
                f"{slug} swaps connection {frm} to {got or 'nothing'} (map: {to}); "
                f"set user attribute {attribute} for the tenant"
            )
    return problems


def rollback(
    sigma: Sigma, workbook: str, tag: str, *, ledger: Ledger | None = None, kind: str = "workbook"
) -> Item:
    """Move the tag back to the version it marked before the last promotion that moved it
    (on a data model with ``kind="data-model"``)."""
    book = ledger or Ledger()
    if kind == "data-model":
        model = resolve_model(sigma, workbook)
        name, document_id = model.name, model.data_model_id
    else:
        found = sigma.workbooks.resolve(workbook)
        name, document_id = found.name, found.workbook_id
    found_tag = sigma.tags.get(tag)
    previous = book.previous(document_id, found_tag.version_tag_id)
    if previous is None:
        raise InputError(
            f"no earlier version of {name} tagged {found_tag.name} is recorded in "
            f"{book.path}: promote moved nothing to roll back"
        )
    if kind == "data-model":
        sigma.data_models.tag(document_id, found_tag.name, version=previous)
    else:
        sigma.tags.tag_workbook(document_id, found_tag, version=previous)
    book.forget_last(document_id, found_tag.version_tag_id)
    message = f"{found_tag.name} moved back to version {previous}"
    return Item(name, Status.CHANGED, message, step="rollback", id=document_id)
