"""Version tags on the command line: ``tags list|show|create|delete|workbooks|versions``
and ``workbooks promote``, against the emulator. Bad input is one line
on stderr, a non-zero exit and no change (checked through the API)."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import route_count, run

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer


@pytest.fixture(autouse=True)
def _env(cli_env: dict[str, str]) -> None:
    """Every test here talks to the emulator through SIGMA_* variables."""


def _tags_of(sigma: Sigma, workbook: str) -> dict[str, int | None]:
    found = sigma.workbooks.resolve(workbook)
    return {
        t.name: int(t.source_workbook_version) if t.source_workbook_version else None
        for t in sigma.tags.workbook_tags(found.workbook_id)
    }


def test_list_show_and_pipe(sigma: Sigma) -> None:
    code, out, err = run("tags", "list", "-o", "table")
    assert code == 0, err
    assert "Production" in out and "Staging" in out and "2 tags" in err
    code, out, _ = run("tags", "list", "-o", "jsonl")
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert names == ["Production", "Staging"]
    code, out, err = run("tags", "show", "staging", "-o", "json")
    assert code == 0, err
    assert json.loads(out)["color"] == "amber"


def test_create_then_delete_with_yes(sigma: Sigma) -> None:
    code, out, err = run("tags", "create", "QA", "--color", "plum", "-o", "json")
    assert code == 0, err
    assert json.loads(out)["name"] == "QA"
    assert sigma.tags.get("QA").color == "plum"
    code, _, err = run("tags", "delete", "QA")  # no terminal, no --yes: only the plan
    assert code == 0 and "--yes" in err
    assert sigma.tags.get("QA")
    code, _, err = run("tags", "delete", "qa", "--yes")
    assert code == 0, err
    assert "QA" not in [t.name for t in sigma.tags.list()]


def test_an_unknown_tag_is_one_line_with_a_suggestion(sigma: Sigma) -> None:
    code, out, err = run("tags", "show", "Prodction")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "did you mean 'Production'?" in err
    code, _, err = run("tags", "create", "X", "--color", "blue")
    assert code == 2 and "X" not in [t.name for t in sigma.tags.list()]


def test_workbooks_of_a_tag_and_versions_of_a_workbook(sigma: Sigma) -> None:
    code, out, err = run("tags", "workbooks", "Staging", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    sales = sigma.workbooks.resolve("Sales Overview")
    assert [(r["name"], r["taggedVersion"]) for r in rows] == [
        ("Sales Overview", sales.latest_version)
    ]
    code, out, err = run("tags", "versions", "Sales Overview", "--limit", "2", "-o", "json")
    assert code == 0, err
    newest = json.loads(out)
    assert [v["version"] for v in newest] == [sales.latest_version, sales.latest_version - 1]
    assert newest[0]["tagNames"] == "Staging" and newest[1]["tagNames"] == "Production"
    assert "@" in newest[0]["publishedByEmail"]


def test_promote_tags_the_latest_version_once(sigma: Sigma, emulator: EmulatorServer) -> None:
    latest = sigma.workbooks.resolve("Demand Planning").latest_version
    code, out, err = run("workbooks", "promote", "Demand Planning", "--tag", "production")
    assert code == 0, err
    assert json.loads(out)["status"] == "created"
    assert _tags_of(sigma, "Demand Planning") == {"Production": latest}
    posts = route_count(emulator, "POST /v2/workbooks/tag")

    code, out, err = run("workbooks", "promote", "Demand Planning", "--tag", "Production")
    assert code == 0, err
    again = json.loads(out)
    assert again["status"] == "already there" and "already tagged Production" in again["message"]
    assert route_count(emulator, "POST /v2/workbooks/tag") == posts  # nothing sent
    assert _tags_of(sigma, "Demand Planning") == {"Production": latest}


def test_promote_moving_a_tag_needs_yes(sigma: Sigma) -> None:
    sales = sigma.workbooks.resolve("Sales Overview")
    before = _tags_of(sigma, "Sales Overview")
    assert before["Production"] == sales.latest_version - 1
    code, out, err = run("workbooks", "promote", sales.workbook_id, "--tag", "Production")
    assert code == 0, err
    assert "move Production from version" in err and json.loads(out)["status"] == "planned"
    assert _tags_of(sigma, "Sales Overview") == before
    code, out, err = run(
        "workbooks", "promote", "Sales Overview", "--tag", "Production", "--yes", "-o", "table"
    )
    assert code == 0, err
    assert "changed" in out
    assert _tags_of(sigma, "Sales Overview")["Production"] == sales.latest_version
    code, out, err = run(
        "workbooks", "promote", "Sales Overview", "--tag", "Production", "--version", "1", "--yes"
    )
    assert code == 0, err
    assert _tags_of(sigma, "Sales Overview")["Production"] == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("Demand Planning", "--tag", "Prodution"), "did you mean 'Production'?"),
        (("Demand Plannin", "--tag", "Production"), "did you mean 'Demand Planning'?"),
        (("Demand Planning", "--tag", "Production", "--version", "two"), "whole number"),
        (("Demand Planning", "--tag", "Production", "--version", "0"), "whole number"),
        (("Demand Planning", "--tag", "Production", "--version", "99999"), "no version 99999"),
    ],
)
def test_promote_bad_input_is_one_line_and_changes_nothing(
    sigma: Sigma, emulator: EmulatorServer, args: tuple[str, ...], says: str
) -> None:
    posts = route_count(emulator, "POST /v2/workbooks/tag")
    code, out, err = run("workbooks", "promote", *args, "--yes")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and says in err, err
    assert "Traceback" not in err
    assert route_count(emulator, "POST /v2/workbooks/tag") == posts
    assert _tags_of(sigma, "Demand Planning") == {}


def test_tag_names_complete() -> None:
    from tests.support.helpers import complete

    assert complete("sigmakit tags workbooks Pro") == ["Production"]
    assert complete("sigmakit workbooks promote Sales --tag st") == ["Staging"]
