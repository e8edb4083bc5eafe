"""Naming a workbook by id, urlId or exact name."""

from __future__ import annotations

import pytest

from sigmakit import InputError, NotFoundError, Sigma


def test_a_workbook_resolves_by_id_url_id_or_name(sigma: Sigma) -> None:
    workbook = next(iter(sigma.workbooks.list()))
    for ref in (workbook.workbook_id, workbook.workbook_url_id, workbook.name):
        assert sigma.workbooks.resolve(ref).workbook_id == workbook.workbook_id
    with pytest.raises(NotFoundError, match="no workbook"):
        sigma.workbooks.resolve("No Such Workbook")


def test_a_shared_name_is_ambiguous(sigma: Sigma) -> None:
    workbook = next(iter(sigma.workbooks.list()))
    me = sigma.whoami()
    home = sigma.members.get(me.user_id).home_folder_id
    assert home
    twin = sigma.workbooks.copy(
        workbook.workbook_id, destination_folder_id=home, name=workbook.name
    )
    with pytest.raises(InputError, match=twin.workbook_id):
        sigma.workbooks.resolve(workbook.name)
