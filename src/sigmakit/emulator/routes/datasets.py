"""``/v2/datasets`` (deprecated by Sigma, still served): datasets, their source, their
grants, their materialization runs and their migration to a data model."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..state import EmulatorState
from ..store.dataset_work import DatasetWork
from ..store.datasets import DatasetStore
from .deps import Caller, State, ok
from .grants import grant_routes
from .paging import Listing

router = APIRouter()


def _store(state: State) -> DatasetStore:
    return state.store.get(DatasetStore)


@router.get("/v2/datasets")
def list_datasets(
    state: State,
    caller: Caller,
    listing: Listing,
    skipPermissionCheck: bool = False,
) -> JSONResponse:
    got = _store(state).list_for(caller, **listing.span, skip_permission_check=skipPermissionCheck)
    return listing.answer(got)


@router.get("/v2/datasets/{datasetId}")
def get_dataset(state: State, caller: Caller, datasetId: str) -> JSONResponse:
    return ok(_store(state).get(datasetId, caller))


@router.get("/v2/datasets/{datasetId}/sources")
def list_dataset_sources(state: State, caller: Caller, datasetId: str) -> JSONResponse:
    return ok(_store(state).sources(datasetId, caller))


def _dataset(state: EmulatorState, caller: str, dataset_id: str, write: bool) -> str:
    """The dataset the caller sees (and, to change its grants, may edit)."""
    _store(state).row(dataset_id, caller)
    if write:
        state.store.files.access(caller, dataset_id, need="edit")
    return dataset_id


grant_routes(router, "/v2/datasets/{datasetId}", "dataset", resolve=_dataset)


@router.get("/v2/datasets/{datasetId}/materialization")
def list_dataset_materializations(
    state: State, caller: Caller, datasetId: str, listing: Listing
) -> JSONResponse:
    got = state.store.get(DatasetWork).materializations(datasetId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/datasets/{datasetId}/materialization")
def materialize_dataset(
    state: State,
    caller: Caller,
    datasetId: str,
    body: Annotated[dict[str, Any] | None, Body()] = None,
) -> JSONResponse:
    return ok(state.store.get(DatasetWork).materialize(datasetId, caller))


@router.post("/v2/datasets/{datasetId}/migrate")
def migrate_dataset_to_data_model(
    state: State, caller: Caller, datasetId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(state.store.get(DatasetWork).migrate(datasetId, body, caller))
