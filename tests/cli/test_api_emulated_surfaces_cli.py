"""``sigmakit api`` reaches the surfaces the emulator serves without an SDK resource: data
models (token pages), bookmarks (a POST with typed fields), connection creation (201)."""

from __future__ import annotations

import json

import httpx
import pytest
from tests.support.helpers import run
from tests.support.sigma_http import walk

pytestmark = pytest.mark.usefixtures("cli_env")


def test_data_model_sources_walked_to_the_end(api: httpx.Client) -> None:
    model = next(m for m in walk(api, "/v2/dataModels") if m["name"] == "Retail Sales")
    code, out, err = run(
        "api",
        "/v2/dataModels/{dataModelId}/sources",
        "-p",
        f"dataModelId={model['dataModelId']}",
        "--paginate",
        "-F",
        "pageSize=2",
        "-o",
        "jsonl",
    )
    assert code == 0, err
    got = [json.loads(line) for line in out.splitlines()]
    assert got == api.get(f"/v2/dataModels/{model['dataModelId']}/sources").json()["entries"]
    assert len(got) == 5


def test_a_bookmark_made_with_typed_fields(api: httpx.Client) -> None:
    workbook = next(
        w for w in walk(api, "/v2/workbooks", limit=50) if w["name"] == "Sales Overview"
    )
    code, out, err = run(
        "api",
        "POST",
        "/v2/workbooks/{workbookId}/bookmarks",
        "-p",
        f"workbookId={workbook['workbookId']}",
        "-F",
        f"workbookVersion={workbook['latestVersion']}",
        "-f",
        "name=West only",
        "-F",
        "isShared=true",
        "-f",
        "exploreKey=76c76e52-8d94-448a-969c-32cc18da9ea0",
    )
    assert code == 0, err
    made = json.loads(out)
    assert made["name"] == "West only" and made["isShared"] is True
    listed = walk(api, f"/v2/workbooks/{workbook['workbookId']}/bookmarks")
    assert [b["bookmarkId"] for b in listed] == [made["bookmarkId"]]


def test_a_connection_made_from_the_command_line(api: httpx.Client) -> None:
    code, out, err = run(
        "api",
        "POST",
        "/v2/connections",
        "-f",
        "name=Ops Replica",
        "-f",
        "details[type]=postgres",
        "-f",
        "details[host]=replica.ops.internal",
        "-f",
        "details[database]=ops",
    )
    assert code == 0, err
    made = json.loads(out)
    assert api.get(f"/v2/connections/{made['connectionId']}").json() == made
