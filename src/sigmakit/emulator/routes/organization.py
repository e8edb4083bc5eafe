"""``/v2/organizations/settings``: the organization's timezone and its switches (bulk copy,
license upgrade requests, public embeds). Every operation needs credentials owned by an
Admin, as Sigma's description says; a tenant's settings are reached with a token for the
tenant, which the emulator does not issue (one organization per server)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, StrictBool

from ..errors import Forbidden
from ..store.org_settings import SWITCHES, OrgSettingStore
from .deps import Caller, State, ok, quick

router = APIRouter()


def _admin(state: State, caller: str) -> None:
    if not state.store.permissions.is_admin(caller):
        raise Forbidden("Only an Admin may read or change the organization's settings")


class UpdateSettings(BaseModel):
    model_config = ConfigDict(extra="ignore")
    timezone: str | None = None


class UpdateSwitch(BaseModel):
    model_config = ConfigDict(extra="ignore")
    enabled: StrictBool


@router.patch("/v2/organizations/settings")
def update_organization_settings(
    state: State, caller: Caller, body: Annotated[UpdateSettings, Body()]
) -> JSONResponse:
    _admin(state, caller)
    settings = state.store.get(OrgSettingStore)
    if body.timezone is not None:
        settings.set_timezone(body.timezone)
    answer: dict[str, Any] = {
        "organizationId": state.store.org.get().id,
        "timezone": settings.timezone(),
    }
    return ok(answer)


def _switch_routes(name: str, operation: str) -> None:
    """GET and PATCH ``/v2/organizations/settings/<name>``: ``{"enabled": bool}``."""

    @router.get(f"/v2/organizations/settings/{name}", name=f"get{operation}Setting")
    @quick
    def get_switch(state: State, caller: Caller) -> JSONResponse:
        _admin(state, caller)
        return ok({"enabled": state.store.get(OrgSettingStore).switch(name)})

    @router.patch(f"/v2/organizations/settings/{name}", name=f"update{operation}Setting")
    def update_switch(
        state: State, caller: Caller, body: Annotated[UpdateSwitch, Body()]
    ) -> JSONResponse:
        _admin(state, caller)
        return ok({"enabled": state.store.get(OrgSettingStore).set_switch(name, body.enabled)})


for _name in SWITCHES:
    _switch_routes(_name, _name[0].upper() + _name[1:])
