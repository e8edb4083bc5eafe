"""``/v2/deploymentPolicies``: deployment policies, their tenants and their documents, and
the tenants the organization may deploy to. Lists page with ``pageSize``/``pageToken``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.deployment_policies import DeploymentPolicyStore
from .deps import Caller, State, ok
from .token_paging import TokenListing

router = APIRouter()


class PolicyBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    versionTagId: str | None = None
    sourceSwapPolicies: list[str] | None = None
    nameInTenant: str | None = None
    copyInputTableData: bool | None = None


class PolicyPatch(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    nameInTenant: str | None = None
    sourceSwapPolicies: list[str] | None = None
    copyInputTableData: bool | None = None


class TenantBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    tenantOrganizationId: str


class FilesBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    inodeIds: list[str]


def _store(state: State) -> DeploymentPolicyStore:
    return state.store.get(DeploymentPolicyStore)


@router.get("/v2/deploymentPolicies")
def list_deployment_policies(state: State, caller: Caller, listing: TokenListing) -> JSONResponse:
    return listing.answer(_store(state).entries(caller))


@router.post("/v2/deploymentPolicies")
def create_deployment_policy(
    state: State, caller: Caller, body: Annotated[PolicyBody, Body()]
) -> JSONResponse:
    return ok(_store(state).create(body.model_dump(), caller))


# before /{deploymentPolicyId}, which would take "tenants" for an id
@router.get("/v2/deploymentPolicies/tenants")
def list_deployable_tenants(
    state: State,
    caller: Caller,
    listing: TokenListing,
    search: str | None = None,
) -> JSONResponse:
    return listing.answer(_store(state).deployable(caller, search=search))


@router.get("/v2/deploymentPolicies/{deploymentPolicyId}")
def get_deployment_policy(state: State, caller: Caller, deploymentPolicyId: str) -> JSONResponse:
    return ok(_store(state).get(deploymentPolicyId, caller))


@router.patch("/v2/deploymentPolicies/{deploymentPolicyId}")
def update_deployment_policy(
    state: State, caller: Caller, deploymentPolicyId: str, body: Annotated[PolicyPatch, Body()]
) -> JSONResponse:
    return ok(_store(state).update(deploymentPolicyId, body.model_dump(), caller))


@router.delete("/v2/deploymentPolicies/{deploymentPolicyId}")
def archive_deployment_policy(
    state: State, caller: Caller, deploymentPolicyId: str
) -> JSONResponse:
    _store(state).archive(deploymentPolicyId, caller)
    return ok({})


@router.get("/v2/deploymentPolicies/{deploymentPolicyId}/tenants")
def list_policy_tenants(
    state: State,
    caller: Caller,
    deploymentPolicyId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(_store(state).tenant_ids(deploymentPolicyId, caller))


@router.post("/v2/deploymentPolicies/{deploymentPolicyId}/tenants")
def add_policy_tenant(
    state: State, caller: Caller, deploymentPolicyId: str, body: Annotated[TenantBody, Body()]
) -> JSONResponse:
    _store(state).add_tenant(deploymentPolicyId, body.tenantOrganizationId, caller)
    return ok({})


@router.delete("/v2/deploymentPolicies/{deploymentPolicyId}/tenants/{tenantOrganizationId}")
def remove_policy_tenant(
    state: State, caller: Caller, deploymentPolicyId: str, tenantOrganizationId: str
) -> JSONResponse:
    _store(state).remove_tenant(deploymentPolicyId, tenantOrganizationId, caller)
    return ok({})


@router.get("/v2/deploymentPolicies/{deploymentPolicyId}/files")
def list_policy_files(
    state: State,
    caller: Caller,
    deploymentPolicyId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(_store(state).files(deploymentPolicyId, caller))


@router.post("/v2/deploymentPolicies/{deploymentPolicyId}/files")
def add_policy_files(
    state: State, caller: Caller, deploymentPolicyId: str, body: Annotated[FilesBody, Body()]
) -> JSONResponse:
    _store(state).add_files(deploymentPolicyId, body.inodeIds, caller)
    return ok({})


@router.delete("/v2/deploymentPolicies/{deploymentPolicyId}/files/{inodeId}")
def remove_policy_file(
    state: State, caller: Caller, deploymentPolicyId: str, inodeId: str
) -> JSONResponse:
    _store(state).remove_file(deploymentPolicyId, inodeId, caller)
    return ok({})
