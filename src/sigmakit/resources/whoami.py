"""``/v2/whoami``: the member behind the credentials.

Sigma's ``GET /v2/whoami`` answers only ``userId`` and ``organizationId`` (both OpenAPI
descriptions, 2025-11 and 2026-08), so :meth:`WhoAmI.get` reads the member too
(``GET /v2/members/{userId}``) for the name, email and account type. Credentials that may
not read members still get their ids; the rest is then None.
"""

from __future__ import annotations

from .._errors import NotFoundError, PermissionDeniedError
from .._http import path
from .._models import SigmaModel
from ._base import Resource

__all__ = ["Identity", "WhoAmI"]


class Identity(SigmaModel):
    user_id: str
    organization_id: str
    #: from the member (None when the credentials may not read it, or ``member=False``)
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    #: the account type (``memberType``): Admin, Pro... or the organization's own
    member_type: str | None = None

    @property
    def name(self) -> str | None:
        """``First Last``, when the member was read."""
        parts = [p for p in (self.first_name, self.last_name) if p]
        return " ".join(parts) or None

    @property
    def account_type(self) -> str | None:
        return self.member_type


class WhoAmI(Resource):
    def get(self, *, member: bool = True) -> Identity:
        """Who the credentials belong to: ids, and (``member=True``, one more request) the
        member's name, email and account type."""
        me = self._core.request("GET", "/v2/whoami")
        if member:
            try:
                found = self._core.request("GET", path("/v2/members/{}", me["userId"]))
            except (NotFoundError, PermissionDeniedError):
                found = {}
            for key in ("email", "firstName", "lastName", "memberType"):
                if found.get(key) is not None:
                    me = {**me, key: found[key]}
        return Identity.model_validate(me)
