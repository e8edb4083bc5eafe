"""sigmakit promote with a data model: its tagged version's spec laid down in another folder
of the same organization, or in a second organization (a second emulator, seeded
differently, whose credentials a profile holds) through a source map, tagged and verified
there (the copy's lineage reads the target's tables); a second run that changes nothing;
rollbacks of the source's tag and of the target copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.support.code_maps import retail
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer

TAG = "Release Q4"
NAME = "Promoted Model"


def _spec(sigma: Sigma) -> tuple[dict[str, Any], str, str]:
    """A data model spec: a warehouse table of Retail Sales and an element built on it."""
    _, spec = retail(sigma)
    orders = next(
        e for e in spec["pages"][0]["elements"] if e["source"]["kind"] == "warehouse-table"
    )
    source = orders["source"]
    return (
        {
            "name": NAME,
            "pages": [
                {
                    "id": "pmPage",
                    "name": "Model",
                    "elements": [
                        {
                            "id": "pmOrders",
                            "kind": "table",
                            "name": "Orders",
                            "source": source,
                            "columns": [{"id": "ID", "formula": "[ORDER_ID]", "name": "Id"}],
                        },
                        {
                            "id": "pmBig",
                            "kind": "table",
                            "name": "Big Orders",
                            "source": {"kind": "table", "elementId": "pmOrders"},
                            "columns": [{"id": "BIG", "formula": "[Id]", "name": "Id"}],
                        },
                        {
                            "id": "pmByStore",
                            "kind": "table",
                            "name": "Orders by Store",
                            "source": {
                                "kind": "join",
                                "primarySource": dict(source),
                                "joins": [
                                    {
                                        "left": dict(source),
                                        "right": {
                                            **source,
                                            "path": [*source["path"][:2], "STORES"],
                                        },
                                        "columns": [{"left": "STORE_ID", "right": "STORE_ID"}],
                                    }
                                ],
                            },
                            "columns": [{"id": "STORE", "formula": "[STORE_ID]", "name": "Store"}],
                        },
                    ],
                }
            ],
        },
        source["connectionId"],
        ".".join(source["path"]),
    )


def _model(sigma: Sigma, folder: str) -> str | None:
    found = [
        m.data_model_id
        for m in sigma.data_models.list()
        if m.name == NAME and sigma.files.get(m.data_model_id).parent_id == folder
    ]
    assert len(found) <= 1
    return found[0] if found else None


def _tagged(sigma: Sigma, model_id: str) -> dict[str, int | None]:
    return {t.tag_name: t.source_version for t in sigma.data_models.tags(model_id)}


def _rows(out: str) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {r["step"]: r for r in rows}


def _tables(sigma: Sigma, model_id: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.connection_id, e.name) for e in sigma.data_models.lineage(model_id) if e.type == "table"
    }


@pytest.fixture
def source(sigma: Sigma) -> dict[str, Any]:
    spec, connection, table = _spec(sigma)
    folder = sigma.workbooks.get_contents(
        next(w.workbook_id for w in sigma.workbooks.list() if w.name == "Sales Overview")
    )["folderId"]
    sigma.data_models.create_spec(spec, folder_id=folder)
    model = _model(sigma, folder)
    assert model is not None
    sigma.tags.create(TAG)
    return {"model": model, "folder": folder, "connection": connection, "table": table}


@pytest.fixture
def profile(
    cli_env: dict[str, str],
    sigma: Sigma,
    target: Sigma,
    second_org: EmulatorServer,
    isolated_env: Path,
    tmp_path: Path,
    source: dict[str, Any],
) -> dict[str, Any]:
    """A profile "prod" for the second organization and a map to it."""
    config = isolated_env.parent / "home" / ".config" / "sigmakit" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[profiles.prod]\nclient_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
        f'base_url = "{second_org.base_url}"\n'
    )
    connection_name = next(
        c.name for c in sigma.connections.list() if c.connection_id == source["connection"]
    )
    target_folder = target.workbooks.get_contents(
        next(w.workbook_id for w in target.workbooks.list() if w.name == "Sales Overview")
    )["folderId"]
    map_file = tmp_path / "prod.yaml"
    map_file.write_text(
        yaml.safe_dump(
            {
                "connections": {source["connection"]: connection_name},
                "folders": {source["folder"]: target_folder},
            }
        )
    )
    return {
        "map": str(map_file),
        "folder": target_folder,
        "connection": target.connections.resolve(connection_name).connection_id,
    }


def test_a_data_model_promoted_to_another_organization_is_mapped_verified_and_repeats_as_a_no_op(
    source: dict[str, Any], profile: dict[str, Any], sigma: Sigma, target: Sigma
) -> None:
    args = ("promote", NAME, "--tag", TAG, "--to-profile", "prod", "--map", profile["map"])
    code, out, err = run(*args, "--dry-run")
    assert code == 0, err
    assert f"create '{NAME}' in target folder" in err and f"create tag {TAG} in the target" in err
    assert _model(target, profile["folder"]) is None and _tagged(sigma, source["model"]) == {}

    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["tag"]["status"] == "created" and rows["copy"]["status"] == "created"
    assert rows["target-tag"]["status"] == "created"
    assert rows["verify"]["message"].startswith("verified")
    # the report names what it promoted as a document, a data model here, not a "workbook"
    assert {r["document"] for r in rows.values()} == {NAME} and "workbook" not in rows["copy"]
    copy_id = _model(target, profile["folder"])
    assert copy_id is not None and rows["copy"]["id"] == copy_id
    assert _tagged(sigma, source["model"]) == {TAG: 1}
    assert _tagged(target, copy_id) == {TAG: 1}
    # the copy's lineage reads the target's connection, the same table path
    # the joined element's second table too
    stores = source["table"].replace("ORDERS", "STORES")
    assert _tables(target, copy_id) == {
        (profile["connection"], source["table"]),
        (profile["connection"], stores),
    }
    spec = target.data_models.get_spec(copy_id)
    assert [e["name"] for e in spec["pages"][0]["elements"]] == [
        "Orders",
        "Big Orders",
        "Orders by Store",
    ]

    code, out, err = run(*args, "-o", "jsonl")  # no --yes: nothing to confirm
    assert code == 0, err
    assert {r["status"] for r in _rows(out).values()} == {"already there"}
    assert target.data_models.get_spec(copy_id)["documentVersion"] == 1


def test_a_data_model_copy_in_another_organization_is_rolled_back(
    source: dict[str, Any], profile: dict[str, Any], sigma: Sigma, target: Sigma
) -> None:
    args = ("promote", NAME, "--tag", TAG, "--to-profile", "prod", "--map", profile["map"])
    assert run(*args, "--yes")[0] == 0
    copy_id = _model(target, profile["folder"])
    assert copy_id is not None
    first = target.data_models.get_spec(copy_id)

    spec = sigma.data_models.get_spec(source["model"])
    spec["pages"][0]["elements"][1]["name"] = "Large Orders"
    sigma.data_models.update_spec(source["model"], spec)
    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["tag"]["status"] == "changed" and rows["copy"]["status"] == "changed"
    assert "Large Orders" in target.data_models.get_spec(copy_id)["pages"][0]["elements"][1]["name"]
    assert _tagged(target, copy_id) == {TAG: 2}

    code, out, err = run("promote", "rollback", NAME, "--tag", TAG, "--to-profile", "prod", "--yes")
    assert code == 0, err
    back = target.data_models.get_spec(copy_id)
    assert back["documentVersion"] == 3 and back["pages"] == first["pages"]
    assert _tagged(target, copy_id) == {TAG: 3}

    # the source's tag goes back to version 1 too, and then nothing more is recorded
    code, out, err = run("promote", "rollback", NAME, "--tag", TAG, "--yes")
    assert code == 0, err
    assert _tagged(sigma, source["model"]) == {TAG: 1}
    code, _, err = run("promote", "rollback", NAME, "--tag", TAG, "--yes")
    assert code == 2 and "nothing to roll back" in err and len(err.strip().splitlines()) == 1


def test_a_data_model_promoted_to_a_folder_gets_a_copy_of_its_own(
    source: dict[str, Any], cli_env: dict[str, str], sigma: Sigma
) -> None:
    folder = sigma.workspaces.create(name="Production").workspace_id
    args = ("promote", source["model"], "--tag", TAG, "--to-folder", folder)
    code, out, err = run(*args, "--dry-run")
    assert code == 0, err
    assert f"create '{NAME}' in target folder {folder}" in err and _model(sigma, folder) is None

    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["tag"]["status"] == "created" and rows["copy"]["status"] == "created"
    assert "target-tag" not in rows and rows["verify"]["message"].startswith("verified")
    copy_id = _model(sigma, folder)
    assert copy_id is not None and copy_id != source["model"] and rows["copy"]["id"] == copy_id
    assert _tagged(sigma, source["model"]) == {TAG: 1} and _tagged(sigma, copy_id) == {}
    stores = source["table"].replace("ORDERS", "STORES")
    assert _tables(sigma, copy_id) == {
        (source["connection"], source["table"]),
        (source["connection"], stores),
    }
    # the original keeps its elements; the copy's are its own
    mine = {e["id"] for e in sigma.data_models.get_spec(source["model"])["pages"][0]["elements"]}
    theirs = sigma.data_models.get_spec(copy_id)["pages"][0]["elements"]
    assert mine == {"pmOrders", "pmBig", "pmByStore"} and not mine & {e["id"] for e in theirs}
    assert theirs[1]["source"] == {"kind": "table", "elementId": theirs[0]["id"]}

    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    assert {r["status"] for r in _rows(out).values()} == {"already there"}
    assert sigma.data_models.get_spec(copy_id)["documentVersion"] == 1


def _tenant_policy(sigma: Sigma, connection: str) -> str:
    """A deployment policy of TAG whose source swap policy sends ``connection`` to the one
    the tenant northwind-canada's user attribute names (canada-snowflake); its name."""
    canada = sigma.tenants.get("northwind-canada").tenant_organization_id
    attribute = sigma.user_attributes.create(name="Model warehouse").user_attribute_id
    sigma.request(
        "POST",
        "/v2/user-attributes/{userAttributeId}/tenants",
        path_params={"userAttributeId": attribute},
        json={
            "assignments": [
                {
                    "tenantOrganizationId": canada,
                    "value": {"type": "string", "val": "canada-snowflake"},
                }
            ]
        },
    )
    swap = sigma.source_swap_policies.create(
        type="deployment",
        name="Model warehouses",
        from_connection_id=connection,
        swaps={
            "toConnection": {"swapType": "attribute", "userAttributeId": attribute},
            "deploymentSwaps": [],
        },
    )
    sigma.deployment_policies.create(
        name="Models",
        version_tag_id=sigma.tags.get(TAG).version_tag_id,
        source_swap_policies=[swap.policy_id],
    )
    return "Models"


@pytest.mark.parametrize(
    ("to", "failed"),
    [("canada-snowflake", None), ("canada-postgres", "canada-snowflake (map: canada-postgres)")],
)
def test_a_data_model_promoted_to_a_tenant_goes_through_the_policy_and_is_verified(
    source: dict[str, Any],
    cli_env: dict[str, str],
    sigma: Sigma,
    tmp_path: Path,
    to: str,
    failed: str | None,
) -> None:
    policy = _tenant_policy(sigma, source["connection"])
    policy_id = next(
        p.deployment_policy_id for p in sigma.deployment_policies.list() if p.name == policy
    )
    map_file = tmp_path / "tenant.yaml"
    map_file.write_text(yaml.safe_dump({"connections": {source["connection"]: to}}))
    args = (
        "promote",
        NAME,
        "--tag",
        TAG,
        "--to-tenant",
        "northwind-canada",
        "--policy",
        policy,
        "--map",
        str(map_file),
    )
    code, out, err = run(*args, "--dry-run")
    assert code == 0, err
    assert f"add to deployment policy {policy}" in err and "add tenant northwind-canada" in err
    assert list(sigma.deployment_policies.documents(policy_id)) == []
    assert _tagged(sigma, source["model"]) == {}

    code, out, err = run(*args, "--yes", "-o", "jsonl")
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [r["step"] for r in rows] == ["tag", "policy", "policy", "deploy", "verify"], err
    assert [d.inode_id for d in sigma.deployment_policies.documents(policy_id)] == [source["model"]]
    assert _tagged(sigma, source["model"]) == {TAG: 1}
    if failed is not None:
        assert code == 1 and rows[-1]["status"] == "failed" and failed in rows[-1]["message"]
        return
    assert code == 0 and rows[-1]["message"].startswith("verified"), err
    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    assert {r["status"] for r in _rows(out).values()} == {"already there"}


def test_what_a_name_stands_for_is_asked_of_the_api(
    source: dict[str, Any], cli_env: dict[str, str], sigma: Sigma
) -> None:
    folder = sigma.workspaces.create(name="Production").workspace_id
    code, out, err = run("promote", "Promoted Modle", "--tag", TAG, "--to-folder", folder)
    assert code == 5 and out == "" and f"did you mean '{NAME}'?" in err
    assert "no workbook or data model" in err and len(err.strip().splitlines()) == 1
    # a workbook of the same name: the name is refused, the id is not
    sigma.workbooks.create_from_contents(
        {"pages": [{"id": "p", "name": "P", "elements": []}]}, name=NAME, folder_id=folder
    )
    code, out, err = run("promote", NAME, "--tag", TAG, "--to-folder", folder, "--yes")
    assert code == 2 and "names a workbook" in err and source["model"] in err
    assert _tagged(sigma, source["model"]) == {} and _model(sigma, folder) is None
    code, out, err = run("promote", source["model"], "--tag", TAG, "--to-folder", folder, "--yes")
    assert code == 0, err
    assert _tagged(sigma, source["model"]) == {TAG: 1} and _model(sigma, folder) is not None
    # --adopt means laying contents over a document: a workbook's folder copy never does
    code, out, err = run(
        "promote", "Sales Overview", "--tag", TAG, "--to-folder", folder, "--adopt", "--yes"
    )
    assert code == 2 and "--adopt goes with --to-profile" in err
    assert TAG not in {
        t.name
        for t in sigma.tags.workbook_tags(sigma.workbooks.resolve("Sales Overview").workbook_id)
    }


def test_a_same_named_data_model_in_the_folder_is_adopted_only_when_asked(
    source: dict[str, Any], cli_env: dict[str, str], sigma: Sigma
) -> None:
    folder = sigma.workspaces.create(name="Production").workspace_id
    spec = sigma.data_models.get_spec(source["model"])
    their_ids = ("theirOrders", "theirBig", "theirByStore")
    for element, new in zip(spec["pages"][0]["elements"], their_ids, strict=True):
        element["id"] = new
    spec["pages"][0]["elements"][1]["source"]["elementId"] = "theirOrders"
    sigma.data_models.create_spec(spec, folder_id=folder)
    theirs = _model(sigma, folder)
    assert theirs is not None
    args = ("promote", source["model"], "--tag", TAG, "--to-folder", folder, "--yes")
    code, out, err = run(*args)
    assert code == 2 and out == "" and f"({theirs}) that no promotion of this one created" in err
    assert _tagged(sigma, source["model"]) == {}
    assert sigma.data_models.get_spec(theirs)["documentVersion"] == 1

    code, out, err = run(*args, "--adopt", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["copy"]["status"] == "changed" and rows["copy"]["id"] == theirs
    assert rows["verify"]["message"].startswith("verified")
    assert _model(sigma, folder) == theirs
    assert sigma.data_models.get_spec(theirs)["documentVersion"] == 2


def test_a_data_model_copy_in_the_same_organization_takes_another_name(
    source: dict[str, Any], cli_env: dict[str, str], sigma: Sigma
) -> None:
    folder = sigma.workspaces.create(name="Production").workspace_id
    args = ("promote", NAME, "--tag", TAG, "--to-folder", folder, "--name", "Live Model")
    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["copy"]["status"] == "created" and rows["verify"]["message"].startswith("verified")
    (live,) = [m for m in sigma.data_models.list() if m.name == "Live Model"]
    assert live.data_model_id == rows["copy"]["id"]
    assert sigma.files.get(live.data_model_id).parent_id == folder
    # the source's name still names one data model: the same line runs again, a no-op
    code, out, err = run(*args, "-o", "jsonl")
    assert code == 0, err
    assert {r["status"] for r in _rows(out).values()} == {"already there"}


def _paths_map(tmp_path: Path, source: dict[str, Any], to: str, *rules: dict[str, Any]) -> str:
    map_file = tmp_path / "paths.yaml"
    map_file.write_text(
        yaml.safe_dump(
            {"connections": {source["connection"]: to}, "paths": {source["connection"]: [*rules]}}
        )
    )
    return str(map_file)


def test_a_map_s_paths_rules_rewrite_the_tables_the_copy_in_another_organization_reads(
    source: dict[str, Any], profile: dict[str, Any], sigma: Sigma, target: Sigma, tmp_path: Path
) -> None:
    # a schema the target does not have: refused before anything is written, here or there
    rule = {"from": ["RETAIL", "PUBLIC"], "to": ["RETAIL", "STAGING"]}
    map_file = _paths_map(tmp_path, source, "Northwind Snowflake", rule)
    args = ("promote", NAME, "--tag", TAG, "--to-profile", "prod", "--to-folder")
    code, out, err = run(*args, profile["folder"], "--map", map_file, "--yes")
    assert code != 0 and "RETAIL.STAGING.ORDERS" in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _model(target, profile["folder"]) is None and _tagged(sigma, source["model"]) == {}

    # whole tables moved to another connection: the copy reads them there, the join's too
    rules = [
        {"from": ["RETAIL", "PUBLIC", "ORDERS"], "to": ["main", "retail", "orders"]},
        {"from": ["RETAIL", "PUBLIC", "STORES"], "to": ["main", "retail", "stores"]},
    ]
    map_file = _paths_map(tmp_path, source, "Lakehouse", *rules)
    code, out, err = run(*args, profile["folder"], "--map", map_file, "--yes", "-o", "jsonl")
    assert code == 0, err
    assert _rows(out)["verify"]["message"].startswith("verified")
    copy_id = _model(target, profile["folder"])
    assert copy_id is not None
    lakehouse = target.connections.resolve("Lakehouse").connection_id
    assert _tables(target, copy_id) == {
        (lakehouse, "main.retail.orders"),
        (lakehouse, "main.retail.stores"),
    }
