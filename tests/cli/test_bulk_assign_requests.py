"""``sigmakit teams bulk-assign`` sends the fewest requests the API allows: one team
lookup by name, one page per 1,000 members of the organization and of the team (no empty
page past the end), one PATCH per 1,000 changes, and nothing else."""

from __future__ import annotations

import json
import math
from pathlib import Path

from click.testing import CliRunner
from tests.support.helpers import reseed

from sigmakit import Sigma
from sigmakit.cli.main import cli
from sigmakit.emulator import EmulatorServer


def routes(emulator: EmulatorServer) -> dict[str, int]:
    with emulator.control() as control:
        stats = control.get("/stats").json()
    return {route: n for route, n in stats["routes"].items() if n}


def test_bulk_assign_sends_exactly_the_request_floor(
    sigma: Sigma, emulator: EmulatorServer, cli_env: dict[str, str], tmp_path: Path
) -> None:
    reseed(emulator, members=2999, teams=1)  # the seed adds the admin: 3,000 in all
    everyone = list(sigma.members.list(include_archived=True, include_inactive=True))
    assert len(everyone) == 3000  # a whole number of 1,000-member pages: no short last page
    active = [m for m in everyone if not m.is_archived and not m.is_inactive]
    team = sigma.teams.create(name="Field sales")
    sigma.teams.update_members(team.team_id, add=[m.member_id for m in active[:1000]])
    newcomers = active[1000:2001]  # 1,001 changes: two PATCHes
    emails = [m.email for m in newcomers] + [m.email for m in active[:10]]  # 10 already in
    people = tmp_path / "emails.txt"
    people.write_text("\n".join(emails) + "\n")
    with emulator.control() as control:
        control.delete("/stats").raise_for_status()

    result = CliRunner().invoke(
        cli, ["teams", "bulk-assign", "Field sales", "--emails", str(people), "-o", "json"]
    )

    assert result.exit_code == 0, result.stderr
    statuses = [row["status"] for row in json.loads(result.stdout)]
    assert statuses.count("changed") == 1001 and statuses.count("skipped") == 10
    assert routes(emulator) == {
        "POST /v2/auth/token": 1,
        "GET /v2/teams": 1,  # the team, found by its name
        "GET /v2/members": math.ceil(3000 / 1000),
        "GET /v2/teams/{teamId}/members": math.ceil(1000 / 1000),
        "PATCH /v2/teams/{teamId}/members": math.ceil(1001 / 1000),
    }
    in_team = {m.user_id for m in sigma.teams.members(team.team_id)}
    assert {m.member_id for m in newcomers} <= in_team and len(in_team) == 2001


def test_a_team_given_by_id_is_read_once_and_the_team_list_not_at_all(
    sigma: Sigma, emulator: EmulatorServer, cli_env: dict[str, str], tmp_path: Path
) -> None:
    reseed(emulator, members=1500, teams=3)
    team = sigma.teams.create(name="Field sales")
    active = [m for m in sigma.members.list() if not m.is_inactive][:1000]
    people = tmp_path / "emails.txt"
    people.write_text("\n".join(m.email for m in active) + "\n")
    sent: dict[str, dict[str, int]] = {}
    for how, ref in (("name", "Field sales"), ("id", team.team_id)):
        with emulator.control() as control:
            control.delete("/stats").raise_for_status()
        args = ["teams", "bulk-assign", ref, "--emails", str(people), "--dry-run", "-o", "json"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.stderr
        assert [row["status"] for row in json.loads(result.stdout)] == ["planned"] * 1000
        sent[how] = {r: n for r, n in routes(emulator).items() if r != "POST /v2/auth/token"}

    assert sent["name"]["GET /v2/teams"] == 1 and "GET /v2/teams/{teamId}" not in sent["name"]
    assert sent["id"]["GET /v2/teams/{teamId}"] == 1 and "GET /v2/teams" not in sent["id"]
    # one request for the team either way (it was two by id: the name list, then the id)
    assert sum(sent["id"].values()) == sum(sent["name"].values())
