"""The emulator against the operations Sigma published after the bundled 2026-08 description
(``reference/sigma-openapi-2026-10-extract.json``): generated requests, valid and not, never
get a 5xx, and every answer has a documented status and a body valid against its schema.
The extract is every such operation, so each must be served.

As in test_openapi_contract.py, three cases in four (deletes aside) have their ids replaced
with real ones from the seeded organization, so the answers carry real entries: a workbook
table, a data model element with a materialization schedule and a column security rule."""

from __future__ import annotations

import copy
import itertools
import json
from importlib import resources
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tests.contract.spec import emulator_operations, shape
from tests.support.helpers import login, reseed

from sigmakit.emulator import EmulatorServer

EXTRACT: dict[str, Any] = json.loads(
    resources.files("sigmakit.reference")
    .joinpath("sigma-openapi-2026-10-extract.json")
    .read_text(encoding="utf-8")
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The workbook spec read answers YAML by default, as its description says, but its 200 lists
# only application/json: the same schema as application/yaml too (reference/README.md).
_read = EXTRACT["paths"]["/v2/workbooks/{workbookId}/spec"]["get"]["responses"]["200"]["content"]
_read["application/yaml"] = copy.deepcopy(_read["application/json"])
schema = schemathesis.openapi.from_dict(EXTRACT)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bearer(emulator_once: EmulatorServer) -> dict[str, str]:
    reseed(emulator_once)
    with httpx.Client(base_url=emulator_once.base_url) as client:
        return {"Authorization": f"Bearer {login(client)}"}


def _first(client: httpx.Client, url: str) -> dict[str, Any]:
    answer = client.get(url, params={"limit": 1000})
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()["entries"]
    return entries[0]


@pytest.fixture(scope="module")
def real_ids(emulator_once: EmulatorServer, bearer: dict[str, str]) -> dict[str, dict[str, str]]:
    """Real ids by path prefix (``elementId`` is a workbook's under /v2/workbooks and a data
    model's under /v2/dataModels), made through the API where the seed has none."""
    with httpx.Client(base_url=emulator_once.base_url, headers=bearer, timeout=30) as client:
        workbook = _first(client, "/v2/workbooks")["workbookId"]
        table = next(
            e
            for e in client.get(f"/v2/workbooks/{workbook}/elements").json()["entries"]
            if e["type"] == "table"
        )
        model = _first(client, "/v2/dataModels")["dataModelId"]
        element = _first(client, f"/v2/dataModels/{model}/elements")["elementId"]
        made = client.post(
            f"/v2/dataModels/{model}/elements/{element}/columnSecurityRules",
            json=[{"columns": "all", "criteria": {"kind": "no-one-can-view"}}],
        )
        assert made.status_code == 200, made.text
        schedule = client.post(
            f"/v2/dataModels/{model}/elements/{element}/materializationSchedules",
            json={"schedule": {"cronSpec": "0 4 * * *"}},
        )
        assert schedule.status_code in (201, 409), schedule.text
        folder = client.get("/v2/workspaces").json()["entries"][0]["workspaceId"]
    return {
        "/v2/workbooks": {"workbookId": workbook, "elementId": table["elementId"]},
        "/v2/dataModels": {
            "dataModelId": model,
            "elementId": element,
            "columnSecurityRuleId": made.json()[0]["columnSecurityRuleId"],
        },
        "/v3alpha/dataModels": {"dataModelId": model},
        "/v2/shortcuts": {"parentId": folder},
    }


def test_every_operation_of_the_extract_is_served() -> None:
    wanted = {
        (method.upper(), shape(path))
        for path, item in EXTRACT["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    # 7 organization settings, 1 shortcut, 6 element materialization schedules, 4 column
    # security rules, a data model element's query, 3 data model specs, the v3alpha swap,
    # 4 workbook specs
    assert len(wanted) == 27
    assert wanted <= emulator_operations()


_turn = itertools.count()


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_emulator_honours_the_newer_operations(
    case: Any,
    emulator_once: EmulatorServer,
    bearer: dict[str, str],
    real_ids: dict[str, dict[str, str]],
) -> None:
    if case.method != "DELETE" and next(_turn) % 4:
        ids = next((v for k, v in real_ids.items() if case.path.startswith(k)), {})
        for name in list(case.path_parameters or ()):
            if name in ids:
                case.path_parameters[name] = ids[name]
    response = case.call(base_url=emulator_once.base_url, headers=bearer)
    case.validate_response(response, checks=CHECKS)
