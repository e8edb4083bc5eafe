"""``/v2/dataModels``: data models, their elements, columns, sources, lineage, version tags
and materializations. (Tagging a model and swapping its sources are in :mod:`.source_swaps`.)"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.data_model_schedules import DataModelScheduleStore
from ..store.data_models import DataModelStore
from .deps import Caller, State, ok
from .paging import Listing, TotalListing
from .token_paging import TokenListing

router = APIRouter()


def _store(state: State) -> DataModelStore:
    return state.store.get(DataModelStore)


@router.get("/v2/dataModels")
def list_data_models(
    state: State,
    caller: Caller,
    listing: Listing,
    excludeTags: bool = False,
    skipPermissionCheck: bool = False,
) -> JSONResponse:
    got = _store(state).list_for(
        caller,
        **listing.span,
        exclude_tags=excludeTags,
        skip_permission_check=skipPermissionCheck,
    )
    return listing.answer(got)


@router.get("/v2/dataModels/{dataModelId}")
def get_data_model(
    state: State, caller: Caller, dataModelId: str, excludeTags: bool = False
) -> JSONResponse:
    return ok(_store(state).get(dataModelId, caller, exclude_tags=excludeTags))


@router.post("/v2/dataModels/{dataModelId}:materialize")
def materialize_data_model(
    state: State, caller: Caller, dataModelId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    schedules = state.store.get(DataModelScheduleStore)
    return ok(schedules.materialize(dataModelId, body.get("sheetId"), caller))


@router.get("/v2/dataModels/{dataModelId}/elements")
def list_data_model_elements(
    state: State,
    caller: Caller,
    dataModelId: str,
    listing: TotalListing,
    tagName: str | None = None,
) -> JSONResponse:
    got = _store(state).elements(dataModelId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/dataModels/{dataModelId}/columns")
def list_data_model_columns(
    state: State,
    caller: Caller,
    dataModelId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).columns(dataModelId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/dataModels/{dataModelId}/sources")
def list_data_model_sources(
    state: State,
    caller: Caller,
    dataModelId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(_store(state).sources(dataModelId, caller))


@router.get("/v2/dataModels/{dataModelId}/lineage")
def list_data_model_lineage(
    state: State,
    caller: Caller,
    dataModelId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).lineage(dataModelId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/dataModels/{dataModelId}/tags")
def list_data_model_tags(
    state: State,
    caller: Caller,
    dataModelId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).tags(dataModelId, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/dataModels/{dataModelId}/materializationSchedules")
def list_data_model_schedules(
    state: State,
    caller: Caller,
    dataModelId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(state.store.get(DataModelScheduleStore).schedules(dataModelId, caller))


@router.get("/v2/dataModels/{dataModelId}/materializations/{materializationId}")
def get_data_model_materialization(
    state: State, caller: Caller, dataModelId: str, materializationId: str
) -> JSONResponse:
    schedules = state.store.get(DataModelScheduleStore)
    return ok(schedules.materialization(dataModelId, materializationId, caller))
