"""``/v2/favorites``: a member's favorite documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.favorites import FavoriteStore
from .deps import Caller, State, ok
from .paging import Listing

router = APIRouter()


class FavoriteBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    memberId: str
    inodeId: str


@router.post("/v2/favorites")
def add_favorite(
    state: State, caller: Caller, body: Annotated[FavoriteBody, Body()]
) -> JSONResponse:
    state.store.get(FavoriteStore).add(body.memberId, body.inodeId, caller)
    return ok({})


@router.get("/v2/favorites/member/{memberId}")
def list_favorites(
    state: State,
    caller: Caller,
    memberId: str,
    listing: Listing,
) -> JSONResponse:
    got = state.store.get(FavoriteStore).list(memberId, **listing.span)
    return listing.answer(got)


@router.delete("/v2/favorites/member/{memberId}/file/{inodeId}")
def remove_favorite(state: State, caller: Caller, memberId: str, inodeId: str) -> JSONResponse:
    state.store.get(FavoriteStore).remove(memberId, inodeId, caller)
    return ok({})


@router.get("/v2/members/{memberId}/files/favorites")
def list_member_favorite_files(
    state: State,
    caller: Caller,
    memberId: str,
    listing: Listing,
) -> JSONResponse:
    """The same favorites as ``/v2/favorites/member/{memberId}``, under the member's files."""
    got = state.store.get(FavoriteStore).list(memberId, **listing.span)
    return listing.answer(got)
