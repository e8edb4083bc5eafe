# generated from src/sigmakit/_async/resources/teams.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/teams``: list, get, create, update, delete, and team membership."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit._sync.resources._lookup import by_name_or_id
from sigmakit._sync.resources.raw.teams import RawTeams
from sigmakit.types.teams import Team, TeamMember, _team, _team_member

__all__ = ["Team", "TeamMember", "Teams"]


class Teams(Resource):
    @cached_property
    def raw(self) -> RawTeams:
        """These endpoints answering the API's entries (dicts), no model built."""
        return RawTeams(self._core)

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
        listed = self.raw.list(
            name=name,
            description=description,
            visibility=visibility,
            page_size=page_size,
            limit=limit,
        )
        return listed.parsed_by(_team)

    def get(self, team_id: str) -> Team:
        return _team(self.raw.get(team_id))

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
        made = self.raw.create(
            name=name,
            description=description,
            members=members,
            create_team_folder=create_team_folder,
            visibility=visibility,
        )
        return _team(made)

    def update(
        self,
        team_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        visibility: str | None = None,
    ) -> Team:
        """Change the fields given; the others stay as they are."""
        done = self.raw.update(team_id, name=name, description=description, visibility=visibility)
        return _team(done)

    def delete(self, team_id: str) -> None:
        self.raw.delete(team_id)

    def members(
        self, team_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[TeamMember]:
        """The team's members (``userId``, ``isTeamAdmin``, ``addedBy``)."""
        return self.raw.members(team_id, page_size=page_size, limit=limit).parsed_by(_team_member)

    def update_members(
        self, team_id: str, *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> None:
        """Add and remove members (by member id) in one call."""
        self.raw.update_members(team_id, add=add, remove=remove)

    def of_member(
        self, member_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Team]:
        """The teams a member belongs to."""
        return self.raw.of_member(member_id, page_size=page_size, limit=limit).parsed_by(_team)
