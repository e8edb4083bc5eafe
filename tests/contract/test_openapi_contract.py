"""The emulator against both of Sigma's API descriptions (2025-11, Sigma's own; 2026-08, the
later re-layout, mended where it is wrong about the wire, see spec.py): for every operation
it implements, generated requests (valid and not) never get a 5xx, and every answer has a
documented status, content type and a body valid against its schema."""

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


def _served(version: str) -> Any:
    return schemathesis.openapi.from_dict(sigma_spec(version)).include(  # type: ignore[arg-type]
        lambda ctx: (
            (ctx.operation.method.upper(), shape(ctx.operation.path)) in emulator_operations()
        )
    )


schema_2025 = _served("2025-11")
schema_2026 = _served("2026-08")


@pytest.fixture(scope="module")
def bearer(emulator_server: EmulatorServer) -> dict[str, str]:
    with httpx.Client(base_url=emulator_server.base_url) as client:
        return {"Authorization": f"Bearer {login(client)}"}


@pytest.mark.parametrize("version", ["2025-11", "2026-08"])
def test_the_core_operations_are_covered(version: str) -> None:
    ops = set(implemented(version))  # type: ignore[arg-type]
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


SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _check(case: Any, server: EmulatorServer, bearer: dict[str, str]) -> None:
    headers = {} if case.path == "/v2/auth/token" else bearer
    response = case.call(base_url=server.base_url, headers=headers)
    case.validate_response(response, checks=CHECKS)


@schema_2025.parametrize()
@SETTINGS
def test_emulator_honours_the_2025_11_description(
    case: Any, emulator_server: EmulatorServer, bearer: dict[str, str]
) -> None:
    _check(case, emulator_server, bearer)


@schema_2026.parametrize()
@SETTINGS
def test_emulator_honours_the_2026_08_description(
    case: Any, emulator_server: EmulatorServer, bearer: dict[str, str]
) -> None:
    _check(case, emulator_server, bearer)
