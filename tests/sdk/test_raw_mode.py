"""The raw mode (``sigma.raw``, ``sigma.teams.raw``): the same endpoints as the typed
resources, answering the API's entries as dicts, with no model built."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from tests.support.helpers import client_settings

from sigmakit import AsyncSigma, InputError, Sigma, Team, TeamMember
from sigmakit.emulator import EmulatorServer


def _a_team_with_members(sigma: Sigma) -> Team:
    members = [m.member_id for m in sigma.members.list(limit=3)]
    return sigma.teams.create(name="raw mode: team", members=members)


def test_raw_entries_are_what_the_typed_methods_build_on(sigma: Sigma) -> None:
    team = _a_team_with_members(sigma)
    raw = sigma.raw.teams.get(team.team_id)
    assert isinstance(raw, dict) and raw["teamId"] == team.team_id  # as the API spells it
    assert Team.model_validate(raw) == sigma.teams.get(team.team_id)

    entries = list(sigma.raw.teams.members(team.team_id))
    assert entries and all(isinstance(e, dict) and "userId" in e for e in entries)
    typed = list(sigma.teams.members(team.team_id))
    assert all(isinstance(m, TeamMember) for m in typed)
    assert [e["userId"] for e in entries] == [m.user_id for m in typed]
    # the resource's own raw view is the same kind of object as the client's
    assert type(sigma.teams.raw) is type(sigma.raw.teams)
    assert [t["teamId"] for t in sigma.teams.raw.list(name="raw mode: team")] == [team.team_id]


def test_raw_writes_change_the_team_and_check_their_input(sigma: Sigma) -> None:
    team = _a_team_with_members(sigma)
    someone = next(
        m["memberId"]
        for m in sigma.raw.members.list()
        if m["memberId"] not in {e["userId"] for e in sigma.raw.teams.members(team.team_id)}
    )
    sigma.raw.teams.update_members(team.team_id, add=[someone])
    assert someone in {m.user_id for m in sigma.teams.members(team.team_id)}
    with pytest.raises(InputError, match="nothing to change"):
        sigma.raw.teams.update_members(team.team_id)
    with pytest.raises(InputError, match="not a single string"):
        sigma.teams.update_members(team.team_id, add=someone)


def test_raw_members_and_whoami_as_the_api_spells_them(sigma: Sigma) -> None:
    me = sigma.raw.whoami()
    assert {"userId", "organizationId", "email", "firstName"} <= set(me)
    assert me["userId"] == sigma.whoami().user_id
    member = sigma.raw.members.get(me["userId"])
    assert member["email"] == me["email"]
    archived = list(sigma.raw.members.list(include_archived=True, include_inactive=True))
    assert len(archived) >= len(list(sigma.raw.members.list()))


def test_the_held_token_is_none_until_one_is_fetched(emulator: EmulatorServer) -> None:
    with Sigma(settings=client_settings(emulator)) as sigma:
        assert sigma.held_token is None
        sigma.raw.whoami(member=False)
        held = sigma.held_token
        assert held is not None and held.access_token == sigma.token().access_token


def test_the_raw_mode_builds_no_model() -> None:
    """Its point: bulk work over thousands of entries without pydantic."""
    code = (
        "import json, sys\n"
        "from sigmakit import Sigma\n"
        "sigma = Sigma(base_url='http://127.0.0.1:9', client_id='i', client_secret='s')\n"
        "sigma.raw.teams.members('t'); sigma.raw.members.list(include_archived=True)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout)
    assert "sigmakit._sync.resources.raw.teams" in loaded
    assert not [m for m in loaded if m.startswith("pydantic")]
    assert "sigmakit._sync.resources.teams" not in loaded


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_the_async_client_has_the_same_raw_mode(
    emulator: EmulatorServer, sigma: Sigma, anyio_backend: Any
) -> None:
    team = _a_team_with_members(sigma)
    async with AsyncSigma(settings=client_settings(emulator)) as asigma:
        entries = [e async for e in asigma.raw.teams.members(team.team_id)]
        assert [e["userId"] for e in entries] == [
            e["userId"] for e in sigma.raw.teams.members(team.team_id)
        ]
        assert (await asigma.raw.whoami(member=False))["userId"] == sigma.whoami().user_id
