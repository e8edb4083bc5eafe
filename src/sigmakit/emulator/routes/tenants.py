"""``/v2/tenants``: tenant organizations, whom each may deploy to, and its deployed workbooks.
These lists page with ``pageSize``/``pageToken`` (see :mod:`.token_paging`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.tenants import TenantStore
from .deps import Caller, State, ok
from .token_paging import TokenListing

router = APIRouter()


class TenantBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    tenantOrganizationName: str
    tenantOrganizationSlug: str
    cloudProvider: str | None = None


class TenantPatch(BaseModel):
    model_config = ConfigDict(extra="ignore")
    tenantOrganizationName: str | None = None
    tenantOrganizationSlug: str | None = None


class TargetsBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    deployToTenantOrganizationIds: list[str]


def _store(state: State) -> TenantStore:
    return state.store.get(TenantStore)


@router.get("/v2/tenants")
def list_tenants(
    state: State,
    caller: Caller,
    listing: TokenListing,
    key: Literal["createdAt", "createdBy", "name", "url"] | None = None,
    order: Literal["asc", "desc"] = "asc",
    search: str | None = None,
) -> JSONResponse:
    entries = _store(state).entries(caller, search=search, key=key, order=order)
    return listing.answer(entries)


@router.post("/v2/tenants")
def create_tenant(
    state: State, caller: Caller, body: Annotated[TenantBody, Body()]
) -> JSONResponse:
    return ok(_store(state).create(body.model_dump(), caller))


@router.get("/v2/tenants/{tenantOrganizationId}")
def get_tenant(state: State, caller: Caller, tenantOrganizationId: str) -> JSONResponse:
    return ok(_store(state).get(tenantOrganizationId, caller))


@router.patch("/v2/tenants/{tenantOrganizationId}")
def update_tenant(
    state: State,
    caller: Caller,
    tenantOrganizationId: str,
    body: Annotated[TenantPatch, Body()],
) -> JSONResponse:
    return ok(_store(state).update(tenantOrganizationId, body.model_dump(), caller))


@router.delete("/v2/tenants/{tenantOrganizationId}")
def delete_tenant(state: State, caller: Caller, tenantOrganizationId: str) -> JSONResponse:
    _store(state).delete(tenantOrganizationId, caller)
    return ok({})


@router.get("/v2/tenants/{tenantOrganizationId}/workbooks")
def deployed_workbook(
    state: State,
    caller: Caller,
    tenantOrganizationId: str,
    parentWorkbookId: str | None = None,
    deploymentPolicyId: str | None = None,
) -> JSONResponse:
    return ok(
        _store(state).deployed_workbook(
            tenantOrganizationId,
            caller,
            parent_workbook_id=parentWorkbookId,
            policy_id=deploymentPolicyId,
        )
    )


@router.get("/v2/tenants/{tenantOrganizationId}/capabilities/deployments")
def list_deploy_targets(
    state: State,
    caller: Caller,
    tenantOrganizationId: str,
    listing: TokenListing,
) -> JSONResponse:
    entries = _store(state).targets(tenantOrganizationId, caller)
    return listing.answer(entries)


@router.post("/v2/tenants/{tenantOrganizationId}/capabilities/deployments:batchAdd")
def add_deploy_targets(
    state: State,
    caller: Caller,
    tenantOrganizationId: str,
    body: Annotated[TargetsBody, Body()],
) -> JSONResponse:
    got = _store(state).add_targets(
        tenantOrganizationId, body.deployToTenantOrganizationIds, caller
    )
    return ok({"capabilities": got})


@router.post("/v2/tenants/{tenantOrganizationId}/capabilities/deployments:batchRemove")
def remove_deploy_targets(
    state: State,
    caller: Caller,
    tenantOrganizationId: str,
    body: Annotated[TargetsBody, Body()],
) -> JSONResponse:
    _store(state).remove_targets(tenantOrganizationId, body.deployToTenantOrganizationIds, caller)
    return ok({})
