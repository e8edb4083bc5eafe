"""``POST /v2/workbooks/{id}/swapSources`` and ``POST /v2/dataModels/{id}/swapSources`` (and
its ``/v3alpha`` successor): point a document's elements at other tables, connections or data
models; and
``POST /v2/dataModels/tag``, which tags a data model's version (with sources to swap)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.data_model_tags import DataModelTagStore
from ..store.source_swaps import SourceSwapStore
from .deps import Caller, State, ok

router = APIRouter()


class PathMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromPath: list[str]
    toPath: list[str]


class ColumnMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromColumn: str | list[str]
    toColumn: str | list[str]


class MetricMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromMetric: str
    toMetric: str


class SourceMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromId: str
    toId: str
    metricMapping: list[MetricMapping] | None = None
    columnMapping: list[ColumnMapping] | None = None


class ConnectionMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromId: str
    toId: str
    swapTables: bool | None = None
    paths: list[PathMapping] | None = None


class SwapBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    sourceMapping: list[SourceMapping] | None = None
    connectionMapping: list[ConnectionMapping] | None = None
    copyInputTableData: bool | None = None


def _store(state: State) -> SourceSwapStore:
    return state.store.get(SourceSwapStore)


@router.post("/v2/workbooks/{workbookId}/swapSources")
def swap_workbook_sources(
    state: State, caller: Caller, workbookId: str, body: Annotated[SwapBody, Body()]
) -> JSONResponse:
    return ok(_store(state).swap_workbook(workbookId, body.model_dump(), caller))


@router.post("/v2/dataModels/{dataModelId}/swapSources")
def swap_data_model_sources(
    state: State, caller: Caller, dataModelId: str, body: Annotated[SwapBody, Body()]
) -> JSONResponse:
    return ok(_store(state).swap_data_model(dataModelId, body.model_dump(), caller))


@router.post("/v3alpha/dataModels/{dataModelId}:swapSources")
def swap_data_model_sources_v3(
    state: State, caller: Caller, dataModelId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).swap_data_model_v3(dataModelId, body, caller))


class PathPair(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromPath: list[str]
    toPath: list[str]


class TagSourceMapping(BaseModel):
    model_config = ConfigDict(extra="ignore")
    fromConnectionId: str
    toConnectionId: str
    paths: list[PathPair]


class TaggedSource(BaseModel):
    model_config = ConfigDict(extra="ignore")
    dataModelId: str
    fromVersionTagId: str | None
    toVersionTagId: str | None


class TagDataModelBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    dataModelId: str
    tag: str
    dataModelVersion: float | None = None
    sourceMappingConfig: list[TagSourceMapping] | None = None
    dataModelSourceTaggedVersions: list[TaggedSource] | None = None
    isDefault: bool | None = None


@router.post("/v2/dataModels/tag")
def tag_data_model(
    state: State, caller: Caller, body: Annotated[TagDataModelBody, Body()]
) -> JSONResponse:
    return ok(state.store.get(DataModelTagStore).tag(body.model_dump(), caller))
