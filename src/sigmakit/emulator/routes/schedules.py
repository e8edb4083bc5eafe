"""Scheduled exports: ``/v2/workbooks/{id}/schedules`` (and the paginated ``/v2.1`` list),
and ``/v2/members/{id}/schedules``, the ones a member owns."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.schedules import ScheduleStore
from .deps import Caller, State, ok
from .paging import LegacyListing, Listing, Window

router = APIRouter()


class CreateSchedule(BaseModel):
    model_config = ConfigDict(extra="ignore")
    target: list[dict[str, Any]]
    schedule: dict[str, Any]
    configV2: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    description: str | None = None
    ownerId: str | None = None


class UpdateSchedule(BaseModel):
    model_config = ConfigDict(extra="ignore")
    target: list[dict[str, Any]] | None = None
    schedule: dict[str, Any] | None = None
    configV2: dict[str, Any] | None = None
    description: str | None = None
    suspensionAction: Literal["pause", "resume"] | None = None


def _list(state: State, caller: str, workbook_id: str, listing: Window) -> JSONResponse:
    got = state.store.get(ScheduleStore).list_for_workbook(workbook_id, caller, **listing.span)
    return listing.answer(got)


@router.get("/v2/workbooks/{workbookId}/schedules")
def list_workbook_schedules(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: LegacyListing,
) -> JSONResponse:
    return _list(state, caller, workbookId, listing)


@router.get("/v2.1/workbooks/{workbookId}/schedules")
def list_workbook_schedules_paged(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: Listing,
) -> JSONResponse:
    return _list(state, caller, workbookId, listing)


@router.post("/v2/workbooks/{workbookId}/schedules")
def create_workbook_schedule(
    state: State, caller: Caller, workbookId: str, body: Annotated[CreateSchedule, Body()]
) -> JSONResponse:
    data = body.model_dump(exclude_none=True)
    return ok(state.store.get(ScheduleStore).create(workbookId, data, caller))


@router.patch("/v2/workbooks/{workbookId}/schedules/{scheduleId}")
def update_workbook_schedule(
    state: State,
    caller: Caller,
    workbookId: str,
    scheduleId: str,
    body: Annotated[UpdateSchedule, Body()],
) -> JSONResponse:
    data = body.model_dump(exclude_unset=True)
    return ok(state.store.get(ScheduleStore).update(workbookId, scheduleId, data, caller))


@router.delete("/v2/workbooks/{workbookId}/schedules/{scheduleId}")
def delete_workbook_schedule(
    state: State, caller: Caller, workbookId: str, scheduleId: str
) -> JSONResponse:
    state.store.get(ScheduleStore).delete(workbookId, scheduleId, caller)
    return ok({})


@router.get("/v2/members/{memberId}/schedules")
def list_member_schedules(
    state: State,
    caller: Caller,
    memberId: str,
    listing: Listing,
) -> JSONResponse:
    got = state.store.get(ScheduleStore).list_for_member(memberId, caller, **listing.span)
    return listing.answer(got)
