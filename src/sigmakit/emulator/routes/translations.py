"""``/v2/translations/organization``: the organization's translation files, per locale
(``lng``) and custom variant (``lng_variant``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..store.translations import TranslationStore
from .deps import Caller, State, ok, quick
from .paging import Listing

router = APIRouter()


class CreateTranslation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    lng: str
    lng_variant: str | None = None
    translations: dict[str, str] = {}


class ReplaceTranslation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    translations: dict[str, str]


def _store(state: State) -> TranslationStore:
    return state.store.get(TranslationStore)


@router.get("/v2/translations/organization")
@quick
def list_org_locales(state: State, caller: Caller, listing: Listing) -> JSONResponse:
    return listing.answer(_store(state).page(**listing.span))


@router.post("/v2/translations/organization")
def create_org_translation(
    state: State, caller: Caller, body: Annotated[CreateTranslation, Body()]
) -> JSONResponse:
    _store(state).create(caller, body.lng, body.lng_variant, body.translations)
    return ok({})


@router.get("/v2/translations/organization/{lng}")
@quick
def get_org_translations(state: State, caller: Caller, lng: str) -> JSONResponse:
    return ok({"translations": _store(state).phrases(lng)})


@router.put("/v2/translations/organization/{lng}")
def update_org_translation(
    state: State, caller: Caller, lng: str, body: Annotated[ReplaceTranslation, Body()]
) -> JSONResponse:
    _store(state).replace(caller, lng, "", body.translations)
    return ok({})


@router.delete("/v2/translations/organization/{lng}")
def delete_org_translation(state: State, caller: Caller, lng: str) -> JSONResponse:
    _store(state).delete(caller, lng, "")
    return ok({})


@router.get("/v2/translations/organization/{lng}/{lng_variant}")
@quick
def get_org_translations_with_variant(
    state: State, caller: Caller, lng: str, lng_variant: str
) -> JSONResponse:
    return ok({"translations": _store(state).phrases(lng, lng_variant)})


@router.put("/v2/translations/organization/{lng}/{lng_variant}")
def update_org_translation_with_variant(
    state: State,
    caller: Caller,
    lng: str,
    lng_variant: str,
    body: Annotated[ReplaceTranslation, Body()],
) -> JSONResponse:
    _store(state).replace(caller, lng, lng_variant, body.translations)
    return ok({})


@router.delete("/v2/translations/organization/{lng}/{lng_variant}")
def delete_org_translation_with_variant(
    state: State, caller: Caller, lng: str, lng_variant: str
) -> JSONResponse:
    _store(state).delete(caller, lng, lng_variant)
    return ok({})
