"""``/v2/whoami``: the member behind the credentials."""

from __future__ import annotations

from .._models import SigmaModel
from ._base import Resource

__all__ = ["Identity", "WhoAmI"]


class Identity(SigmaModel):
    user_id: str
    organization_id: str


class WhoAmI(Resource):
    def get(self) -> Identity:
        return Identity.model_validate(self._core.request("GET", "/v2/whoami"))
