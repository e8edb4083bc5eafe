"""``/v2/sourceSwapPolicies``: how a deployment (or a swap inside a connection) rewrites the
connection and table paths documents read. The list pages with ``page``/``limit``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.source_swap_policies import SourceSwapPolicyStore
from .deps import Caller, State, ok
from .paging import Listing

router = APIRouter()


def _store(state: State) -> SourceSwapPolicyStore:
    return state.store.get(SourceSwapPolicyStore)


@router.get("/v2/sourceSwapPolicies")
def list_source_swap_policies(state: State, caller: Caller, listing: Listing) -> JSONResponse:
    return listing.answer(_store(state).find(caller, **listing.span))


@router.post("/v2/sourceSwapPolicies")
def create_source_swap_policy(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).create(body, caller))


@router.get("/v2/sourceSwapPolicies/{policyId}")
def get_source_swap_policy(state: State, caller: Caller, policyId: str) -> JSONResponse:
    return ok(_store(state).get(policyId, caller))


@router.patch("/v2/sourceSwapPolicies/{policyId}")
def update_source_swap_policy(
    state: State, caller: Caller, policyId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).update(policyId, body, caller))


@router.delete("/v2/sourceSwapPolicies/{policyId}")
def delete_source_swap_policy(state: State, caller: Caller, policyId: str) -> JSONResponse:
    _store(state).delete(policyId, caller)
    return ok({})
