"""The emulator against the operations Sigma published after the bundled 2026-08 description
that it serves (``reference/sigma-openapi-2026-10-extract.json``): generated requests, valid
and not, never get a 5xx, and every answer has a documented status and a body valid against
its schema. The extract is every such operation, so each must be served."""

from __future__ import annotations

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
schema = schemathesis.openapi.from_dict(EXTRACT)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bearer(emulator_once: EmulatorServer) -> dict[str, str]:
    reseed(emulator_once)
    with httpx.Client(base_url=emulator_once.base_url) as client:
        return {"Authorization": f"Bearer {login(client)}"}


def test_every_operation_of_the_extract_is_served() -> None:
    wanted = {
        (method.upper(), shape(path))
        for path, item in EXTRACT["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert len(wanted) == 7
    assert wanted <= emulator_operations()


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_emulator_honours_the_newer_operations(
    case: Any, emulator_once: EmulatorServer, bearer: dict[str, str]
) -> None:
    response = case.call(base_url=emulator_once.base_url, headers=bearer)
    case.validate_response(response, checks=CHECKS)
