"""``/v2/members``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..errors import BadRequest, Forbidden
from .deps import Caller, State, ok, quick
from .paging import LegacyListing, Listing, Window

router = APIRouter()


class TeamRef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    teamId: str
    isTeamAdmin: bool | None = None


class CreateMember(BaseModel):
    model_config = ConfigDict(extra="ignore")
    email: str
    firstName: str
    lastName: str
    memberType: str | None = None
    isGuest: bool | None = None
    userKind: Literal["internal", "guest", "embed"] | None = None
    addToTeams: list[TeamRef] | None = None


class UpdateMember(BaseModel):
    model_config = ConfigDict(extra="ignore")
    memberType: str | None = None
    firstName: str | None = None
    lastName: str | None = None
    profileImgUrl: str | None = None
    email: str | None = None
    isArchived: bool | None = None
    isInactive: bool | None = None
    userKind: Literal["internal", "guest", "embed"] | None = None
    newOwnerId: str | None = None
    archiveDocuments: bool | None = None
    archiveScheduledExports: bool | None = None


def _list_members(
    state: State,
    listing: Window,
    search: str | None,
    email: str | None,
    include_archived: bool,
    include_inactive: bool,
) -> JSONResponse:
    if search is not None:
        # Sigma removed ``search`` on 2026-09-15; that it now answers 400 is a guess
        # (tests/parity/GUESSES.md)
        raise BadRequest("The search parameter was removed on 2026-09-15; filter by email instead")
    got = state.store.members.list(
        email=email,
        search=None,
        include_archived=include_archived,
        include_inactive=include_inactive,
        **listing.span,
    )
    return listing.answer(got)


@router.get("/v2/members")
@quick
def list_members(
    state: State,
    caller: Caller,
    listing: LegacyListing,
    search: str | None = None,
    email: str | None = None,
    includeArchived: bool = False,
    includeInactive: bool = False,
) -> JSONResponse:
    return _list_members(state, listing, search, email, includeArchived, includeInactive)


@router.get("/v2.1/members")
@quick
def list_members_paged(
    state: State,
    caller: Caller,
    listing: Listing,
    search: str | None = None,
    email: str | None = None,
    includeArchived: bool = False,
    includeInactive: bool = False,
) -> JSONResponse:
    """The paginated list (always ``{entries, nextPage, total, hasMore}``)."""
    return _list_members(state, listing, search, email, includeArchived, includeInactive)


@router.post("/v2/members")
@quick
def create_member(
    state: State,
    caller: Caller,
    body: Annotated[CreateMember, Body()],
    sendInvite: Annotated[bool | None, Query()] = None,
) -> JSONResponse:
    data: dict[str, Any] = body.model_dump(exclude_none=True)
    return ok(state.store.members.create(data, caller))


@router.get("/v2/members/{memberId}")
@quick
def get_member(state: State, caller: Caller, memberId: str) -> JSONResponse:
    return ok(state.store.members.get(memberId))


@router.patch("/v2/members/{memberId}")
@quick
def update_member(
    state: State, caller: Caller, memberId: str, body: Annotated[UpdateMember, Body()]
) -> JSONResponse:
    data = body.model_dump(exclude_unset=True)
    return ok(state.store.members.update(memberId, data, caller))


@router.delete("/v2/members/{memberId}")
def delete_member(state: State, caller: Caller, memberId: str) -> JSONResponse:
    state.store.members.archive(memberId, caller)
    return ok({})


@router.post("/v2/members/{memberId}/revoke")
def revoke_member_tokens(state: State, caller: Caller, memberId: str) -> JSONResponse:
    """Revoke the member's OAuth refresh tokens (single sign-on and warehouse OAuth). The
    emulator has no OIDC sign-in, so a member holds none: the count is 0, after the checks
    Sigma makes (an admin's credentials, a member that exists)."""
    if not state.store.permissions.is_admin(caller):
        raise Forbidden("Only an admin can revoke a member's tokens")
    state.store.members.row(memberId)
    return ok({"memberId": memberId, "results": {"oauth": {"tokensRevoked": 0}}})
