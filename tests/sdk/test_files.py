"""sigma.files against the emulator."""

from __future__ import annotations

import pytest

from sigmakit import File, NotFoundError, RecentFile, Sigma


def _admin(sigma: Sigma) -> str:
    return sigma.whoami().user_id


def _a_workspace_folder(sigma: Sigma) -> File:
    """A folder inside a workspace (not someone's My Documents)."""
    folders = sigma.files.of_member(_admin(sigma), type_filters="folder")
    found = next((f for f in folders if f.path and "/" in f.path), None)
    assert found is not None
    return found


def test_get_a_home_folder(sigma: Sigma) -> None:
    member = sigma.members.get(_admin(sigma))
    assert member.home_folder_id
    home = sigma.files.get(member.home_folder_id)
    assert (home.id, home.type) == (member.home_folder_id, "folder")


def test_get_unknown_file_is_not_found(sigma: Sigma) -> None:
    with pytest.raises(NotFoundError):
        sigma.files.get("00000000-0000-0000-0000-000000000000")


def test_a_members_files_walk_across_pages(sigma: Sigma) -> None:
    admin = _admin(sigma)
    everything = {f.id for f in sigma.files.of_member(admin)}
    paged = sigma.files.of_member(admin, page_size=2)
    ids = [f.id for f in paged]
    assert len(ids) == len(set(ids)) == len(everything) > 2
    assert paged.pages_fetched >= 2


def test_type_filters_take_one_type_or_several(sigma: Sigma) -> None:
    admin = _admin(sigma)
    folders = sigma.files.of_member(admin, type_filters="folder", page_size=2).to_list()
    assert folders and {f.type for f in folders} == {"folder"}
    both = sigma.files.of_member(admin, type_filters=["workspace", "folder"]).to_list()
    assert {f.type for f in both} == {"workspace", "folder"}
    assert {f.id for f in folders} < {f.id for f in both}


def test_name_and_parent_filters(sigma: Sigma) -> None:
    admin = _admin(sigma)
    folder = _a_workspace_folder(sigma)
    by_name = sigma.files.of_member(admin, name=folder.name).to_list()
    assert folder.id in {f.id for f in by_name}
    assert all(folder.name.lower() in f.name.lower() for f in by_name)
    assert folder.parent_id
    in_parent = sigma.files.of_member(admin, parent_id=folder.parent_id).to_list()
    assert folder.id in {f.id for f in in_parent}


def test_rename_move_and_hand_over(sigma: Sigma) -> None:
    admin = _admin(sigma)
    folder = _a_workspace_folder(sigma)
    other = next(m for m in sigma.members.list() if m.member_id != admin and m.home_folder_id)
    assert other.home_folder_id

    renamed = sigma.files.update(folder.id, name="SDK test: renamed")
    assert renamed.name == "SDK test: renamed"

    moved = sigma.files.update(folder.id, parent_id=other.home_folder_id, owner_id=other.member_id)
    assert (moved.parent_id, moved.owner_id) == (other.home_folder_id, other.member_id)
    again = sigma.files.get(folder.id)
    assert (again.name, again.parent_id, again.owner_id) == (
        "SDK test: renamed",
        other.home_folder_id,
        other.member_id,
    )


def test_delete_takes_a_file_out_of_listings(sigma: Sigma) -> None:
    admin = _admin(sigma)
    folder = _a_workspace_folder(sigma)
    sigma.files.delete(folder.id)
    assert folder.id not in {f.id for f in sigma.files.of_member(admin)}


def test_recents_carry_the_last_interaction(sigma: Sigma) -> None:
    owners = {m.member_id for m in sigma.members.list()}
    for member_id in owners:
        recents = sigma.files.recents(member_id, page_size=2).to_list()
        if recents:
            break
    else:
        pytest.fail("the seeded organization has no recent files at all")
    assert all(isinstance(f, RecentFile) and f.last_interaction_at for f in recents)
    assert len({f.id for f in recents}) == len(recents)
