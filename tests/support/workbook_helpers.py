"""Helpers for the emulator's workbook, export and materialization tests."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.sigma_http import walk

from sigmakit.emulator import EmulatorServer


def workbook_named(api: httpx.Client, name: str) -> dict[str, Any]:
    """The first workbook of that name, as ``GET /v2/workbooks`` lists it."""
    listed = walk(api, "/v2/workbooks", limit=100, skipPermissionCheck=True)
    return next(w for w in listed if w["name"] == name)


def elements_by_name(api: httpx.Client, workbook_id: str) -> dict[str, dict[str, Any]]:
    """Every element of the workbook, page after page, keyed by name (first one wins)."""
    found: dict[str, dict[str, Any]] = {}
    for page in walk(api, f"/v2/workbooks/{workbook_id}/pages", limit=50):
        for element in walk(
            api, f"/v2/workbooks/{workbook_id}/pages/{page['pageId']}/elements", limit=50
        ):
            found.setdefault(element["name"], {**element, "pageId": page["pageId"]})
    return found


def jobs(emulator: EmulatorServer, **settings: Any) -> dict[str, Any]:
    """Set how jobs advance (``mode``, ``stageSeconds``, ``exportTiming``, ``exportTtl``)."""
    with emulator.control() as control:
        response = control.put("/jobs", json=settings)
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer


def step_jobs(emulator: EmulatorServer, action: str = "step", **body: Any) -> None:
    with emulator.control() as control:
        control.post(f"/jobs/{action}", json=body).raise_for_status()


def export(api: httpx.Client, workbook_id: str, **body: Any) -> str:
    """Start an export; its queryId."""
    response = api.post(f"/v2/workbooks/{workbook_id}/export", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["jobComplete"] is False
    query_id: str = answer["queryId"]
    return query_id


def export_now(
    api: httpx.Client, emulator: EmulatorServer, workbook_id: str, **body: Any
) -> httpx.Response:
    """Export with jobs finishing at once, and the download's answer."""
    jobs(emulator, mode="immediate")
    query_id = export(api, workbook_id, **body)
    response = api.get(f"/v2/query/{query_id}/download")
    assert response.status_code == 200, response.text
    return response


@pytest.fixture
def sales(api: httpx.Client) -> dict[str, Any]:
    """The seeded "Sales Overview" workbook: its id, and each element by name (a fixture:
    tests/emulator/conftest.py and tests/internals/conftest.py offer it)."""
    workbook = workbook_named(api, "Sales Overview")
    return {"id": workbook["workbookId"], **elements_by_name(api, workbook["workbookId"])}
