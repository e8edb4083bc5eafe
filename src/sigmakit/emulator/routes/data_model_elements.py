"""One data model element's column-level security rules and its SQL (Sigma's 2026-10
description): ``/v2/dataModels/{dataModelId}/elements/{elementId}/columnSecurityRules``
and ``.../query``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.column_security import ColumnSecurityStore
from ..store.data_model_queries import DataModelQueryStore
from .deps import Caller, State, ok
from .paging import Listing

router = APIRouter()

_RULES = "/v2/dataModels/{dataModelId}/elements/{elementId}/columnSecurityRules"


def _rules(state: State) -> ColumnSecurityStore:
    return state.store.get(ColumnSecurityStore)


@router.get(_RULES)
def list_column_security_rules(
    state: State, caller: Caller, dataModelId: str, elementId: str, listing: Listing
) -> JSONResponse:
    return listing.answer(_rules(state).rules(dataModelId, elementId, caller, **listing.span))


@router.post(_RULES)
def create_column_security_rules(
    state: State, caller: Caller, dataModelId: str, elementId: str, body: Annotated[Any, Body()]
) -> JSONResponse:
    return ok(_rules(state).create(dataModelId, elementId, body, caller))


@router.put(_RULES + "/{columnSecurityRuleId}")
def update_column_security_rule(
    state: State,
    caller: Caller,
    dataModelId: str,
    elementId: str,
    columnSecurityRuleId: str,
    body: Annotated[Any, Body()],
) -> JSONResponse:
    got = _rules(state).update(dataModelId, elementId, columnSecurityRuleId, body, caller)
    return ok(got)


@router.delete(_RULES + "/{columnSecurityRuleId}")
def delete_column_security_rule(
    state: State, caller: Caller, dataModelId: str, elementId: str, columnSecurityRuleId: str
) -> JSONResponse:
    _rules(state).delete(dataModelId, elementId, columnSecurityRuleId, caller)
    return ok({})


@router.get("/v2/dataModels/{dataModelId}/elements/{elementId}/query")
def get_data_model_element_query(
    state: State, caller: Caller, dataModelId: str, elementId: str, tagName: str | None = None
) -> JSONResponse:
    return ok(state.store.get(DataModelQueryStore).query(dataModelId, elementId, caller))
