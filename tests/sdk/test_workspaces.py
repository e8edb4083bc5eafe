"""sigma.workspaces against the emulator, grants included."""

from __future__ import annotations

import pytest

from sigmakit import APIStatusError, InputError, NewGrant, Sigma


@pytest.mark.live
def test_list_walks_every_page_once(sigma: Sigma) -> None:
    everything = {w.workspace_id for w in sigma.workspaces.list()}
    paged = sigma.workspaces.list(page_size=2)
    ids = [w.workspace_id for w in paged]
    assert len(ids) == len(set(ids)) == len(everything) > 2
    assert set(ids) == everything
    assert paged.pages_fetched >= 2


@pytest.mark.live(writes=True)
def test_create_get_rename_delete(sigma: Sigma) -> None:
    ws = sigma.workspaces.create(name="SDK test: marketing")
    assert sigma.workspaces.get(ws.workspace_id).name == "SDK test: marketing"
    assert [w.workspace_id for w in sigma.workspaces.list(name="SDK test: marketing")] == [
        ws.workspace_id
    ]

    renamed = sigma.workspaces.update(ws.workspace_id, name="SDK test: growth")
    assert renamed.name == "SDK test: growth"
    assert sigma.workspaces.get(ws.workspace_id).name == "SDK test: growth"

    sigma.workspaces.delete(ws.workspace_id)
    assert ws.workspace_id not in {w.workspace_id for w in sigma.workspaces.list()}


def test_no_duplicates_refuses_a_name_in_use(sigma: Sigma) -> None:
    first = sigma.workspaces.create(name="SDK test: dup")
    with pytest.raises(APIStatusError) as caught:
        sigma.workspaces.create(name="SDK test: dup", no_duplicates=True)
    assert 400 <= caught.value.status_code < 500
    named = [w.workspace_id for w in sigma.workspaces.list(name="SDK test: dup")]
    assert named == [first.workspace_id]


def test_grants_create_list_delete(sigma: Sigma) -> None:
    ws = sigma.workspaces.create(name="SDK test: grants")
    member = sigma.members.list().first()
    team = sigma.teams.list().first()
    assert member is not None and team is not None

    sigma.workspaces.create_grants(
        ws.workspace_id,
        [NewGrant.member(member.member_id, "edit"), NewGrant.team(team.team_id, "view")],
    )
    grants = sigma.workspaces.grants(ws.workspace_id, page_size=1).to_list()
    held = {(g.member_id, g.team_id, g.permission) for g in grants}
    assert (member.member_id, None, "edit") in held
    assert (None, team.team_id, "view") in held
    assert all(g.inode_id == ws.workspace_id for g in grants)
    assert len({g.grant_id for g in grants}) == len(grants)

    to_drop = next(g for g in grants if g.member_id == member.member_id)
    sigma.workspaces.delete_grant(ws.workspace_id, to_drop.grant_id)
    left = {g.grant_id for g in sigma.workspaces.grants(ws.workspace_id)}
    assert to_drop.grant_id not in left
    assert len(left) == len(grants) - 1


def test_a_grant_names_exactly_one_grantee_before_any_request(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.workspaces.create_grants("ws", [NewGrant("view", member_id="m", team_id="t")])
    with pytest.raises(InputError):
        sigma.workspaces.create_grants("ws", [NewGrant("view")])
    with pytest.raises(InputError):
        sigma.workspaces.create_grants("ws", [])
    assert sigma.requests_sent == sent
