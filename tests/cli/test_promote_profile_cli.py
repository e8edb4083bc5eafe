"""sigmakit promote --to-profile: a workbook's tagged version promoted into a second
organization (a second emulator, seeded differently, whose credentials a profile holds),
its sources mapped and verified there; a second run that changes nothing; bad input that
writes nothing in either organization; a rollback of the target copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.support.code_maps import build_source_workbook, retail
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer

TAG = "Release Q4"


@pytest.fixture
def setup(
    cli_env: dict[str, str],
    sigma: Sigma,
    target: Sigma,
    second_org: EmulatorServer,
    isolated_env: Path,
    tmp_path: Path,
) -> dict[str, Any]:
    """A source workbook, a tag the target lacks, a profile "prod" and a map to it."""
    config = isolated_env.parent / "home" / ".config" / "sigmakit" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[profiles.prod]\nclient_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
        f'base_url = "{second_org.base_url}"\n'
    )
    source = build_source_workbook(sigma)
    sigma.tags.create(TAG)
    target_model, target_spec = retail(target)
    target_lines = next(
        e for e in target_spec["pages"][0]["elements"] if e["name"] == "Order Lines"
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
                "dataModels": {source["model"]: "Retail Sales"},
                "elements": {source["lines"]["id"]: target_lines["id"]},
                "folders": {source["folder"]: target_folder},
            }
        )
    )
    return {
        **source,
        "map": str(map_file),
        "target_model": target_model,
        "target_lines": target_lines["id"],
        "target_connection": target.connections.resolve(connection_name).connection_id,
        "target_folder": target_folder,
    }


def _rows(out: str) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {r["step"]: r for r in rows}


def _copies(target: Sigma) -> list[str]:
    return [w.workbook_id for w in target.workbooks.list() if w.name == "Promoted"]


def _tagged(sigma: Sigma, workbook_id: str) -> dict[str, int | None]:
    return {t.name: t.source_workbook_version for t in sigma.tags.workbook_tags(workbook_id)}


def test_a_promotion_to_another_organization_maps_verifies_and_repeats_as_a_no_op(
    setup: dict[str, Any], sigma: Sigma, target: Sigma
) -> None:
    args = ("promote", "Promoted", "--tag", TAG, "--to-profile", "prod", "--map", setup["map"])
    code, out, err = run(*args, "--dry-run")
    assert code == 0, err
    assert "create 'Promoted' in target folder" in err and f"create tag {TAG} in the target" in err
    assert _copies(target) == [] and _tagged(sigma, setup["workbookId"]) == {}

    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["tag"]["status"] == "created" and rows["copy"]["status"] == "created"
    assert rows["target-tag"]["status"] == "created"
    assert rows["verify"]["message"].startswith("verified")
    (copy_id,) = _copies(target)
    assert rows["copy"]["id"] == copy_id
    assert target.files.get(copy_id).parent_id == setup["target_folder"]
    assert _tagged(sigma, setup["workbookId"]) == {TAG: 1}
    assert _tagged(target, copy_id) == {TAG: 1}

    # what the target copy reads is the target's, as the map says
    kinds = {s.type: s for s in target.workbooks.sources(copy_id)}
    assert kinds["data-model"].data_model_id == setup["target_model"]
    assert kinds["custom-sql"].connection_id == setup["target_connection"]
    lineage = target.request("GET", f"/v2/workbooks/{copy_id}/lineage")["entries"]
    entry = next(e for e in lineage if e.get("elementId") == "promoLines")
    assert entry["dataSourceIds"] == [setup["target_model"]]

    code, out, err = run(*args, "-o", "jsonl")  # no --yes: nothing to confirm
    assert code == 0, err
    rows = _rows(out)
    assert {r["status"] for r in rows.values()} == {"already there"}, rows
    assert _copies(target) == [copy_id]
    assert target.workbooks.get_contents(copy_id)["documentVersion"] == 1


def test_an_unknown_profile_or_a_bad_map_is_one_line_and_writes_nothing(
    setup: dict[str, Any], sigma: Sigma, target: Sigma, tmp_path: Path
) -> None:
    base = ("promote", "Promoted", "--tag", TAG, "--yes")
    code, out, err = run(*base, "--to-profile", "staging", "--map", setup["map"])
    assert code == 3 and out == "" and "profile 'staging' not found" in err
    assert len(err.strip().splitlines()) == 1 and CLIENT_SECRET not in err

    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"dataModels": {setup["model"]: "No Such Model"}}))
    code, out, err = run(*base, "--to-profile", "prod", "--map", str(bad))
    assert code == 2 and "no data model 'No Such Model' in the target" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err

    code, _, err = run(*base, "--to-profile", "prod")
    assert code == 2 and "--to-profile needs --map" in err

    assert _tagged(sigma, setup["workbookId"]) == {}
    assert _copies(target) == []
    assert TAG not in {t.name for t in target.tags.list()}


def test_rollback_puts_the_target_copy_back_to_its_contents_before(
    setup: dict[str, Any], sigma: Sigma, target: Sigma
) -> None:
    args = ("promote", "Promoted", "--tag", TAG, "--to-profile", "prod", "--map", setup["map"])
    assert run(*args, "--yes")[0] == 0
    (copy_id,) = _copies(target)
    first = target.workbooks.get_contents(copy_id)

    # version 2 of the source renames an element; promoting it lays it over the copy
    contents = sigma.workbooks.get_contents(setup["workbookId"])
    contents["pages"][0]["elements"][1]["name"] = "Orders v2"
    sigma.workbooks.update_contents(setup["workbookId"], contents)
    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    assert _rows(out)["copy"]["status"] == "changed"
    second = target.workbooks.get_contents(copy_id)
    assert second["documentVersion"] == 2
    assert second["pages"][0]["elements"][1]["name"] == "Orders v2"
    assert _tagged(target, copy_id) == {TAG: 2}

    code, out, err = run(
        "promote", "rollback", "Promoted", "--tag", TAG, "--to-profile", "prod", "--yes"
    )
    assert code == 0, err
    back = target.workbooks.get_contents(copy_id)
    assert back["documentVersion"] == 3 and back["pages"] == first["pages"]
    assert _tagged(target, copy_id) == {TAG: 3}

    # nothing more is recorded: a second rollback is refused, and changes nothing
    code, _, err = run(
        "promote", "rollback", "Promoted", "--tag", TAG, "--to-profile", "prod", "--yes"
    )
    assert code == 2 and "no earlier contents" in err
    assert target.workbooks.get_contents(copy_id)["documentVersion"] == 3


def test_the_maps_documents_entry_names_the_target_copy_to_lay_the_contents_over(
    setup: dict[str, Any], sigma: Sigma, target: Sigma, tmp_path: Path
) -> None:
    there = target.workbooks.create_from_contents(
        {"pages": [{"id": "p", "name": "Old", "elements": []}]},
        name="Promoted (prod)",
        folder_id=setup["target_folder"],
    )["workbookId"]
    mapping = yaml.safe_load(Path(setup["map"]).read_text())
    mapping["documents"] = {setup["workbookId"]: there}
    map_file = tmp_path / "documents.yaml"
    map_file.write_text(yaml.safe_dump(mapping))
    args = ("promote", "Promoted", "--tag", TAG, "--to-profile", "prod", "--map", str(map_file))
    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["copy"]["status"] == "changed" and rows["copy"]["id"] == there
    assert rows["verify"]["message"].startswith("verified")
    assert _copies(target) == [there]  # no other copy: this one took the source's name
    kinds = {s.type: s for s in target.workbooks.sources(there)}
    assert kinds["data-model"].data_model_id == setup["target_model"]
    assert _tagged(target, there) == {TAG: 2}


def test_a_same_named_workbook_no_promotion_created_is_refused_unless_adopted(
    setup: dict[str, Any], sigma: Sigma, target: Sigma, isolated_env: Path
) -> None:
    there = target.workbooks.create_from_contents(
        {"pages": [{"id": "p", "name": "Theirs", "elements": []}]},
        name="Promoted",
        folder_id=setup["target_folder"],
    )["workbookId"]
    ledger = isolated_env.parent / "home" / ".config" / "sigmakit" / "promotions.json"
    args = ("promote", "Promoted", "--tag", TAG, "--to-profile", "prod", "--map", setup["map"])
    code, out, err = run(*args, "--yes")
    assert code == 2 and out == "", err
    assert f"({there}) that no promotion of this one created" in err and "--adopt" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    # nothing written in either organization, nor in the ledger
    assert _tagged(sigma, setup["workbookId"]) == {}
    assert target.workbooks.get_contents(there)["documentVersion"] == 1
    assert TAG not in {t.name for t in target.tags.list()}
    assert not ledger.exists()

    code, out, err = run(*args, "--yes", "--adopt", "-o", "jsonl")
    assert code == 0, err
    rows = _rows(out)
    assert rows["copy"]["status"] == "changed" and rows["copy"]["id"] == there
    assert rows["verify"]["message"].startswith("verified")
    assert json.loads(ledger.read_text())["origins"] == {there: setup["workbookId"]}

    # the ledger now says where the copy came from: no --adopt needed again
    code, out, err = run(*args, "-o", "jsonl")
    assert code == 0, err
    assert {r["status"] for r in _rows(out).values()} == {"already there"}
    assert _copies(target) == [there]


def test_an_element_the_map_sends_nowhere_is_refused_before_anything_is_written(
    setup: dict[str, Any], sigma: Sigma, target: Sigma, tmp_path: Path
) -> None:
    mapping = yaml.safe_load(Path(setup["map"]).read_text())
    mapping["elements"] = {setup["lines"]["id"]: "notAnElement"}
    map_file = tmp_path / "elsewhere.yaml"
    map_file.write_text(yaml.safe_dump(mapping))
    args = ("promote", "Promoted", "--tag", TAG, "--to-profile", "prod", "--map", str(map_file))
    code, out, err = run(*args, "--yes")
    assert code == 2 and out == "", err
    assert f"data model {setup['target_model']} has no element notAnElement" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    # the source's tag did not move, and the target has no copy and no tag
    assert _tagged(sigma, setup["workbookId"]) == {}
    assert _copies(target) == [] and TAG not in {t.name for t in target.tags.list()}


def test_a_copy_swapped_away_from_the_map_in_the_target_fails_verification(
    setup: dict[str, Any], sigma: Sigma, target: Sigma
) -> None:
    args = ("promote", "Promoted", "--tag", TAG, "--to-profile", "prod", "--map", setup["map"])
    assert run(*args, "--yes")[0] == 0
    (copy_id,) = _copies(target)
    # someone swaps the copy's custom SQL to another connection in the target (its
    # contents are not rewritten): the promotion has nothing to lay down again, but the
    # copy's sources no longer read what the map says
    other = next(
        c.connection_id
        for c in target.connections.list()
        if c.connection_id != setup["target_connection"]
    )
    target.workbooks.swap_sources(copy_id, connections={setup["target_connection"]: other})
    code, out, err = run(*args, "--yes", "-o", "jsonl")
    assert code == 1, err
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert {r["step"]: r["status"] for r in rows if r["step"] != "verify"} == {
        "tag": "already there",
        "copy": "already there",
        "target-tag": "already there",
    }
    (failed,) = [r for r in rows if r["status"] == "failed"]
    assert failed["step"] == "verify"
    assert failed["message"] == (
        f"the target copy does not read connection {setup['target_connection']}"
    )
    assert "verified" not in out and "1 failed" in err
