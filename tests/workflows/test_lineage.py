"""``workflows.lineage``: every data element's sources, with Sigma's refusals of controls and
texts counted as skipped, not as failures, whether or not the type told us beforehand."""

from __future__ import annotations

import pytest
from tests.support.helpers import route_count

import sigmakit.workflows.lineage as lineage
from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer

LINEAGE = "GET /v2/workbooks/{workbookId}/lineage/elements/{elementId}"


def _sales(sigma: Sigma) -> str:
    return sigma.workbooks.resolve("Sales Overview").workbook_id


def test_controls_and_texts_are_not_asked(sigma: Sigma, emulator: EmulatorServer) -> None:
    before = route_count(emulator, LINEAGE)
    report = lineage.workbook_lineage(sigma, _sales(sigma))
    assert report.ok and report.elements == 8  # 7 tables, pivots and charts, 1 input table
    assert sorted(t for _, t in report.skipped) == ["control"] * 5 + ["text"]
    assert route_count(emulator, LINEAGE) - before == report.elements
    kinds = {r.source_type for r in report.rows}
    assert {"data-model", "dataset", "table", "customSQL", "control"} <= kinds


def test_an_element_sigma_refuses_is_skipped_not_failed(
    sigma: Sigma, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = lineage.workbook_lineage(sigma, _sales(sigma))
    # a type this version does not know holds no data: Sigma's 400 tells
    monkeypatch.setattr(lineage, "NO_LINEAGE", frozenset())
    report = lineage.workbook_lineage(sigma, _sales(sigma))
    assert report.ok and report.rows == expected.rows
    assert sorted(report.skipped) == sorted(expected.skipped)
