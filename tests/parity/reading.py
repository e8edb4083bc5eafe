"""Reading workbooks and their elements a few at a time, for the parity scenarios (kept
small for live runs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.support.sigma_http import walk

#: how many workbooks a scenario looks through for what it needs (kept small for live runs)
LOOK_AT = 10


def _workbooks(api: httpx.Client) -> list[dict[str, Any]]:
    response = api.get("/v2/workbooks", params={"limit": LOOK_AT})
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["entries"]
    if not entries:
        pytest.skip("the organization has no workbook")
    return entries


def _elements(api: httpx.Client, workbook_id: str) -> Iterator[dict[str, Any]]:
    for page in walk(api, f"/v2/workbooks/{workbook_id}/pages", limit=50):
        url = f"/v2/workbooks/{workbook_id}/pages/{page['pageId']}/elements"
        yield from walk(api, url, limit=50)
