"""``/v2/workbooks/{id}/bookmarks``: a workbook's bookmarks (saved views), and those saved
on a tagged version (``/tags/{tagName}/bookmarks``: list, get, add, update, delete)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.bookmarks import BookmarkStore
from ..store.tags import TagStore
from .deps import Caller, State, ok
from .paging import TotalListing

router = APIRouter()


def _store(state: State) -> BookmarkStore:
    return state.store.get(BookmarkStore)


@router.get("/v2/workbooks/{workbookId}/bookmarks")
def list_bookmarks(
    state: State,
    caller: Caller,
    workbookId: str,
    listing: TotalListing,
) -> JSONResponse:
    got = _store(state).list(workbookId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/workbooks/{workbookId}/bookmarks")
def add_bookmark(
    state: State, caller: Caller, workbookId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_store(state).add(workbookId, body, caller))


@router.get("/v2/workbooks/{workbookId}/bookmarks/{bookmarkId}")
def get_bookmark(state: State, caller: Caller, workbookId: str, bookmarkId: str) -> JSONResponse:
    return ok(_store(state).get(workbookId, bookmarkId, caller))


@router.patch("/v2/workbooks/{workbookId}/bookmarks/{bookmarkId}")
def update_bookmark(
    state: State,
    caller: Caller,
    workbookId: str,
    bookmarkId: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    return ok(_store(state).update(workbookId, bookmarkId, body, caller))


@router.delete("/v2/workbooks/{workbookId}/bookmarks/{bookmarkId}")
def delete_bookmark(state: State, caller: Caller, workbookId: str, bookmarkId: str) -> JSONResponse:
    _store(state).delete(workbookId, bookmarkId, caller)
    return ok({})


@router.get("/v2/workbooks/{workbookId}/tags/{tagName}/bookmarks")
def get_tagged_workbook_bookmarks(
    state: State,
    caller: Caller,
    workbookId: str,
    tagName: str,
    listing: TotalListing,
) -> JSONResponse:
    """The bookmarks saved on the version the tag (name or id) marks."""
    version = state.store.get(TagStore).tagged_version(workbookId, tagName, caller)
    return listing.answer(
        _store(state).list_on_version(workbookId, version, caller, **listing.span)
    )


@router.get("/v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/{bookmarkId}")
def get_tagged_workbook_bookmark(
    state: State, caller: Caller, workbookId: str, tagName: str, bookmarkId: str
) -> JSONResponse:
    """One of the bookmarks saved on the version the tag (name or id) marks."""
    version = state.store.get(TagStore).tagged_version(workbookId, tagName, caller)
    return ok(_store(state).get_on_version(workbookId, version, bookmarkId, caller))


@router.post("/v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/")
def create_tagged_workbook_bookmark(
    state: State,
    caller: Caller,
    workbookId: str,
    tagName: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    """A bookmark saved on the version the tag marks (``workbookVersion`` must be it)."""
    version = state.store.get(TagStore).tagged_version(workbookId, tagName, caller)
    return ok(_store(state).add(workbookId, body, caller, tagged=version))


@router.patch("/v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/{bookmarkId}")
def update_tagged_workbook_bookmark(
    state: State,
    caller: Caller,
    workbookId: str,
    tagName: str,
    bookmarkId: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    version = state.store.get(TagStore).tagged_version(workbookId, tagName, caller)
    return ok(_store(state).update_on_version(workbookId, version, bookmarkId, body, caller))


@router.delete("/v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/{bookmarkId}")
def delete_tagged_workbook_bookmark(
    state: State, caller: Caller, workbookId: str, tagName: str, bookmarkId: str
) -> JSONResponse:
    version = state.store.get(TagStore).tagged_version(workbookId, tagName, caller)
    _store(state).delete_on_version(workbookId, version, bookmarkId, caller)
    return ok({})
