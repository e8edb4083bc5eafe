"""``sigmakit favorites`` and ``sigmakit templates`` against the emulator."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import run

from sigmakit import Sigma


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def test_your_favorites_and_a_members(sigma: Sigma) -> None:
    workbook = sigma.workbooks.resolve("Sales Overview")
    sigma.favorites.add(workbook.workbook_id)
    code, out, err = run("favorites", "list", "-o", "table")
    assert code == 0 and "Sales Overview" in out, err
    member = next(m for m in sigma.members.list() if list(sigma.favorites.for_member(m.member_id)))
    expected = [f.id for f in sigma.favorites.for_member(member.member_id)]
    code, out, err = run("favorites", "list", "--member", member.email, "-o", "jsonl")
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == expected
    code, out, err = run("favorites", "list", "--member", "ghost@example.com")
    assert code == 5 and out == "" and err.count("\n") == 1


def test_templates_list_and_show(sigma: Sigma) -> None:
    code, out, err = run("templates", "list", "--source", "external", "-o", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["name"] for r in rows] == ["Retail KPI Starter"]
    code, out, err = run("templates", "list", "-o", "table")
    assert code == 0 and "Retail KPI Starter" in out and "Sales Overview Template" in out
    code, out, err = run("templates", "show", "Retail KPI Starter", "-o", "json")
    assert code == 0 and json.loads(out)["templateId"] == rows[0]["templateId"]
    code, out, err = run("templates", "show", "Retail KPI Startr")
    assert code == 5 and out == "" and "did you mean 'Retail KPI Starter'" in err
    code, out, err = run("templates", "list", "--source", "partner")
    assert code == 2 and err.count("\n") == 1
