"""One element's materialization schedule, created, changed and deleted (Sigma's 2026-10
description): ``/v2/workbooks/{workbookId}/elements/{elementId}/materializationSchedules``
and the same under ``/v2/dataModels/{dataModelId}``. Listing and running the schedules are
in :mod:`.workbooks` and :mod:`.data_models`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.data_model_schedules import DataModelScheduleStore
from ..store.org_settings import OrgSettingStore
from .deps import Caller, State, ok

router = APIRouter()

_WORKBOOK = "/v2/workbooks/{workbookId}/elements/{elementId}/materializationSchedules"
_DATA_MODEL = "/v2/dataModels/{dataModelId}/elements/{elementId}/materializationSchedules"


def _when(state: State) -> dict[str, str]:
    """When the change is made, and the timezone a schedule without one gets (the
    organization's, as Sigma documents)."""
    return {"at": state.store.clock.iso(), "zone": state.store.get(OrgSettingStore).timezone()}


def _models(state: State) -> DataModelScheduleStore:
    return state.store.get(DataModelScheduleStore)


@router.post(_WORKBOOK)
def create_workbook_element_schedule(
    state: State, caller: Caller, workbookId: str, elementId: str, body: Annotated[Any, Body()]
) -> JSONResponse:
    store = state.store.materializations
    return ok(store.create_schedule(workbookId, elementId, body, caller, **_when(state)), 201)


@router.patch(_WORKBOOK)
def update_workbook_element_schedule(
    state: State, caller: Caller, workbookId: str, elementId: str, body: Annotated[Any, Body()]
) -> JSONResponse:
    store = state.store.materializations
    return ok(store.update_schedule(workbookId, elementId, body, caller, **_when(state)))


@router.delete(_WORKBOOK)
def delete_workbook_element_schedule(
    state: State, caller: Caller, workbookId: str, elementId: str
) -> JSONResponse:
    state.store.materializations.delete_schedule(workbookId, elementId, caller)
    return ok({})


@router.post(_DATA_MODEL)
def create_data_model_element_schedule(
    state: State, caller: Caller, dataModelId: str, elementId: str, body: Annotated[Any, Body()]
) -> JSONResponse:
    got = _models(state).create(dataModelId, elementId, body, caller, **_when(state))
    return ok(got, 201)


@router.patch(_DATA_MODEL)
def update_data_model_element_schedule(
    state: State, caller: Caller, dataModelId: str, elementId: str, body: Annotated[Any, Body()]
) -> JSONResponse:
    return ok(_models(state).update(dataModelId, elementId, body, caller, **_when(state)))


@router.delete(_DATA_MODEL)
def delete_data_model_element_schedule(
    state: State, caller: Caller, dataModelId: str, elementId: str
) -> JSONResponse:
    _models(state).delete(dataModelId, elementId, caller)
    return ok({})
