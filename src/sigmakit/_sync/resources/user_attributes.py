# generated from src/sigmakit/_async/resources/user_attributes.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/user-attributes``: the attributes, and their values for members and teams.

A user attribute is a named text value (a region, a cost center) that workbooks read for the
person viewing them. An admin sets it per member, per team, or leaves the attribute's
default. What a member ends up with is read by :meth:`UserAttributes.member_values`: their
own value first, else the value of their team with the highest priority (priority 1 first),
else the default.

Sigma takes at most 100 assignments per request; ``set_*`` and ``clear_*`` send as many
requests as that takes (each all or nothing on the server's side).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import Any

from sigmakit._errors import InputError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit._sync.resources._lookup import by_name_or_id
from sigmakit.types.user_attributes import (
    MAX_ASSIGNMENTS,
    AttributeValue,
    MemberAttributeValue,
    Source,
    TeamAttributeValue,
    UserAttribute,
    UserAttributeMember,
    UserAttributeTeam,
    _attribute,
    _chunks,
    _ids,
    _member_value,
    _team_attribute,
    _team_value,
    _values,
    _wire,
    check_value,
)

__all__ = [
    "MAX_ASSIGNMENTS",
    "AttributeValue",
    "MemberAttributeValue",
    "Source",
    "TeamAttributeValue",
    "UserAttribute",
    "UserAttributeMember",
    "UserAttributeTeam",
    "UserAttributes",
    "check_value",
]


class UserAttributes(Resource):
    def list(
        self, *, name: str | None = None, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[UserAttribute]:
        """Every user attribute, fetched lazily. ``name`` filters on the exact name."""
        return Paginator(
            self._core,
            "/v2/user-attributes",
            _attribute,
            params={"name": name},
            page_size=page_size,
            limit=limit,
        )

    def get(self, attribute_id: str) -> UserAttribute:
        return _attribute(self._core.request("GET", path("/v2/user-attributes/{}", attribute_id)))

    def resolve(self, ref: str) -> UserAttribute:
        """An attribute named by its exact name (case-insensitive) or by id; a miss names
        the closest names."""
        return by_name_or_id(
            "user attribute",
            ref,
            named=lambda name: self.list(name=name),
            name_of=lambda attribute: attribute.name,
            get=self.get,
            names=lambda: (attribute.name for attribute in self.list()),
        )

    def create(
        self, name: str, *, description: str | None = None, default_value: str | None = None
    ) -> UserAttribute:
        """A new attribute; ``default_value`` is what members without a value get."""
        if not isinstance(name, str) or not name.strip():
            raise InputError("a user attribute needs a name")
        body: dict[str, Any] = {"name": name.strip()}
        if description is not None:
            body["description"] = description
        if default_value is not None:
            body["defaultValue"] = _wire(check_value(default_value))
        return _attribute(self._core.request("POST", "/v2/user-attributes", json=body))

    def delete(self, attribute_id: str) -> None:
        """The attribute and every value set with it (needs an Admin's credentials)."""
        self._core.request("DELETE", path("/v2/user-attributes/{}", attribute_id))

    # -- values --------------------------------------------------------------------------

    def members(
        self, attribute_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[UserAttributeMember]:
        """The members with a value of their own for the attribute."""
        return Paginator(
            self._core,
            path("/v2/user-attributes/{}/users", attribute_id),
            _member_value,
            page_size=page_size,
            limit=limit,
        )

    def teams(
        self, attribute_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[UserAttributeTeam]:
        """The teams with a value for the attribute, by priority."""
        return Paginator(
            self._core,
            path("/v2/user-attributes/{}/teams", attribute_id),
            _team_value,
            page_size=page_size,
            limit=limit,
        )

    def set_members(self, attribute_id: str, values: Mapping[str, str]) -> None:
        """Give members (by id) a value each: ``{member_id: value}``. Values are checked
        (text, not blank, one line) before anything is sent."""
        checked = _values(values, "member")
        url = path("/v2/user-attributes/{}/users", attribute_id)
        for chunk in _chunks(list(checked.items())):
            body = {"assignments": [{"userId": m, "value": _wire(v)} for m, v in chunk]}
            self._core.request("POST", url, json=body, idempotent=True)

    def clear_members(self, attribute_id: str, member_ids: Sequence[str]) -> None:
        """Remove the members' own values (a member without one is left as is); they fall
        back to their teams' value or the default."""
        ids = _ids(member_ids, "member")
        url = path("/v2/user-attributes/{}/users", attribute_id)
        for chunk in _chunks(ids):
            self._core.request("PATCH", url, json={"delete": [{"userId": m} for m in chunk]})

    def set_teams(self, attribute_id: str, values: Mapping[str, str]) -> None:
        """Give teams (by id) a value each: ``{team_id: value}``. A team new to the
        attribute comes last in priority."""
        checked = _values(values, "team")
        url = path("/v2/user-attributes/{}/teams", attribute_id)
        for chunk in _chunks(list(checked.items())):
            body = {"assignments": [{"teamId": t, "value": _wire(v)} for t, v in chunk]}
            self._core.request("POST", url, json=body, idempotent=True)

    def clear_teams(self, attribute_id: str, team_ids: Sequence[str]) -> None:
        """Remove the teams' values (a team without one is left as is)."""
        ids = _ids(team_ids, "team")
        url = path("/v2/user-attributes/{}/teams", attribute_id)
        for chunk in _chunks(ids):
            self._core.request("PATCH", url, json={"delete": [{"teamId": t} for t in chunk]})

    def team_values(
        self, team_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[TeamAttributeValue]:
        """Every value a team has, one per attribute."""
        return Paginator(
            self._core,
            path("/v2/teams/{}/user-attributes", team_id),
            _team_attribute,
            page_size=page_size,
            limit=limit,
        )

    def member_values(self, member_id: str) -> builtins.list[MemberAttributeValue]:
        """The value a member has for each attribute that gives them one, with where it
        comes from: their own (``member``), their team's with the highest priority
        (``team``), or the attribute's ``default``. Attributes that give them nothing are
        left out. Reads every attribute, its member and team values, and the member's
        teams (an unknown member is a ``NotFoundError``)."""
        from sigmakit._sync.resources.teams import Teams

        member_id = member_id.strip()
        if not member_id:
            raise InputError("name a member by id")
        my_teams = {t.team_id for t in Teams(self._core).of_member(member_id)}
        found: builtins.list[MemberAttributeValue] = []
        for attribute in self.list():
            aid = attribute.user_attribute_id
            own = None
            for value in self.members(aid):
                if value.user_id == member_id:
                    own = value
                    break
            if own is not None:
                found.append(
                    MemberAttributeValue(
                        user_attribute_id=aid,
                        name=attribute.name,
                        value=own.value.val,
                        source="member",
                    )
                )
                continue
            team = None
            if my_teams:
                ranked = [t for t in self.teams(aid) if t.team_id in my_teams]
                ranked.sort(key=lambda t: float("inf") if t.priority is None else t.priority)
                team = ranked[0] if ranked else None
            if team is not None:
                found.append(
                    MemberAttributeValue(
                        user_attribute_id=aid,
                        name=attribute.name,
                        value=team.value.val,
                        source="team",
                        team_id=team.team_id,
                    )
                )
            elif attribute.default is not None:
                found.append(
                    MemberAttributeValue(
                        user_attribute_id=aid,
                        name=attribute.name,
                        value=attribute.default,
                        source="default",
                    )
                )
        return found
