"""``sigmakit promote`` against the emulator: a promotion to a folder and to a tenant with a
source map, verified; a second run that changes nothing; a failed verification; a rollback
to the previous tag; bad input that changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.support.helpers import route_count, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def _rows(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _connections(sigma: Sigma) -> dict[str, str]:
    return {c.name: c.connection_id for c in sigma.connections.list()}


def _map(tmp_path: Path, connections: dict[str, str]) -> str:
    path = tmp_path / "map.yaml"
    lines = ["connections:"] + [f'  "{k}": "{v}"' for k, v in connections.items()]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _tag_of(sigma: Sigma, workbook: str, tag: str) -> int | None:
    found = sigma.workbooks.resolve(workbook)
    return next(
        (
            t.source_workbook_version
            for t in sigma.tags.workbook_tags(found.workbook_id)
            if t.name == tag
        ),
        None,
    )


def test_a_promotion_to_a_folder_swaps_sources_verifies_and_repeats_as_a_no_op(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path
) -> None:
    folder = sigma.workspaces.create(name="Production").workspace_id
    names = _connections(sigma)
    mapped = _map(tmp_path, {"Northwind Snowflake": "Operations Postgres"})
    original = sigma.workbooks.resolve("Store Operations").workbook_id  # the copy has its name
    args = ("promote", original, "--tag", "Staging", "--to-folder", folder)
    code, out, err = run(*args, "--map", mapped)
    assert code == 0, err
    assert "swap " + names["Northwind Snowflake"] in err  # the plan, not applied
    assert all(r["status"] == "planned" or r["status"] == "already there" for r in _rows(out))
    assert route_count(emulator, "POST /v2/workbooks/{workbookId}/tag/{versionTag}/copy") == 0

    code, out, err = run(*args, "--map", mapped, "--yes")
    assert code == 0, err
    rows = {r["step"]: r for r in _rows(out)}
    assert rows["copy"]["status"] == "created" and rows["swap"]["status"] == "changed"
    assert rows["verify"]["message"].startswith("verified")
    copy_id = rows["copy"]["id"]
    assert sigma.files.get(copy_id).parent_id == folder
    sql = [s for s in sigma.workbooks.sources(copy_id) if s.type == "custom-sql"]
    assert sql and {s.connection_id for s in sql} == {names["Operations Postgres"]}
    assert names["Northwind Snowflake"] in {
        s.connection_id for s in sigma.workbooks.sources(original)
    }

    copies = route_count(emulator, "POST /v2/workbooks/{workbookId}/tag/{versionTag}/copy")
    swaps = route_count(emulator, "POST /v2/workbooks/{workbookId}/swapSources")
    code, out, err = run(*args, "--map", mapped, "--yes")
    assert code == 0, err
    assert {r["status"] for r in _rows(out)} == {"already there"}
    assert route_count(emulator, "POST /v2/workbooks/{workbookId}/tag/{versionTag}/copy") == copies
    assert route_count(emulator, "POST /v2/workbooks/{workbookId}/swapSources") == swaps


def _tenant_setup(sigma: Sigma, tenant_connection: str) -> str:
    """A deployment policy for Staging whose source swap policy sends the Snowflake
    connection to the connection a tenant's user attribute names; the policy's name."""
    canada = sigma.tenants.get("northwind-canada").tenant_organization_id
    attribute = sigma.user_attributes.create(name="Warehouse connection").user_attribute_id
    sigma.request(
        "POST",
        "/v2/user-attributes/{userAttributeId}/tenants",
        path_params={"userAttributeId": attribute},
        json={
            "assignments": [
                {
                    "tenantOrganizationId": canada,
                    "value": {"type": "string", "val": tenant_connection},
                }
            ]
        },
    )
    swap = sigma.source_swap_policies.create(
        type="deployment",
        name="Tenant warehouses",
        from_connection_id=_connections(sigma)["Northwind Snowflake"],
        swaps={
            "toConnection": {"swapType": "attribute", "userAttributeId": attribute},
            "deploymentSwaps": [],
        },
    )
    sigma.deployment_policies.create(
        name="Regional",
        version_tag_id=sigma.tags.get("Staging").version_tag_id,
        source_swap_policies=[swap.policy_id],
    )
    return "Regional"


def test_a_promotion_to_a_tenant_through_a_policy_is_verified(sigma: Sigma, tmp_path: Path) -> None:
    policy = _tenant_setup(sigma, "canada-snowflake")
    mapped = _map(tmp_path, {"Northwind Snowflake": "canada-snowflake"})
    args = (
        "promote",
        "Store Operations",
        "--tag",
        "Staging",
        "--to-tenant",
        "northwind-canada",
        "--policy",
        policy,
        "--map",
        mapped,
    )
    code, out, err = run(*args, "--yes")
    assert code == 0, err
    rows = _rows(out)
    assert [r["step"] for r in rows] == ["tag", "policy", "policy", "deploy", "verify"]
    assert rows[-1]["message"].startswith("verified")
    workbook_id = sigma.workbooks.resolve("Store Operations").workbook_id
    deployed = sigma.tenants.deployed_workbook("northwind-canada", workbook_id)
    assert rows[3]["id"] == deployed.workbook_id

    code, out, err = run(*args, "--yes")
    assert code == 0, err
    assert {r["status"] for r in _rows(out)} == {"already there"}


def test_a_tenant_that_swaps_elsewhere_fails_verification(sigma: Sigma, tmp_path: Path) -> None:
    policy = _tenant_setup(sigma, "canada-snowflake")
    mapped = _map(tmp_path, {"Northwind Snowflake": "canada-postgres"})
    code, out, _err = run(
        "promote",
        "Store Operations",
        "--tag",
        "Staging",
        "--to-tenant",
        "northwind-canada",
        "--policy",
        policy,
        "--map",
        mapped,
        "--yes",
    )
    assert code == 1
    failed = [r for r in _rows(out) if r["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["step"] == "verify"
    assert "canada-snowflake (map: canada-postgres)" in failed[0]["message"]


def test_a_promotion_is_rolled_back_to_the_previous_tag(sigma: Sigma) -> None:
    sales = sigma.workbooks.resolve("Sales Overview")
    before = _tag_of(sigma, sales.workbook_id, "Production")
    assert before == sales.latest_version - 1
    folder = sigma.workspaces.create(name="Live").workspace_id
    code, out, err = run(
        "promote",
        "Sales Overview",
        "--tag",
        "Production",
        "--to-folder",
        folder,
        "--name",
        "Sales (live)",
        "--yes",
    )
    assert code == 0, err
    assert _tag_of(sigma, sales.workbook_id, "Production") == sales.latest_version

    code, out, err = run("promote", "rollback", "Sales Overview", "--tag", "Production", "--yes")
    assert code == 0, err
    assert f"back to version {before:.0f}" in _rows(out)[0]["message"]
    assert _tag_of(sigma, sales.workbook_id, "Production") == before

    code, out, err = run("promote", "rollback", "Sales Overview", "--tag", "Production", "--yes")
    assert code != 0 and "Traceback" not in err
    assert "nothing to roll back" in err and len(err.strip().splitlines()) == 1
    assert _tag_of(sigma, sales.workbook_id, "Production") == before


@pytest.mark.parametrize(
    ("map_text", "says"),
    [
        ("connections: [a, b]\n", "connections must be a mapping"),
        ("conections:\n  a: b\n", "unknown section 'conections'"),
        ("connections:\n  Nowhere DB: Operations Postgres\n", "Nowhere DB"),
        ("{not yaml", "not valid YAML or JSON"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    sigma: Sigma, emulator: EmulatorServer, tmp_path: Path, map_text: str, says: str
) -> None:
    folder = sigma.workspaces.create(name="Production").workspace_id
    path = tmp_path / "map.yaml"
    path.write_text(map_text)
    before = _tag_of(sigma, "Store Operations", "Staging")
    code, _out, err = run(
        "promote",
        "Store Operations",
        "--tag",
        "Staging",
        "--to-folder",
        folder,
        "--map",
        str(path),
        "--yes",
    )
    assert code != 0 and says in err and len(err.strip().splitlines()) == 1, err
    assert _tag_of(sigma, "Store Operations", "Staging") == before
    assert route_count(emulator, "POST /v2/workbooks/{workbookId}/tag/{versionTag}/copy") == 0
    code, _out, err = run("promote", "Store Operations", "--tag", "Staging", "--yes")
    assert code != 0 and "one target" in err
