"""The models and pure helpers of ``sigmakit.resources.teams`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Team", "TeamMember"]


class Team(SigmaModel):
    team_id: str
    name: str
    description: str | None = None
    visibility: str | None = None
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp
    is_archived: bool = False
    #: member ids; only in the answers of get and create
    members: list[str] | None = None
    #: the team folder's workspace; only in the answer of create
    workspace_id: str | None = None


class TeamMember(SigmaModel):
    user_id: str
    is_team_admin: bool = False
    added_by: str | None = None


def _team(raw: Mapping[str, Any]) -> Team:
    return Team.model_validate(raw)


def _team_member(raw: Mapping[str, Any]) -> TeamMember:
    return TeamMember.model_validate(raw)
