"""``/v2/teams``, team membership, and ``/v2/members/{memberId}/teams``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from .deps import Caller, State, ok, quick
from .paging import LegacyListing, Listing

router = APIRouter()

Visibility = Literal["public", "private"]


class CreateTeam(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    description: str | None = None
    members: list[str] | None = None
    createTeamFolder: bool | None = None
    visibility: Visibility | None = None


class UpdateTeam(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    description: str | None = None
    visibility: Visibility | None = None


class UpdateTeamMembers(BaseModel):
    model_config = ConfigDict(extra="ignore")
    add: list[str] | None = None
    remove: list[str] | None = None


@router.get("/v2/teams")
@quick
def list_teams(
    state: State,
    caller: Caller,
    listing: LegacyListing,
    name: str | None = None,
    description: str | None = None,
    visibility: Visibility | None = None,
) -> JSONResponse:
    got = state.store.teams.list(
        name=name, description=description, visibility=visibility, **listing.span
    )
    return listing.answer(got)


@router.get("/v2.1/teams")
@quick
def list_teams_paged(
    state: State,
    caller: Caller,
    listing: Listing,
    name: str | None = None,
    description: str | None = None,
    visibility: Visibility | None = None,
) -> JSONResponse:
    """The paginated list (always ``{entries, nextPage, total, hasMore}``)."""
    got = state.store.teams.list(
        name=name, description=description, visibility=visibility, **listing.span
    )
    return listing.answer(got)


@router.post("/v2/teams")
def create_team(state: State, caller: Caller, body: Annotated[CreateTeam, Body()]) -> JSONResponse:
    return ok(state.store.teams.create(body.model_dump(exclude_none=True), caller))


@router.get("/v2/teams/{teamId}")
@quick
def get_team(state: State, caller: Caller, teamId: str) -> JSONResponse:
    return ok(state.store.teams.get(teamId))


@router.patch("/v2/teams/{teamId}")
def update_team(
    state: State, caller: Caller, teamId: str, body: Annotated[UpdateTeam, Body()]
) -> JSONResponse:
    return ok(state.store.teams.update(teamId, body.model_dump(exclude_unset=True), caller))


@router.delete("/v2/teams/{teamId}")
def delete_team(state: State, caller: Caller, teamId: str) -> JSONResponse:
    state.store.teams.delete(teamId)
    return ok({})


@router.get("/v2/teams/{teamId}/members")
@quick
def list_team_members(state: State, caller: Caller, teamId: str, listing: Listing) -> JSONResponse:
    return listing.answer(state.store.teams.members(teamId, **listing.span))


@router.patch("/v2/teams/{teamId}/members")
@quick
def update_team_members(
    state: State, caller: Caller, teamId: str, body: Annotated[UpdateTeamMembers, Body()]
) -> JSONResponse:
    state.store.teams.update_members(teamId, body.model_dump(exclude_none=True), caller)
    return ok({})


@router.get("/v2/members/{memberId}/teams")
@quick
def list_member_teams(
    state: State, caller: Caller, memberId: str, listing: Listing
) -> JSONResponse:
    state.store.members.row(memberId)
    return listing.answer(state.store.teams.of_member(memberId, **listing.span))
