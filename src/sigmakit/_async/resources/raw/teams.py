"""``/v2/teams`` in the raw mode: the API's entries, no model (see ``raw/__init__.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path

__all__ = ["AsyncRawTeams"]


class AsyncRawTeams(AsyncResource):
    def list(
        self,
        *,
        name: str | None = None,
        description: str | None = None,
        visibility: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[dict[str, Any]]:
        """Every team, fetched lazily. ``name`` filters on the team name."""
        return AsyncPaginator(
            self._core,
            "/v2/teams",
            dict,
            params={"name": name, "description": description, "visibility": visibility},
            page_size=page_size,
            limit=limit,
        )

    async def get(self, team_id: str) -> dict[str, Any]:
        found: dict[str, Any] = await self._core.request("GET", path("/v2/teams/{}", team_id))
        return found

    async def create(
        self,
        *,
        name: str,
        description: str | None = None,
        members: Sequence[str] = (),
        create_team_folder: bool | None = None,
        visibility: str | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"name": name}
        optional = {
            "description": description,
            "createTeamFolder": create_team_folder,
            "visibility": visibility,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        if members:
            body["members"] = list(members)
        made: dict[str, Any] = await self._core.request("POST", "/v2/teams", json=body)
        return made

    async def update(
        self,
        team_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        visibility: str | None = None,
    ) -> dict[str, Any]:
        """Change the fields given; the others stay as they are."""
        fields = {"name": name, "description": description, "visibility": visibility}
        body = {k: v for k, v in fields.items() if v is not None}
        done: dict[str, Any] = await self._core.request(
            "PATCH", path("/v2/teams/{}", team_id), json=body
        )
        return done

    async def delete(self, team_id: str) -> None:
        await self._core.request("DELETE", path("/v2/teams/{}", team_id))

    def members(
        self, team_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[dict[str, Any]]:
        """The team's members (``userId``, ``isTeamAdmin``, ``addedBy``)."""
        return AsyncPaginator(
            self._core,
            path("/v2/teams/{}/members", team_id),
            dict,
            page_size=page_size,
            limit=limit,
        )

    async def update_members(
        self, team_id: str, *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> None:
        """Add and remove members (by member id) in one call."""
        if isinstance(add, str) or isinstance(remove, str):
            raise InputError("add and remove take lists of member ids, not a single string")
        if not add and not remove:
            raise InputError("nothing to change: give member ids to add or remove")
        body: dict[str, Any] = {}
        if add:
            body["add"] = list(add)
        if remove:
            body["remove"] = list(remove)
        await self._core.request("PATCH", path("/v2/teams/{}/members", team_id), json=body)

    def of_member(
        self, member_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[dict[str, Any]]:
        """The teams a member belongs to."""
        return AsyncPaginator(
            self._core,
            path("/v2/members/{}/teams", member_id),
            dict,
            page_size=page_size,
            limit=limit,
        )
