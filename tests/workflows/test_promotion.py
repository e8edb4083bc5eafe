"""``sigmakit.workflows.promotion`` and ``source_map`` as plain functions, against the
emulator: a plan that changes nothing, the report of an applied promotion, the ledger a
rollback reads, and a JSON map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigmakit import InputError, Sigma
from sigmakit.workflows.promotion import (
    Ledger,
    apply_promotion,
    plan_promotion,
    rollback,
    verify_promotion,
)
from sigmakit.workflows.report import Status
from sigmakit.workflows.source_map import load_source_map


def test_a_folder_promotion_reports_each_step_and_remembers_the_moved_tag(
    sigma: Sigma, tmp_path: Path
) -> None:
    store = sigma.workbooks.resolve("Store Operations")  # custom SQL on Snowflake
    assert store.latest_version > 1
    sigma.tags.tag_workbook(store.workbook_id, "Staging", version=1)
    folder = sigma.workspaces.create(name="Release").workspace_id
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"connections": {"Northwind Snowflake": "Operations Postgres"}}))
    plan = plan_promotion(
        sigma,
        store.workbook_id,
        "Staging",
        folder=folder,
        name="Store Operations (release)",
        source_map=load_source_map(path),
    )
    assert plan.changes and plan.tag.moves and plan.tag.current == 1
    ledger = Ledger(tmp_path / "promotions.json")
    report = apply_promotion(sigma, plan, ledger=ledger)
    assert [(i.step, i.status) for i in report.items] == [
        ("tag", Status.CHANGED),
        ("copy", Status.CREATED),
        ("swap", Status.CHANGED),
    ]
    assert verify_promotion(sigma, plan) == []
    tag_id = plan.tag.tag.version_tag_id
    assert ledger.previous(store.workbook_id, tag_id) == 1

    item = rollback(sigma, store.workbook_id, "Staging", ledger=ledger)
    assert item.status is Status.CHANGED and "back to version 1" in item.message
    assert ledger.previous(store.workbook_id, tag_id) is None
    marks = {t.name: t.source_workbook_version for t in sigma.tags.workbook_tags(store.workbook_id)}
    assert marks["Staging"] == 1
    with pytest.raises(InputError, match="nothing to roll back"):
        rollback(sigma, store.workbook_id, "Staging", ledger=ledger)


def test_verification_names_a_connection_the_copy_still_reads(sigma: Sigma, tmp_path: Path) -> None:
    """Sales Overview reads Snowflake's RETAIL.PUBLIC tables, which Postgres does not have:
    the swap leaves them, and verification says so."""
    sales = sigma.workbooks.resolve("Sales Overview")
    folder = sigma.workspaces.create(name="Release").workspace_id
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"connections": {"Northwind Snowflake": "Operations Postgres"}}))
    plan = plan_promotion(
        sigma, sales.workbook_id, "Staging", folder=folder, source_map=load_source_map(path)
    )
    apply_promotion(sigma, plan, ledger=Ledger(tmp_path / "promotions.json"))
    snowflake = sigma.connections.resolve("Northwind Snowflake").connection_id
    [problem] = verify_promotion(sigma, plan)
    assert f"still reads connection {snowflake}" in problem


def test_a_plan_with_two_targets_or_none_is_refused_before_any_request(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="one target"):
        plan_promotion(sigma, "Sales Overview", "Production")
    with pytest.raises(InputError, match="one target"):
        plan_promotion(sigma, "Sales Overview", "Production", folder="f", tenant="t", policy="p")
    with pytest.raises(InputError, match="--policy"):
        plan_promotion(sigma, "Sales Overview", "Production", tenant="northwind-europe")
    assert sigma.requests_sent == sent
