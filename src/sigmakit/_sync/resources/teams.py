# generated from src/sigmakit/_async/resources/teams.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/teams``: list, get, create, update, delete, and team membership."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit._sync.resources._lookup import by_name_or_id
from sigmakit.types.teams import Team, TeamMember, _team, _team_member

__all__ = ["Team", "TeamMember", "Teams"]


class Teams(Resource):
    def list(
        self,
        *,
        name: str | None = None,
        description: str | None = None,
        visibility: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Team]:
        """Every team, fetched lazily. ``name`` filters on the team name."""
        return Paginator(
            self._core,
            "/v2/teams",
            _team,
            params={"name": name, "description": description, "visibility": visibility},
            page_size=page_size,
            limit=limit,
        )

    def get(self, team_id: str) -> Team:
        return _team(self._core.request("GET", path("/v2/teams/{}", team_id)))

    def resolve(self, ref: str) -> Team:
        """A team named by its exact name (case-insensitive) or by id."""
        return by_name_or_id(
            "team",
            ref,
            named=lambda name: self.list(name=name),
            name_of=lambda team: team.name,
            get=self.get,
            names=lambda: (team.name for team in self.list()),
        )

    def create(
        self,
        *,
        name: str,
        description: str | None = None,
        members: Sequence[str] = (),
        create_team_folder: bool | None = None,
        visibility: str | None = None,
    ) -> Team:
        body: dict[str, Any] = {"name": name}
        optional = {
            "description": description,
            "createTeamFolder": create_team_folder,
            "visibility": visibility,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        if members:
            body["members"] = list(members)
        return _team(self._core.request("POST", "/v2/teams", json=body))

    def update(
        self,
        team_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        visibility: str | None = None,
    ) -> Team:
        """Change the fields given; the others stay as they are."""
        fields = {"name": name, "description": description, "visibility": visibility}
        body = {k: v for k, v in fields.items() if v is not None}
        return _team(self._core.request("PATCH", path("/v2/teams/{}", team_id), json=body))

    def delete(self, team_id: str) -> None:
        self._core.request("DELETE", path("/v2/teams/{}", team_id))

    def members(
        self, team_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[TeamMember]:
        """The team's members (``userId``, ``isTeamAdmin``, ``addedBy``)."""
        return Paginator(
            self._core,
            path("/v2/teams/{}/members", team_id),
            _team_member,
            page_size=page_size,
            limit=limit,
        )

    def update_members(
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
        self._core.request("PATCH", path("/v2/teams/{}/members", team_id), json=body)

    def of_member(
        self, member_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Team]:
        """The teams a member belongs to."""
        return Paginator(
            self._core,
            path("/v2/members/{}/teams", member_id),
            _team,
            page_size=page_size,
            limit=limit,
        )
