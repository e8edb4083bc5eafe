"""sigmakit code --map: the files pulled from one organization applied into a second one (a
second emulator, seeded differently), their sources and lineage there as the map says."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from tests.support.code_maps import build_source_workbook, retail
from tests.support.helpers import run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer


def test_map_applies_the_files_into_a_second_organization(
    cli_env: dict[str, str],
    sigma: Sigma,
    target: Sigma,
    second_org: EmulatorServer,
    tmp_path: Path,
) -> None:
    source = build_source_workbook(sigma)
    files = tmp_path / "sigma"
    code, out, err = run("code", "pull", str(files), "--kind", "workbook", "--document", "Promoted")
    assert code == 0, err

    target_model, target_spec = retail(target)
    target_lines = next(
        e for e in target_spec["pages"][0]["elements"] if e["name"] == "Order Lines"
    )
    connection_name = next(
        c.name for c in sigma.connections.list() if c.connection_id == source["connection"]
    )
    target_connection = target.connections.resolve(connection_name).connection_id
    target_folder = target.workbooks.get_contents(
        next(w.workbook_id for w in target.workbooks.list() if w.name == "Sales Overview")
    )["folderId"]
    map_file = tmp_path / "prod.yaml"
    map_file.write_text(
        yaml.safe_dump(
            {
                "connections": {source["connection"]: connection_name},
                "dataModels": {source["model"]: "Retail Sales"},
                "elements": {source["lines"]["id"]: target_lines["id"]},
                "folders": {source["folder"]: target_folder},
            }
        )
    )
    env = {"SIGMA_BASE_URL": second_org.base_url}
    pulled = (files / "promoted.yaml").read_bytes()

    code, out, err = run("code", "plan", str(files), "--map", str(map_file), env=env)
    assert code == 2, err
    assert "promoted.yaml: Promoted: new in the target" in out and "+ workbook Promoted" in out

    code, out, err = run("code", "apply", str(files), "--map", str(map_file), "--yes", env=env)
    assert code == 0, err
    made = next(w for w in target.workbooks.list() if w.name == "Promoted")
    assert f"(Promoted -> {made.workbook_id}, version 1)" in out
    assert (files / "promoted.yaml").read_bytes() == pulled  # the files stay the source's

    # sources and lineage in the target are the target's, as the map says
    sources = target.request("GET", f"/v2/workbooks/{made.workbook_id}/sources")
    kinds = {s["type"]: s for s in sources}
    assert kinds["data-model"]["dataModelId"] == target_model
    assert kinds["data-model"]["elementIds"] == [target_lines["id"]]
    assert kinds["custom-sql"]["connectionId"] == target_connection
    lineage = target.request("GET", f"/v2/workbooks/{made.workbook_id}/lineage")["entries"]
    entry = next(e for e in lineage if e.get("elementId") == "promoLines")
    assert entry["dataSourceIds"] == [target_model]
    table_nodes = [n for n in lineage if n.get("type") == "table"]
    assert table_nodes and {n["connectionId"] for n in table_nodes} == {target_connection}

    # applied once: the same files and map now plan nothing, and drift finds none
    code, out, err = run("code", "plan", str(files), "--map", str(map_file), env=env)
    assert (code, err) == (0, ""), out
    code, out, _ = run("code", "drift", str(files), "--map", str(map_file), env=env)
    assert code == 0 and "Promoted: in sync" in out


def test_a_bad_map_is_one_line_and_changes_nothing(
    cli_env: dict[str, str], sigma: Sigma, tmp_path: Path
) -> None:
    files = tmp_path / "sigma"
    assert (
        run("code", "pull", str(files), "--kind", "workbook", "--document", "Sales Overview")[0]
        == 0
    )
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"connection": {}}))
    code, _, err = run("code", "apply", str(files), "--map", str(bad), "--yes")
    assert code == 2 and "unknown section 'connection'" in err and "Traceback" not in err
    bad.write_text(json.dumps({"dataModels": {"x": "No Such Model"}}))
    code, _, err = run("code", "plan", str(files), "--map", str(bad))
    assert code == 2 and "no data model 'No Such Model' in the target" in err
