"""Fixtures the reliability tests share."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.workbook_helpers import elements_by_name, workbook_named


@pytest.fixture
def sales(api: httpx.Client) -> dict[str, Any]:
    """The seeded "Sales Overview" workbook: its id, and each element by name."""
    workbook = workbook_named(api, "Sales Overview")
    return {"id": workbook["workbookId"], **elements_by_name(api, workbook["workbookId"])}
