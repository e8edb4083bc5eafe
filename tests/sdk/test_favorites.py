"""``sigma.favorites``: your favorites and a member's, added and removed, against the
emulator."""

from __future__ import annotations

import pytest

from sigmakit import NotFoundError, Sigma


def test_add_list_and_remove_your_favorites(sigma: Sigma) -> None:
    assert list(sigma.favorites.list()) == []
    workbooks = [w for w in sigma.workbooks.list()][:3]
    for workbook in (workbooks[2], workbooks[0], workbooks[1], workbooks[0]):
        sigma.favorites.add(workbook.workbook_id)
    listed = list(sigma.favorites.list(page_size=2))
    assert [f.id for f in listed] == [
        workbooks[2].workbook_id,
        workbooks[0].workbook_id,
        workbooks[1].workbook_id,
    ]
    assert listed[0].name == workbooks[2].name and listed[0].type == "workbook"
    sigma.favorites.remove(workbooks[0].workbook_id)
    assert [f.id for f in sigma.favorites.list()] == [
        workbooks[2].workbook_id,
        workbooks[1].workbook_id,
    ]
    with pytest.raises(NotFoundError):
        sigma.favorites.remove(workbooks[0].workbook_id)


def test_a_members_favorites_are_seeded_and_reachable(sigma: Sigma) -> None:
    starred = {
        m.member_id: list(sigma.favorites.for_member(m.member_id)) for m in sigma.members.list()
    }
    with_some = {k: v for k, v in starred.items() if v}
    assert len(with_some) >= 3
    for member_id, files in with_some.items():
        reachable = [f.id for f in sigma.files.of_member(member_id, type_filters="workbook")]
        assert {f.id for f in files} <= set(reachable)
    member_id, files, extra = next(
        (m, files, r)
        for m, files in with_some.items()
        for r in sigma.files.of_member(m, type_filters="workbook")
        if r.id not in {f.id for f in files}
    )
    sigma.favorites.add(extra.id, member_id=member_id)
    assert [f.id for f in sigma.favorites.for_member(member_id)][-1] == extra.id
    sigma.favorites.remove(extra.id, member_id=member_id)
    assert [f.id for f in sigma.favorites.for_member(member_id)] == [f.id for f in files]
