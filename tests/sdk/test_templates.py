"""``sigma.templates``: the list (internal and external), one template by id or name, and a
workbook saved from one, against the emulator."""

from __future__ import annotations

import pytest

from sigmakit import InputError, NotFoundError, Sigma


def test_list_get_and_resolve(sigma: Sigma) -> None:
    every = list(sigma.templates.list(page_size=4))
    assert len(every) >= 3 and len({t.template_id for t in every}) == len(every)
    external = list(sigma.templates.list(source="external"))
    assert [t.name for t in external] == ["Retail KPI Starter"]
    assert sigma.templates.get(external[0].template_id) == external[0]
    assert sigma.templates.resolve("Retail KPI Starter") == external[0]
    assert sigma.templates.resolve(external[0].template_url_id) == external[0]
    with pytest.raises(NotFoundError, match="did you mean 'Retail KPI Starter'"):
        sigma.templates.resolve("Retail KPI Stater")
    with pytest.raises(InputError, match="internal or external"):
        sigma.templates.list(source="partner")  # type: ignore[arg-type]


def test_save_a_workbook_from_a_template(sigma: Sigma) -> None:
    template = sigma.templates.resolve("Retail KPI Starter")
    me = sigma.members.get(sigma.whoami(member=False).user_id)
    workbook_id = sigma.templates.save_workbook(
        template.template_id, me.home_folder_id or "", name="KPIs for Q3"
    )
    workbook = sigma.workbooks.get(workbook_id)
    assert workbook.name == "KPIs for Q3" and workbook.owner_id == me.member_id
    assert [p.name for p in sigma.workbooks.pages(workbook_id)] == ["KPIs", "Stores"]
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="cannot be empty"):
        sigma.templates.save_workbook(template.template_id, me.home_folder_id or "", name=" ")
    assert sigma.requests_sent == sent
