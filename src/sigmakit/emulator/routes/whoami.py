"""``GET /v2/whoami``."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .deps import Caller, State, ok

router = APIRouter()


@router.get("/v2/whoami")
def whoami(state: State, caller: Caller) -> JSONResponse:
    return ok({"userId": caller, "organizationId": state.store.org.get().id})
