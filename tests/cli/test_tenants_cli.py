"""Tenant organizations on the command line: ``tenants list|show`` against the emulator
(seeded with Northwind Europe and Northwind Canada)."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import run

from sigmakit import Sigma


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def test_tenants_list_and_show(sigma: Sigma) -> None:
    code, out, err = run("tenants", "list", "-o", "table")
    assert code == 0, err
    assert "northwind-europe" in out and "2 tenants" in err
    code, out, err = run("tenants", "list", "--sort", "name", "-o", "jsonl")
    assert [json.loads(line)["tenantOrganizationName"] for line in out.splitlines()] == [
        "Northwind Canada",
        "Northwind Europe",
    ]
    code, out, err = run("tenants", "show", "Northwind Canada", "-o", "json")
    assert code == 0, err
    assert json.loads(out)["tenantRegion"] == "ca-central-1"
    code, out, err = run("tenants", "show", "northwind-canda")
    assert code != 0 and out == "" and err.count("\n") == 1
    assert "did you mean 'northwind-canada'?" in err
