"""``POST /v2/shortcuts`` (Sigma's 2026-10 description, beta): surface an item in another
folder or workspace."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..store.shortcuts import ShortcutStore
from .deps import Caller, State, ok

router = APIRouter()


@router.post("/v2/shortcuts")
def create_shortcut(state: State, caller: Caller, body: Annotated[Any, Body()]) -> JSONResponse:
    return ok(state.store.get(ShortcutStore).create(body, caller))
