"""``/v2/user-attributes``: the attributes, their values for users, teams and tenants, and a
team's side (``/v2/teams/{teamId}/assignedUserAttributes``, ``.../user-attributes``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.user_attributes import UserAttributeStore
from .deps import Caller, State, ok
from .paging import TotalListing, Window

router = APIRouter()


class Value(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["string"]
    val: str


class CreateAttribute(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    description: str | None = None
    defaultValue: Value | None = None


class UserValue(BaseModel):
    model_config = ConfigDict(extra="ignore")
    userId: str
    value: Value


class TeamValue(BaseModel):
    model_config = ConfigDict(extra="ignore")
    teamId: str
    value: Value


class TenantValue(BaseModel):
    model_config = ConfigDict(extra="ignore")
    tenantOrganizationId: str
    value: Value


class AttributeValue(BaseModel):
    model_config = ConfigDict(extra="ignore")
    userAttributeId: str
    value: Value


class UserRef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    userId: str


class TeamRef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    teamId: str


class TenantRef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    tenantOrganizationId: str


class SetUsers(BaseModel):
    model_config = ConfigDict(extra="ignore")
    assignments: list[UserValue]


class SetTeams(BaseModel):
    model_config = ConfigDict(extra="ignore")
    assignments: list[TeamValue]


class SetTenants(BaseModel):
    model_config = ConfigDict(extra="ignore")
    assignments: list[TenantValue]


class SetForTeam(BaseModel):
    model_config = ConfigDict(extra="ignore")
    assignments: list[AttributeValue]


class ClearUsers(BaseModel):
    model_config = ConfigDict(extra="ignore")
    delete: list[UserRef]


class ClearTeams(BaseModel):
    model_config = ConfigDict(extra="ignore")
    delete: list[TeamRef]


class ClearTenants(BaseModel):
    model_config = ConfigDict(extra="ignore")
    delete: list[TenantRef]


def _store(state: State) -> UserAttributeStore:
    return state.store.get(UserAttributeStore)


@router.get("/v2/user-attributes")
def list_user_attributes(
    state: State,
    caller: Caller,
    listing: TotalListing,
    name: str | None = None,
) -> JSONResponse:
    got = _store(state).list(name=name, **listing.span)
    return listing.answer(got)


@router.post("/v2/user-attributes")
def create_user_attribute(
    state: State, caller: Caller, body: Annotated[CreateAttribute, Body()]
) -> JSONResponse:
    return ok(_store(state).create(body.model_dump(exclude_none=True), caller))


@router.get("/v2/user-attributes/{userAttributeId}")
def get_user_attribute(state: State, caller: Caller, userAttributeId: str) -> JSONResponse:
    return ok(_store(state).get(userAttributeId))


@router.delete("/v2/user-attributes/{userAttributeId}")
def delete_user_attribute(state: State, caller: Caller, userAttributeId: str) -> JSONResponse:
    _store(state).delete(userAttributeId, caller)
    return ok({})


def _assignments(state: State, kind: str, attribute_id: str, listing: Window) -> JSONResponse:
    return listing.answer(_store(state).assignments(kind, attribute_id, **listing.span))


@router.get("/v2/user-attributes/{userAttributeId}/users")
def list_user_values(
    state: State,
    caller: Caller,
    userAttributeId: str,
    listing: TotalListing,
) -> JSONResponse:
    return _assignments(state, "users", userAttributeId, listing)


@router.get("/v2/user-attributes/{userAttributeId}/teams")
def list_team_values(
    state: State,
    caller: Caller,
    userAttributeId: str,
    listing: TotalListing,
) -> JSONResponse:
    return _assignments(state, "teams", userAttributeId, listing)


@router.get("/v2/user-attributes/{userAttributeId}/tenants")
def list_tenant_values(
    state: State,
    caller: Caller,
    userAttributeId: str,
    listing: TotalListing,
) -> JSONResponse:
    return _assignments(state, "tenants", userAttributeId, listing)


@router.post("/v2/user-attributes/{userAttributeId}/users")
def set_for_users(
    state: State, caller: Caller, userAttributeId: str, body: Annotated[SetUsers, Body()]
) -> JSONResponse:
    assignments = [a.model_dump() for a in body.assignments]
    _store(state).assign("users", userAttributeId, assignments, caller)
    return ok({})


@router.post("/v2/user-attributes/{userAttributeId}/teams")
def set_for_teams(
    state: State, caller: Caller, userAttributeId: str, body: Annotated[SetTeams, Body()]
) -> JSONResponse:
    assignments = [a.model_dump() for a in body.assignments]
    _store(state).assign("teams", userAttributeId, assignments, caller)
    return ok({})


@router.post("/v2/user-attributes/{userAttributeId}/tenants")
def set_for_tenants(
    state: State, caller: Caller, userAttributeId: str, body: Annotated[SetTenants, Body()]
) -> JSONResponse:
    assignments = [a.model_dump() for a in body.assignments]
    _store(state).assign("tenants", userAttributeId, assignments, caller)
    return ok({})


@router.patch("/v2/user-attributes/{userAttributeId}/users")
def clear_for_users(
    state: State, caller: Caller, userAttributeId: str, body: Annotated[ClearUsers, Body()]
) -> JSONResponse:
    ids = [d.userId for d in body.delete]
    _store(state).unassign("users", userAttributeId, ids, caller)
    return ok({})


@router.patch("/v2/user-attributes/{userAttributeId}/teams")
def clear_for_teams(
    state: State, caller: Caller, userAttributeId: str, body: Annotated[ClearTeams, Body()]
) -> JSONResponse:
    ids = [d.teamId for d in body.delete]
    _store(state).unassign("teams", userAttributeId, ids, caller)
    return ok({})


@router.patch("/v2/user-attributes/{userAttributeId}/tenants")
def clear_for_tenants(
    state: State, caller: Caller, userAttributeId: str, body: Annotated[ClearTenants, Body()]
) -> JSONResponse:
    ids = [d.tenantOrganizationId for d in body.delete]
    _store(state).unassign("tenants", userAttributeId, ids, caller)
    return ok({})


@router.delete("/v2/user-attributes/{userAttributeId}/users/{userId}")
def clear_for_user(state: State, caller: Caller, userAttributeId: str, userId: str) -> JSONResponse:
    _store(state).unassign_one("users", userAttributeId, userId, caller)
    return ok({})


@router.delete("/v2/user-attributes/{userAttributeId}/teams/{teamId}")
def clear_for_team(state: State, caller: Caller, userAttributeId: str, teamId: str) -> JSONResponse:
    _store(state).unassign_one("teams", userAttributeId, teamId, caller)
    return ok({})


@router.delete("/v2/user-attributes/{userAttributeId}/tenants/{tenantOrganizationId}")
def clear_for_tenant(
    state: State, caller: Caller, userAttributeId: str, tenantOrganizationId: str
) -> JSONResponse:
    _store(state).unassign_one("tenants", userAttributeId, tenantOrganizationId, caller)
    return ok({})


@router.post("/v2/teams/{teamId}/assignedUserAttributes")
def assign_to_team(
    state: State, caller: Caller, teamId: str, body: Annotated[SetForTeam, Body()]
) -> JSONResponse:
    assignments = [a.model_dump() for a in body.assignments]
    _store(state).assign_to_team(teamId, assignments, caller)
    return ok({})


@router.get("/v2/teams/{teamId}/user-attributes")
def list_team_user_attributes(
    state: State, caller: Caller, teamId: str, listing: TotalListing
) -> JSONResponse:
    return listing.answer(_store(state).of_team(teamId, **listing.span))
