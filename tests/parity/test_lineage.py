"""Element lineage as lineage consumers read it (SIGMA-API-NOTES.md, "Lineage"): the
requested element's own ``sheet`` node, edges between nodes given or from a data model
element (``<dataModelUrlId>/<suffix>``), an error for a control or a text, and a 404 for the
query of an element that runs none. Against a real organization this checks the guesses
listed in GUESSES.md (read only)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from tests.parity.reading import LOOK_AT, _elements, _workbooks
from tests.parity.target import Target

DATA = ("table", "pivot-table", "visualization")
NO_DATA = ("control", "text")


def _find(api: httpx.Client, types: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    for workbook in _workbooks(api):
        for element in _elements(api, workbook["workbookId"]):
            if element["type"] in types:
                return workbook["workbookId"], element
    pytest.skip(f"no {' or '.join(types)} element in the first {LOOK_AT} workbooks")


def test_a_data_elements_lineage_has_its_sheet_node(target: Target) -> None:
    api = target.http()
    workbook, element = _find(api, DATA)
    got = api.get(f"/v2/workbooks/{workbook}/lineage/elements/{element['elementId']}")
    assert got.status_code == 200, got.text
    graph = got.json()
    (sheet,) = [
        n for n in graph["dependencies"].values() if n.get("elementId") == element["elementId"]
    ]
    assert sheet["type"] == "sheet" and sheet["nodeId"] != element["elementId"]
    for node_id, node in graph["dependencies"].items():
        assert node["nodeId"] == node_id
    for edge in graph["edges"]:
        assert edge["type"] in ("source", "lookup", "dependency")
        assert edge["target"] in graph["dependencies"]
        assert edge["source"] in graph["dependencies"] or re.fullmatch(
            r"[0-9A-Za-z]+/[0-9A-Za-z_-]+", edge["source"]
        ), edge


def test_a_control_or_text_has_no_lineage_and_no_query(target: Target) -> None:
    api = target.http()
    workbook, element = _find(api, NO_DATA)
    lineage = api.get(f"/v2/workbooks/{workbook}/lineage/elements/{element['elementId']}")
    assert lineage.status_code == 400, f"GUESSES.md, control lineage: {lineage.status_code}"
    query = api.get(f"/v2/workbooks/{workbook}/elements/{element['elementId']}/query")
    assert query.status_code == 404, f"GUESSES.md, query of no query: {query.status_code}"
