"""``/v2/datasets`` (deprecated by Sigma, still served): datasets, their source and their
grants. (Materializing and migrating a dataset are not served.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.datasets import DatasetStore
from .deps import Caller, State, ok
from .grants import GrantsBody, add_grants, list_grants_of
from .paging import answer, window

router = APIRouter()


def _store(state: State) -> DatasetStore:
    return state.store.get(DatasetStore)


@router.get("/v2/datasets")
def list_datasets(
    state: State,
    caller: Caller,
    page: str | None = None,
    limit: float | None = None,
    skipPermissionCheck: bool = False,
) -> JSONResponse:
    offset, size = window(state, page, limit)
    got = _store(state).list_for(
        caller, offset=offset, limit=size, skip_permission_check=skipPermissionCheck
    )
    return answer(state, got, limit)


@router.get("/v2/datasets/{datasetId}")
def get_dataset(state: State, caller: Caller, datasetId: str) -> JSONResponse:
    return ok(_store(state).get(datasetId, caller))


@router.get("/v2/datasets/{datasetId}/sources")
def list_dataset_sources(state: State, caller: Caller, datasetId: str) -> JSONResponse:
    return ok(_store(state).sources(datasetId, caller))


@router.get("/v2/datasets/{datasetId}/grants")
def list_dataset_grants(
    state: State,
    caller: Caller,
    datasetId: str,
    page: str | None = None,
    limit: float | None = None,
) -> JSONResponse:
    _store(state).row(datasetId, caller)
    return list_grants_of(state, "dataset", datasetId, page, limit)


@router.post("/v2/datasets/{datasetId}/grants")
def create_dataset_grants(
    state: State, caller: Caller, datasetId: str, body: Annotated[GrantsBody, Body()]
) -> JSONResponse:
    _store(state).row(datasetId, caller)
    state.store.files.access(caller, datasetId, need="edit")
    add_grants(state, "dataset", datasetId, body, caller)
    return ok({})


@router.delete("/v2/datasets/{datasetId}/grants/{grantId}")
def delete_dataset_grant(
    state: State, caller: Caller, datasetId: str, grantId: str
) -> JSONResponse:
    _store(state).row(datasetId, caller)
    state.store.files.access(caller, datasetId, need="edit")
    state.store.grants.delete("dataset", datasetId, grantId)
    return ok({})
