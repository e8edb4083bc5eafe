# generated from src/sigmakit/_async/resources/raw/__init__.py by scripts/unasync.py; edit that file, then `make generate`
"""The raw mode: the API's endpoints answering its JSON entries (dicts) as Sigma spells
them (``userId``, ``isArchived``...), no model built and pydantic never imported.

``sigma.raw`` (:class:`Raw`) holds one raw resource per resource that has one
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
    from sigmakit._sync._http import HttpCore
    from sigmakit._sync.resources.raw.members import RawMembers
    from sigmakit._sync.resources.raw.teams import RawTeams

__all__ = ["Raw"]


class Raw:
    """``sigma.raw``: the raw resources, each imported when first used."""

    def __init__(self, core: HttpCore) -> None:
        self._core = core

    @cached_property
    def members(self) -> RawMembers:
        from sigmakit._sync.resources.raw.members import RawMembers

        return RawMembers(self._core)

    @cached_property
    def teams(self) -> RawTeams:
        from sigmakit._sync.resources.raw.teams import RawTeams

        return RawTeams(self._core)

    def whoami(self, *, member: bool = True) -> dict[str, Any]:
        """Who the credentials belong to, as the API spells it: ``userId``,
        ``organizationId`` and (``member=True``, one more request) the member's ``email``,
        ``firstName``, ``lastName`` and ``memberType`` when it could be read."""
        from sigmakit._sync.resources.whoami import WhoAmI

        return WhoAmI(self._core).fetch(member=member)
