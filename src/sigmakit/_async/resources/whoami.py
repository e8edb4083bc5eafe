"""``/v2/whoami``: the member behind the credentials.

Sigma's ``GET /v2/whoami`` answers only ``userId`` and ``organizationId`` (both OpenAPI
descriptions, 2025-11 and 2026-08), so :meth:`WhoAmI.get` reads the member too
(``GET /v2/members/{userId}``) for the name, email and account type. Credentials that may
not read members still get their ids; the rest is then None.

The model (:class:`Identity`) lives in ``sigmakit.types.whoami`` and is imported when first built:
:meth:`WhoAmI.fetch` gives the same answer as the API spells it, without pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sigmakit._async.resources._base import AsyncResource
from sigmakit._errors import NotFoundError, PermissionDeniedError
from sigmakit._request import path
from sigmakit.types._whoami import MEMBER_FIELDS, full_name

if TYPE_CHECKING:
    from sigmakit.types.whoami import Identity

__all__ = ["AsyncWhoAmI", "Identity", "full_name"]


class AsyncWhoAmI(AsyncResource):
    async def fetch(self, *, member: bool = True) -> dict[str, Any]:
        """Who the credentials belong to, as the API spells it: ``userId``,
        ``organizationId`` and (``member=True``, one more request) the member's ``email``,
        ``firstName``, ``lastName`` and ``memberType`` when it could be read."""
        me: dict[str, Any] = await self._core.request("GET", "/v2/whoami")
        if member:
            try:
                found = await self._core.request("GET", path("/v2/members/{}", me["userId"]))
            except (NotFoundError, PermissionDeniedError):
                found = {}
            for key in MEMBER_FIELDS:
                if found.get(key) is not None:
                    me = {**me, key: found[key]}
        return me

    async def get(self, *, member: bool = True) -> Identity:
        """Who the credentials belong to: ids, and (``member=True``, one more request) the
        member's name, email and account type."""
        from sigmakit.types.whoami import Identity

        return Identity.model_validate(await self.fetch(member=member))


def __getattr__(name: str) -> object:
    # ``from sigmakit.resources.whoami import Identity`` still works; the model's module
    # (and pydantic) is imported only then
    if name == "Identity":
        from sigmakit.types.whoami import Identity

        return Identity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
