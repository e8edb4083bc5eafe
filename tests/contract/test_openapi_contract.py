"""The emulator against Sigma's own API description: for every operation it implements,
generated requests (valid and not) never get a 5xx, and every answer has a documented
status, content type and a body valid against its schema."""

from __future__ import annotations

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
from tests.contract.spec import emulator_operations, implemented, shape, sigma_spec
from tests.helpers import login

from sigmakit.emulator import EmulatorServer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_dict(sigma_spec()).include(
    lambda ctx: (ctx.operation.method.upper(), shape(ctx.operation.path)) in emulator_operations()
)


@pytest.fixture(scope="module")
def bearer(emulator_server: EmulatorServer) -> dict[str, str]:
    with httpx.Client(base_url=emulator_server.base_url) as client:
        return {"Authorization": f"Bearer {login(client)}"}


def test_the_core_operations_are_covered() -> None:
    ops = set(implemented())
    for op in [
        ("POST", "/v2/auth/token"),
        ("GET", "/v2/members"),
        ("POST", "/v2/members"),
        ("GET", "/v2/members/{memberId}"),
        ("PATCH", "/v2/members/{memberId}"),
        ("DELETE", "/v2/members/{memberId}"),
        ("GET", "/v2/whoami"),
    ]:
        assert op in ops


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_emulator_honours_the_description(
    case: Any, emulator_server: EmulatorServer, bearer: dict[str, str]
) -> None:
    headers = {} if case.path == "/v2/auth/token" else bearer
    response = case.call(base_url=emulator_server.base_url, headers=headers)
    case.validate_response(response, checks=CHECKS)
