"""The SDK over the operations Sigma published after 2026-08 that users call by name:
shortcuts, one element's materialization schedule in a workbook or a data model, and a
client that acts as another member (``impersonate=``)."""

from __future__ import annotations

import httpx
import pytest
from tests.support.helpers import client_settings

from sigmakit import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    Shortcut,
    Sigma,
)
from sigmakit.emulator import EmulatorServer


def _table(sigma: Sigma) -> tuple[str, str]:
    workbook = next(w for w in sigma.workbooks.list() if w.name == "Sales Overview")
    scheduled = {
        s.element_id for s in sigma.workbooks.materialization_schedules(workbook.workbook_id)
    }
    element = next(
        e
        for e in sigma.workbooks.all_elements(workbook.workbook_id)
        if e.type == "table" and e.element_id not in scheduled
    )
    return workbook.workbook_id, element.element_id


def test_a_workbook_element_schedule_round_trip(sigma: Sigma) -> None:
    workbook, element = _table(sigma)
    made = sigma.materialization_schedules.create(
        workbook, element, "0 6 * * *", timezone="Europe/Paris"
    )
    assert made.element_id == element and made.schedule is not None
    assert (made.schedule.cron_spec, made.schedule.timezone) == ("0 6 * * *", "Europe/Paris")
    with pytest.raises(ConflictError):
        sigma.materialization_schedules.create(workbook, element, "0 7 * * *")
    changed = sigma.materialization_schedules.update(workbook, element, "15 1 * * 2")
    assert changed.schedule is not None and changed.schedule.cron_spec == "15 1 * * 2"
    listed = {s.element_id: s for s in sigma.workbooks.materialization_schedules(workbook)}
    assert listed[element].schedule == changed.schedule
    sigma.materialization_schedules.delete(workbook, element)
    assert element not in {
        s.element_id for s in sigma.workbooks.materialization_schedules(workbook)
    }
    with pytest.raises(NotFoundError):
        sigma.materialization_schedules.delete(workbook, element)
    with pytest.raises(BadRequestError):
        sigma.materialization_schedules.create(workbook, element, "not a cron")


def test_a_data_model_element_schedule_round_trip(sigma: Sigma, api: httpx.Client) -> None:
    model = next(iter(sigma.data_models.list())).data_model_id
    # the SDK lists no data model elements: read one the way any client would
    element = api.get(f"/v2/dataModels/{model}/elements").json()["entries"][0]["elementId"]
    made = sigma.materialization_schedules.create_in_data_model(model, element, "0 2 * * *")
    assert made.element_id == element
    changed = sigma.materialization_schedules.update_in_data_model(model, element, "0 3 * * *")
    assert changed.schedule is not None and changed.schedule.cron_spec == "0 3 * * *"
    sigma.materialization_schedules.delete_in_data_model(model, element)
    with pytest.raises(NotFoundError):
        sigma.materialization_schedules.update_in_data_model(model, element, "0 4 * * *")


def test_a_shortcut_is_typed(sigma: Sigma) -> None:
    workspace = next(iter(sigma.workspaces.list())).workspace_id
    workbook = next(iter(sigma.workbooks.list()))
    made = sigma.shortcuts.create(workspace, workbook.workbook_id, name="Pinned")
    assert isinstance(made, Shortcut)
    assert (made.name, made.parent_id, made.target.type, made.target.id) == (
        "Pinned",
        workspace,
        "workbook",
        workbook.workbook_id,
    )
    with pytest.raises(NotFoundError):
        sigma.shortcuts.create(workspace, "no-such-file")


def test_a_client_acts_as_the_member_it_impersonates(
    emulator: EmulatorServer, sigma: Sigma
) -> None:
    member = next(m for m in sigma.members.list() if m.member_type != "Admin")
    with Sigma(settings=client_settings(emulator), impersonate=member.email) as as_member:
        who = as_member.whoami(member=False)
        assert who.user_id == member.member_id
        assert as_member.whoami().email == member.email
    admin = next(m for m in sigma.members.list() if m.member_type == "Admin")
    as_admin = Sigma(settings=client_settings(emulator), impersonate=admin.email)
    with as_admin, pytest.raises(PermissionDeniedError):
        as_admin.whoami()
