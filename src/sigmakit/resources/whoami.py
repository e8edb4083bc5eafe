"""``/v2/whoami``: the member behind the credentials.

Sigma's ``GET /v2/whoami`` answers only ``userId`` and ``organizationId`` (both OpenAPI
descriptions, 2025-11 and 2026-08), so :meth:`WhoAmI.get` reads the member too
(``GET /v2/members/{userId}``) for the name, email and account type. Credentials that may
not read members still get their ids; the rest is then None.

The model (:class:`Identity`) lives in ``_identity.py`` and is imported when first built:
:meth:`WhoAmI.fetch` gives the same answer as the API spells it, without pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._errors import NotFoundError, PermissionDeniedError
from .._http import path
from ._base import Resource

if TYPE_CHECKING:
    from ._identity import Identity

__all__ = ["Identity", "WhoAmI"]

#: the member's fields an identity carries, as the API spells them
MEMBER_FIELDS = ("email", "firstName", "lastName", "memberType")


def full_name(first: str | None, last: str | None) -> str | None:
    """``First Last`` from the parts there are; None when there are none."""
    return " ".join(p for p in (first, last) if p) or None


class WhoAmI(Resource):
    def fetch(self, *, member: bool = True) -> dict[str, Any]:
        """Who the credentials belong to, as the API spells it: ``userId``,
        ``organizationId`` and (``member=True``, one more request) the member's ``email``,
        ``firstName``, ``lastName`` and ``memberType`` when it could be read."""
        me: dict[str, Any] = self._core.request("GET", "/v2/whoami")
        if member:
            try:
                found = self._core.request("GET", path("/v2/members/{}", me["userId"]))
            except (NotFoundError, PermissionDeniedError):
                found = {}
            for key in MEMBER_FIELDS:
                if found.get(key) is not None:
                    me = {**me, key: found[key]}
        return me

    def get(self, *, member: bool = True) -> Identity:
        """Who the credentials belong to: ids, and (``member=True``, one more request) the
        member's name, email and account type."""
        from ._identity import Identity

        return Identity.model_validate(self.fetch(member=member))


def __getattr__(name: str) -> object:
    # ``from sigmakit.resources.whoami import Identity`` still works; the model's module
    # (and pydantic) is imported only then
    if name == "Identity":
        from ._identity import Identity

        return Identity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
