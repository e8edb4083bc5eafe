"""sigma.teams against the emulator."""

from __future__ import annotations

import pytest

from sigmakit import InputError, NotFoundError, Sigma, Team


def _some_members(sigma: Sigma, n: int) -> list[str]:
    return [m.member_id for m in sigma.members.list(limit=n)]


@pytest.mark.live
def test_list_walks_every_page_once(sigma: Sigma) -> None:
    everything = sigma.teams.list()
    paged = sigma.teams.list(page_size=2)
    ids = [t.team_id for t in paged]
    assert len(ids) == len(set(ids))
    assert set(ids) == {t.team_id for t in everything}
    assert len(ids) > 2
    assert paged.pages_fetched >= 2
    assert all(isinstance(t, Team) for t in everything)


@pytest.mark.live(writes=True)
def test_create_get_update_delete(sigma: Sigma) -> None:
    members = _some_members(sigma, 2)
    created = sigma.teams.create(
        name="SDK test: finance analysts", description="Q4", members=members
    )
    assert created.name == "SDK test: finance analysts"

    fetched = sigma.teams.get(created.team_id)
    assert fetched.name == "SDK test: finance analysts"
    assert set(fetched.members or []) == set(members)
    assert [t.team_id for t in sigma.teams.list(name="SDK test: finance analysts")] == [
        created.team_id
    ]

    updated = sigma.teams.update(created.team_id, name="SDK test: finance", visibility="private")
    assert (updated.name, updated.visibility) == ("SDK test: finance", "private")
    assert sigma.teams.get(created.team_id).name == "SDK test: finance"

    sigma.teams.delete(created.team_id)
    assert created.team_id not in {t.team_id for t in sigma.teams.list()}


@pytest.mark.live
def test_get_unknown_team_is_not_found(sigma: Sigma) -> None:
    with pytest.raises(NotFoundError):
        sigma.teams.get("00000000-0000-0000-0000-000000000000")


def test_update_members_adds_and_removes_in_one_call(sigma: Sigma) -> None:
    a, b, c = _some_members(sigma, 3)
    team = sigma.teams.create(name="SDK test: ops", members=[a, b])

    sigma.teams.update_members(team.team_id, add=[c], remove=[a])

    now = {m.user_id for m in sigma.teams.members(team.team_id, page_size=1)}
    assert now == {b, c}
    assert team.team_id in {t.team_id for t in sigma.teams.of_member(c)}
    assert team.team_id not in {t.team_id for t in sigma.teams.of_member(a)}


@pytest.mark.live
def test_update_members_refuses_empty_or_bare_string_before_sending(sigma: Sigma) -> None:
    team = sigma.teams.list().first()
    assert team is not None
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.teams.update_members(team.team_id)
    with pytest.raises(InputError):
        sigma.teams.update_members(team.team_id, add="someone")  # type: ignore[arg-type]
    assert sigma.requests_sent == sent


def test_a_members_teams_walk_across_pages(sigma: Sigma) -> None:
    a = _some_members(sigma, 1)[0]
    made = {sigma.teams.create(name=f"SDK test team {i}", members=[a]).team_id for i in range(3)}
    seen = [t.team_id for t in sigma.teams.of_member(a, page_size=2)]
    assert len(seen) == len(set(seen))
    assert made <= set(seen)
