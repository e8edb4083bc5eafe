"""The raw mode: the API's endpoints answering its JSON entries (dicts) as Sigma spells
them (``userId``, ``isArchived``...), no model built and pydantic never imported.

``sigma.raw`` (:class:`AsyncRaw`) holds one raw resource per resource that has one
(``sigma.raw.teams``, ``sigma.raw.members``) and ``sigma.raw.whoami()``; each typed
resource also offers its own (``sigma.teams.raw is`` the same kind of object). The typed
methods are built on these, so each endpoint's path, parameters and body are spelled once,
here. For bulk work over thousands of entries, where building models costs more than the
requests (``sigmakit teams bulk-assign``, ``sigmakit auth check``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sigmakit._async._http import AsyncHttpCore
    from sigmakit._async.resources.raw.members import AsyncRawMembers
    from sigmakit._async.resources.raw.teams import AsyncRawTeams

__all__ = ["AsyncRaw"]


class AsyncRaw:
    """``sigma.raw``: the raw resources, each imported when first used."""

    def __init__(self, core: AsyncHttpCore) -> None:
        self._core = core

    @cached_property
    def members(self) -> AsyncRawMembers:
        from sigmakit._async.resources.raw.members import AsyncRawMembers

        return AsyncRawMembers(self._core)

    @cached_property
    def teams(self) -> AsyncRawTeams:
        from sigmakit._async.resources.raw.teams import AsyncRawTeams

        return AsyncRawTeams(self._core)

    async def whoami(self, *, member: bool = True) -> dict[str, Any]:
        """Who the credentials belong to, as the API spells it: ``userId``,
        ``organizationId`` and (``member=True``, one more request) the member's ``email``,
        ``firstName``, ``lastName`` and ``memberType`` when it could be read."""
        from sigmakit._async.resources.whoami import AsyncWhoAmI

        return await AsyncWhoAmI(self._core).fetch(member=member)
