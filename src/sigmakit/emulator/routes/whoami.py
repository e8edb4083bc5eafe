"""``GET /v2/whoami``."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .deps import Caller, State, ok, quick

router = APIRouter()


@router.get("/v2/whoami")
@quick
def whoami(state: State, caller: Caller) -> JSONResponse:
    return ok({"userId": caller, "organizationId": state.store.org.get().id})
