"""The access review against the emulator: its rows compared with the organization's
grants (seeded, and added through the API), the diff between two runs, the findings, and
the requests it sends."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.support.helpers import all_entries, clear_stats, route_counts

from sigmakit import InputError, NewGrant, Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.types.files import File
from sigmakit.workflows.access import AccessOptions, AccessRow, changes, review
from sigmakit.workflows.access.model import rank


@dataclass
class Scene:
    member: str
    lite: str
    team: str
    workspace: File
    folder: File
    in_folder: File
    direct_doc: File
    team_doc: File
    other_workspace: File
    path_url_id: str
    path: str


def _files(sigma: Sigma) -> list[File]:
    admin = sigma.whoami(member=False).user_id
    return sigma.files.of_member(admin).to_list()


def make_scene(sigma: Sigma) -> Scene:
    files = _files(sigma)
    by_id = {f.id: f for f in files}
    # a workbook in a folder of a workspace, and two workbooks elsewhere
    in_folder = next(
        f
        for f in files
        if f.type == "workbook"
        and f.parent_id in by_id
        and by_id[f.parent_id].type == "folder"
        and by_id[by_id[f.parent_id].parent_id or ""].type == "workspace"
    )
    folder = by_id[in_folder.parent_id or ""]
    workspace = by_id[folder.parent_id or ""]
    elsewhere = [
        f
        for f in files
        if f.type == "workbook" and not (f.path or "").startswith(workspace.name + "/")
    ]
    direct_doc, team_doc = elsewhere[0], elsewhere[1]
    other_workspace = next(
        f
        for f in files
        if f.type == "workspace"
        and f.id != workspace.id
        and not any((d.path or "").startswith(f.name + "/") for d in (direct_doc, team_doc))
    )
    member = sigma.members.create(
        email="auditee@access.example", first_name="Audi", last_name="Tee", member_type="Pro"
    ).member_id
    lite = sigma.members.create(
        email="lite@access.example", first_name="Li", last_name="Te", member_type="Lite"
    ).member_id
    team = sigma.teams.create(name="Auditors", members=[member]).team_id
    sigma.workbooks.create_grants(direct_doc.id, [NewGrant.member(member, "explore")])
    sigma.workbooks.create_grants(team_doc.id, [NewGrant.team(team, "view")])
    sigma.workbooks.create_grants(direct_doc.id, [NewGrant.member(lite, "edit")])
    sigma.request(
        "POST",
        "/v2/grants",
        json={"inodeId": folder.id, "grantee": {"memberId": member}, "permission": "organize"},
    )
    sigma.workspaces.create_grants(other_workspace.id, [NewGrant.member(member, "view")])
    table = sigma.connections.paths().first()
    assert table is not None
    sigma.request(
        "POST",
        "/v2/connections/paths/{connectionPathId}/grants",
        path_params={"connectionPathId": table.url_id},
        json={"grants": [{"grantee": {"teamId": team}, "permission": "usage"}]},
    )
    connection = sigma.connections.get(table.connection_id).name
    return Scene(
        member,
        lite,
        team,
        workspace,
        folder,
        in_folder,
        direct_doc,
        team_doc,
        other_workspace,
        table.url_id,
        "/".join((connection, *table.path)),
    )


def rows_of(rows: list[AccessRow], member_id: str) -> dict[str, AccessRow]:
    return {r.thing_id: r for r in rows if r.member_id == member_id}


def test_each_kind_of_why_matches_the_grants_made(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    mine = rows_of(review(sigma, AccessOptions()).rows, scene.member)

    direct = mine[scene.direct_doc.id]
    assert (direct.permission, direct.why) == ("explore", "direct grant")
    team = mine[scene.team_doc.id]
    assert (team.permission, team.why) == ("view", "team grant (Auditors)")
    folder = mine[scene.in_folder.id]
    assert folder.permission == "organize"
    assert folder.why == f"inherited from folder {scene.folder.name} (direct grant)"
    assert folder.path == scene.in_folder.path
    assert mine[scene.folder.id].why == "direct grant"
    space = mine[scene.other_workspace.id]
    assert (space.kind, space.permission, space.why) == ("workspace", "view", "direct grant")
    inside = [r for r in mine.values() if scene.other_workspace.id in r.within]
    assert inside, "what is in the workspace is reachable too"
    assert all(
        r.why == f"inherited from workspace {scene.other_workspace.name} (direct grant)"
        for r in inside
    )
    path = mine[scene.path_url_id]
    assert (path.kind, path.path, path.permission) == ("connection path", scene.path, "usage")
    assert path.why == "connection path grant (team Auditors)"
    # nothing else: the member was given exactly these grants
    reached = {scene.direct_doc.id, scene.team_doc.id, scene.folder.id, scene.path_url_id}
    reached |= {scene.other_workspace.id} | {r.thing_id for r in inside}
    reached |= {r.thing_id for r in mine.values() if scene.folder.id in r.within}
    assert set(mine) == reached


def test_the_account_type_caps_what_a_grant_gives(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    row = rows_of(review(sigma, AccessOptions()).rows, scene.lite)[scene.direct_doc.id]
    assert (row.granted, row.permission, row.ceiling) == ("edit", "view", "view")
    assert row.why == "direct grant"
    pro = rows_of(review(sigma, AccessOptions()).rows, scene.member)[scene.direct_doc.id]
    assert pro.ceiling is None


def test_every_row_agrees_with_what_the_api_says_each_member_reaches(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    make_scene(sigma)
    rows = review(sigma, AccessOptions()).rows
    members = {r.member_id for r in rows if r.kind not in ("connection", "connection path")}
    assert len(members) > 20
    for member_id in sorted(members):
        listed = all_entries(emulator, f"/v2/members/{member_id}/files")
        served = {f["id"]: f["permission"] for f in listed if f["name"] != "My Documents"}
        mine = {
            r.thing_id: r.granted
            for r in rows
            if r.member_id == member_id and r.kind not in ("connection", "connection path")
        }
        assert mine == served, member_id
    # and every direct grant to a member is a row that names it, or gives more
    for member_id in sorted(members)[:15]:
        for grant in all_entries(emulator, "/v2/grants", userId=member_id):
            row = next(
                r for r in rows if r.member_id == member_id and r.thing_id == grant["inodeId"]
            )
            if grant["permission"] == row.granted:
                assert "direct grant" in row.why.split("; ")
            else:
                assert rank("", row.granted) > rank("", grant["permission"])


def test_scoped_to_a_member_and_a_workspace(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    got = review(
        sigma,
        AccessOptions(members=["AUDITEE@access.example"], workspaces=[scene.other_workspace.name]),
    ).rows
    assert got
    assert {r.member_id for r in got} == {scene.member}
    assert all(
        r.thing_id == scene.other_workspace.id or scene.other_workspace.id in r.within for r in got
    )
    team = review(sigma, AccessOptions(teams=["auditors"], connections=[scene.path.split("/")[0]]))
    assert [(r.member_id, r.thing_id) for r in team.rows] == [(scene.member, scene.path_url_id)]


def test_an_unknown_scope_is_refused(sigma: Sigma) -> None:
    with pytest.raises(InputError, match="no workspace 'Nowhere'"):
        review(sigma, AccessOptions(workspaces=["Nowhere"]))
    with pytest.raises(InputError, match=r"no member 'nobody@x\.example'"):
        review(sigma, AccessOptions(members=["nobody@x.example"]))


def test_a_grant_added_and_one_revoked_show_as_changes(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    before = review(sigma, AccessOptions(members=[scene.member])).rows
    assert changes(before, review(sigma, AccessOptions(members=[scene.member])).rows) == []
    grant = next(
        g for g in sigma.workspaces.grants(scene.other_workspace.id) if g.member_id == scene.member
    )
    sigma.workspaces.delete_grant(scene.other_workspace.id, grant.grant_id)
    sigma.workbooks.create_grants(scene.team_doc.id, [NewGrant.member(scene.member, "edit")])
    after = review(sigma, AccessOptions(members=[scene.member])).rows
    found = {(c.change, c.row.thing_id): (c.before, c.after) for c in changes(before, after)}
    assert found[("raised", scene.team_doc.id)] == ("view", "edit")
    assert found[("revoked", scene.other_workspace.id)] == ("view", None)
    assert {kind for kind, _ in found} == {"raised", "revoked"}


def test_findings(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    # a deactivated member who still holds a grant
    gone = sigma.members.create(
        email="gone@access.example", first_name="Go", last_name="Ne", member_type="Essential"
    ).member_id
    sigma.workbooks.create_grants(scene.team_doc.id, [NewGrant.member(gone, "view")])
    sigma.members.update(gone, is_archived=True)
    # shared with everyone
    everyone = sigma.teams.create(name="All Members").team_id
    sigma.workspaces.create_grants(scene.workspace.id, [NewGrant.team(everyone, "view")])
    # a workspace nobody administers
    empty = sigma.workspaces.create(name="Orphaned Space")
    # a connection reached through two grants
    sigma.connections.create_grants(
        sigma.connections.paths().first().connection_id,  # type: ignore[union-attr]
        [NewGrant.member(scene.member, "usage")],
    )
    found = {(f.finding, f.subject): f.detail for f in review(sigma, AccessOptions()).findings}
    assert "1 direct grant" in found[("deactivated-member", "gone@access.example")]
    assert found[("shared-with-everyone", scene.workspace.name)].startswith(
        "team All Members holds view"
    )
    assert ("workspace-without-admin", empty.name) in found
    # the Pro member's grants need organize (the folder): no true-up; Lite is the lowest
    assert ("license-true-up", "auditee@access.example") not in found
    assert ("license-true-up", "lite@access.example") not in found
    connection = sigma.connections.paths().first()
    assert connection is not None
    name = sigma.connections.get(connection.connection_id).name
    assert "1 member(s) reach it through more than 1" in found[("connection-paths", name)]


def test_license_true_up_names_a_member_typed_above_their_grants(sigma: Sigma) -> None:
    member = sigma.members.create(
        email="overpaid@access.example", first_name="O", last_name="P", member_type="Pro"
    ).member_id
    workspace = sigma.workspaces.create(name="Read Only Space")
    sigma.workspaces.create_grants(workspace.workspace_id, [NewGrant.member(member, "view")])
    found = {(f.finding, f.subject): f.detail for f in review(sigma, AccessOptions()).findings}
    assert found[("license-true-up", "overpaid@access.example")] == (
        "account type Pro, but their grants need at most view"
    )


def test_each_list_is_read_once(sigma: Sigma, emulator: EmulatorServer) -> None:
    members = len(sigma.members.list(include_archived=True, include_inactive=True).to_list())
    teams = len(sigma.teams.list().to_list())
    connections = len(sigma.connections.list().to_list())
    tables = len(sigma.connections.paths().to_list())
    types = len(sigma.account_types.list().to_list())
    clear_stats(emulator)
    done = review(sigma, AccessOptions())
    routes = {k: v for k, v in route_counts(emulator).items() if "/auth/" not in k}
    assert routes == {
        "GET /v2/members": 1,
        "GET /v2/teams": 1,
        "GET /v2/accountTypes": 1,
        "GET /v2/workspaces": 1,
        "GET /v2/connections": 1,
        "GET /v2/connections/paths": 1,
        "GET /v2/teams/{teamId}/members": teams,
        "GET /v2/grants": teams + members,
        "GET /v2/accountTypes/{accountTypeId}/permissions": types,
        "GET /v2/connections/{connectionId}/grants": connections,
        "GET /v2/connections/paths/{connectionPathId}/grants": tables,
        "GET /v2/members/{memberId}/files": members,
    }
    assert done.requests == sum(routes.values())


def test_scoped_to_a_document_and_a_folder(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    by_name = review(sigma, AccessOptions(documents=[scene.direct_doc.name])).rows
    assert {r.thing_id for r in by_name} == {scene.direct_doc.id}
    assert {scene.member, scene.lite} <= {r.member_id for r in by_name}
    by_url = review(sigma, AccessOptions(documents=[scene.direct_doc.url_id])).rows
    assert by_url == by_name
    folder = review(sigma, AccessOptions(members=[scene.member], folders=[scene.folder.path or ""]))
    assert {r.thing_id for r in folder.rows} >= {scene.folder.id, scene.in_folder.id}
    assert all(r.thing_id == scene.folder.id or scene.folder.id in r.within for r in folder.rows)


def test_a_lower_account_type_shows_as_lowered(sigma: Sigma) -> None:
    scene = make_scene(sigma)
    before = review(sigma, AccessOptions(members=[scene.member])).rows
    sigma.members.update(scene.member, member_type="Lite")
    after = review(sigma, AccessOptions(members=[scene.member])).rows
    found = {c.row.thing_id: c for c in changes(before, after)}
    lowered = found[scene.in_folder.id]
    assert (lowered.change, lowered.before, lowered.after) == ("lowered", "organize", "view")
    assert lowered.row.ceiling == "view" and lowered.row.granted == "organize"
    assert {c.change for c in found.values()} == {"lowered"}
