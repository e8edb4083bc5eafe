"""A (deprecated) dataset materialized and migrated to a data model, through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.sigma_http import assert_sigma_error, walk
from tests.support.workbook_helpers import jobs, step_jobs, workbook_named

from sigmakit.emulator import EmulatorServer


def datasets(api: httpx.Client) -> dict[str, dict[str, Any]]:
    return {d["name"]: d for d in walk(api, "/v2/datasets", limit=10)}


def test_a_dataset_materialization_is_listed_once_it_has_run(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    directory = datasets(api)["Store Directory"]["datasetId"]
    url = f"/v2/datasets/{directory}/materialization"
    assert walk(api, url) == []
    jobs(emulator, mode="manual")
    started = api.post(url, json={})
    assert started.status_code == 200, started.text
    task = started.json()["taskId"]
    # still running: not listed yet
    assert walk(api, url) == []
    step_jobs(emulator, "finish", jobId=task)
    (run,) = walk(api, url)
    assert run["status"] == "success" and run["error"] is None
    assert run["finishedAt"].endswith("Z") and run["runtimeSecs"] is not None
    api.post(url, json={})
    step_jobs(emulator, "finish")
    answer = api.get(url, params={"limit": 1}).json()
    assert answer["total"] == 2 and answer["nextPage"] is not None
    assert_sigma_error(api.post("/v2/datasets/no-such-dataset/materialization", json={}), 404)
    assert_sigma_error(api.get("/v2/datasets/no-such-dataset/materialization"), 404)


def test_a_dry_run_migration_names_the_links_and_changes_nothing(api: httpx.Client) -> None:
    directory = datasets(api)["Store Directory"]
    models_before = walk(api, "/v2/dataModels", limit=10)
    url = f"/v2/datasets/{directory['datasetId']}/migrate"
    answer = api.post(url, json={"shouldUpdateReferences": True, "dryRun": True})
    assert answer.status_code == 200, answer.text
    got = answer.json()
    assert got["dataModelId"] is None
    (link,) = got["links"]
    assert link["target"] == {"type": "dataset", "datasetId": directory["datasetId"]}
    table = api.get(f"/v2/connections/paths/{link['source']['tableId']}").json()
    assert table["path"][-1] == "STORES"
    assert walk(api, "/v2/dataModels", limit=10) == models_before
    assert datasets(api)["Store Directory"]["migrationStatus"] == "not-migrated"
    # shouldUpdateReferences is required, even for a dry run
    assert_sigma_error(api.post(url, json={"dryRun": True}), 400)


def test_a_migrated_dataset_becomes_a_data_model_its_workbooks_read(api: httpx.Client) -> None:
    found = datasets(api)
    legacy, directory = found["Order Lines (legacy)"], found["Store Directory"]
    sales = workbook_named(api, "Sales Overview")["workbookId"]
    # Sales Overview's element reading the legacy dataset reads Store Directory instead
    swapped = api.post(
        f"/v2/workbooks/{sales}/swapSources",
        json={"sourceMapping": [{"fromId": legacy["datasetId"], "toId": directory["datasetId"]}]},
    )
    assert swapped.status_code == 200, swapped.text
    read = [s for s in api.get(f"/v2/workbooks/{sales}/sources").json() if s["type"] == "dataset"]
    assert [s["inodeId"] for s in read] == [directory["datasetId"]]

    url = f"/v2/datasets/{directory['datasetId']}/migrate"
    assert_sigma_error(api.post(url, json={"shouldUpdateReferences": "yes"}), 400)
    assert_sigma_error(
        api.post(url, json={"shouldUpdateReferences": True, "destFolderId": "no-such-folder"}),
        404,
    )
    assert datasets(api)["Store Directory"]["migrationStatus"] == "not-migrated"
    answer = api.post(url, json={"shouldUpdateReferences": True})
    assert answer.status_code == 200, answer.text
    model_id = answer.json()["dataModelId"]

    model = api.get(f"/v2/dataModels/{model_id}").json()
    assert model["name"] == "Store Directory"
    assert model_id in {m["dataModelId"] for m in walk(api, "/v2/dataModels", limit=10)}
    migrated = api.get(f"/v2/datasets/{directory['datasetId']}").json()
    assert migrated["migrationStatus"] == "migrated"
    assert migrated["migrationToDataModel"]["dataModelId"] == model_id
    # the workbook now reads the data model, not the dataset
    kinds = {s["type"]: s for s in api.get(f"/v2/workbooks/{sales}/sources").json()}
    assert "dataset" not in kinds
    assert model_id in {
        s["dataModelId"]
        for s in api.get(f"/v2/workbooks/{sales}/sources").json()
        if s["type"] == "data-model"
    }
    # once is enough
    again = assert_sigma_error(api.post(url, json={"shouldUpdateReferences": False}), 400)
    assert model_id in again["message"]
