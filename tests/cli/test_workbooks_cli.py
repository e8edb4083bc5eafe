"""``sigmakit workbooks``, run against the emulator: stdout, stderr and exit codes apart,
and the emulator's state read back to prove each effect (or that nothing changed)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from rich.console import Console
from rich.text import Text
from tests.support.helpers import all_entries, get_json, run, workbook_owners
from tests.support.workbook_jobs import job_mode, jobs_started

from sigmakit import Sigma
from sigmakit.cli.output import OutputOptions, emit, linked_rows
from sigmakit.emulator import EmulatorServer

#: every test here talks to the emulator through SIGMA_* variables
pytestmark = pytest.mark.usefixtures("cli_env")


def _workbooks(emulator: EmulatorServer) -> list[dict[str, Any]]:
    """Every live workbook, as ``GET /v2/workbooks`` lists them."""
    return all_entries(emulator, "/v2/workbooks", skipPermissionCheck="true")


# -- lists --------------------------------------------------------------------------------


def test_list_shows_every_live_workbook(emulator: EmulatorServer) -> None:
    code, out, err = run("workbooks", "list", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["workbookId"] for r in rows] == [w["workbookId"] for w in _workbooks(emulator)]
    assert rows[0]["url"].startswith("https://")


def test_list_by_owner_like_the_quickstart(emulator: EmulatorServer, sigma: Sigma) -> None:
    owner = sigma.members.get(sigma.workbooks.resolve("Demand Planning").owner_id)
    code, out, err = run("workbooks", "list", "--owner", owner.email, "-o", "json")
    assert code == 0, err
    owned = [w["workbookId"] for w in _workbooks(emulator) if w["ownerId"] == owner.member_id]
    assert [r["workbookId"] for r in json.loads(out)] == owned
    assert owned
    code, _, err = run("workbooks", "list", "--owner", owner.email, "--member", owner.email)
    assert code == 2 and "not both" in err


def test_a_members_lists(sigma: Sigma) -> None:
    member = sigma.members.get(sigma.workbooks.resolve("Demand Planning").owner_id)
    code, out, err = run("workbooks", "list", "--member", member.email, "-o", "json")
    assert code == 0, err
    files = sigma.files.of_member(member.member_id, type_filters="workbook")
    assert [r["workbookId"] for r in json.loads(out)] == [f.id for f in files]

    code, out, _ = run("workbooks", "shared-with", member.email, "-o", "csv")
    assert code == 0
    shared = list(csv.DictReader(io.StringIO(out)))
    assert all(r["ownerId"] != member.member_id for r in shared)

    code, out, _ = run("workbooks", "recent", member.member_id, "--limit", "2", "-o", "json")
    assert code == 0
    recent = json.loads(out)
    assert len(recent) <= 2 and recent
    stamps = [r["lastInteractionAt"] for r in recent]
    assert stamps == sorted(stamps, reverse=True)


def test_an_unknown_member_is_not_found() -> None:
    code, out, err = run("workbooks", "shared-with", "nobody@nowhere.example")
    assert (code, out) == (5, "")
    assert len(err.strip().splitlines()) == 1 and "nobody@nowhere.example" in err


def test_on_a_terminal_names_are_links() -> None:
    rows = [{"name": "Q1 [draft]", "url": "https://app.example/wb/1"}]
    table = OutputOptions("table", None)
    assert list(linked_rows(rows, table, terminal=False)) == rows
    assert list(linked_rows(rows, OutputOptions("json", None), terminal=True)) == rows
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=120)
    for row in linked_rows(rows, table, terminal=True):
        console.print(row["name"])
    shown = buffer.getvalue()
    assert "\x1b]8;" in shown and "https://app.example/wb/1" in shown  # an OSC 8 hyperlink
    # the name's own brackets are not taken for markup
    assert Text.from_ansi(shown).plain.strip() == "Q1 [draft]"
    plain = io.StringIO()
    emit(rows, table, stream=plain)
    assert "\x1b]8;" not in plain.getvalue()


# -- input tables -------------------------------------------------------------------------


def test_input_tables_lists_them_all(emulator: EmulatorServer) -> None:
    code, out, err = run("workbooks", "input-tables", "-o", "csv", "--concurrency", "4")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = [
        e["elementId"]
        for w in _workbooks(emulator)
        for e in all_entries(emulator, f"/v2/workbooks/{w['workbookId']}/elements")
        if e["type"] == "input-table"
    ]
    assert sorted(r["elementId"] for r in rows) == sorted(expected)
    assert {"workbook", "page", "element", "workbookId", "pageId"} <= rows[0].keys()
    assert f"{len(rows)} input tables in" in err


# -- materialize --------------------------------------------------------------------------


def test_materialize_waits_and_reports_each_job(emulator: EmulatorServer) -> None:
    job_mode(emulator, "immediate")
    code, out, err = run("workbooks", "materialize", "Sales Overview", "-o", "jsonl")
    assert code == 0, err
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["element"], row["status"]) == ("Orders", "ready")
    assert f"Orders ({row['sheetId']}): ready" in err
    assert [j["jobId"] for j in jobs_started(emulator)] == [row["materializationId"]]


def test_a_failed_materialization_exits_8(emulator: EmulatorServer) -> None:
    job_mode(emulator, "immediate")
    code, out, err = run("workbooks", "materialize", "Demand Planning", "-o", "jsonl")
    assert code == 8
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["status"] == "failed"
    assert "failed" in err and "timed out after 900 s" in err


def test_a_materialization_past_the_timeout_exits_8(emulator: EmulatorServer) -> None:
    job_mode(emulator, "manual")
    code, _, err = run("workbooks", "materialize", "Sales Overview", "--timeout", "0.05")
    assert code == 8
    assert "timed out: still pending after 0.05 s" in err


def test_materialize_refuses_element_and_all(emulator: EmulatorServer) -> None:
    code, _, err = run("workbooks", "materialize", "Sales Overview", "--all", "--element", "Orders")
    assert code == 2 and "--all" in err
    code, _, err = run("workbooks", "materialize", "Sales Overview", "--element", "Nope")
    assert code == 2 and "valid elements: Orders" in err
    assert jobs_started(emulator) == []


# -- export -------------------------------------------------------------------------------


def test_export_an_element_with_controls(emulator: EmulatorServer, tmp_path: Path) -> None:
    job_mode(emulator, "immediate")
    dest = tmp_path / "west.csv"
    code, out, err = run(
        "workbooks",
        "export",
        "Sales Overview",
        "--element",
        "Orders",
        "--format",
        "csv",
        "--param",
        "Region=West",
        "--date-range",
        "DateFilter=..2024-03-31",
        "--out",
        str(dest),
    )
    assert code == 0, err
    assert out == ""
    assert err.strip() == f"wrote {dest} ({dest.stat().st_size} bytes)" or "KB)" in err
    rows = list(csv.DictReader(io.StringIO(dest.read_text())))
    assert rows and {r["Region"] for r in rows} == {"West"}
    assert max(r["Order Date"] for r in rows) < "2024-04-01"


def test_export_a_page_as_a_landscape_pdf(emulator: EmulatorServer, tmp_path: Path) -> None:
    job_mode(emulator, "immediate")
    dest = tmp_path / "stores.pdf"
    code, _, err = run(
        "workbooks", "export", "Sales Overview", "--page", "Stores", "--format", "pdf",
        "--layout", "landscape", "--out", str(dest),
    )  # fmt: skip
    assert code == 0, err
    assert dest.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--page", "Nope", "--format", "pdf"], "valid pages: "),
        (["--element", "Nope", "--format", "csv"], "valid elements: "),
        (["--element", "Orders", "--format", "csv", "--param", "Colour=Red"], "valid controls: "),
        (["--element", "Orders", "--format", "csv", "--date-range", "DateFilter=..."], "date"),
        (["--element", "Orders", "--format", "csv", "--param", "Region"], "NAME=VALUE"),
    ],
)
def test_a_wrong_export_is_one_line_and_changes_nothing(
    emulator: EmulatorServer, tmp_path: Path, args: list[str], names: str
) -> None:
    dest = tmp_path / "never.out"
    code, out, err = run("workbooks", "export", "Sales Overview", *args, "--out", str(dest))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and names in err
    assert not dest.exists()
    assert jobs_started(emulator) == []


def test_an_export_past_the_timeout_exits_8_and_writes_nothing(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    job_mode(emulator, "manual")
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(
        "workbooks", "export", "Sales Overview", "--element", "Orders", "--format", "csv",
        "--out", str(folder / "late.csv"), "--timeout", "0.05",
    )  # fmt: skip
    assert code == 8 and "timeout" in err
    assert list(folder.iterdir()) == []


# -- copy and transfer --------------------------------------------------------------------


def test_copy_into_a_members_my_documents(sigma: Sigma, emulator: EmulatorServer) -> None:
    member = sigma.members.get(sigma.workbooks.resolve("Demand Planning").owner_id)
    code, out, err = run(
        "workbooks",
        "copy",
        "Sales Overview",
        "--to",
        member.email,
        "--name",
        "My Sales",
        "-o",
        "json",
    )
    assert code == 0, err
    copied = json.loads(out)
    assert copied["name"] == "My Sales"
    parent = get_json(emulator, f"/v2/files/{copied['workbookId']}")["parentId"]
    assert parent == member.home_folder_id
    assert "My Documents" in err


def test_transfer_shows_the_plan_and_changes_nothing_without_yes(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    old = sigma.members.get(sigma.workbooks.resolve("Demand Planning").owner_id)
    new = sigma.members.get(sigma.workbooks.resolve("Sales Overview").owner_id)
    before = workbook_owners(emulator)
    code, out, err = run("workbooks", "transfer", "--from", old.email, "--to", new.email)
    assert code == 0, err
    items = [json.loads(line) for line in out.splitlines()]
    assert items and {i["status"] for i in items} == {"planned"}
    assert "dry run: nothing changed; pass --yes to apply" in err
    assert workbook_owners(emulator) == before

    code, out, err = run("workbooks", "transfer", "--from", old.email, "--to", new.email, "--yes")
    assert code == 0, err
    changed = {json.loads(line)["id"] for line in out.splitlines()}
    after = workbook_owners(emulator)
    assert changed == {i["id"] for i in items}
    assert all(after[wb] == new.member_id for wb in changed)


def test_transfer_needs_one_source_and_known_members(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    before = workbook_owners(emulator)
    code, _, err = run("workbooks", "transfer", "--to", "x@y.example")
    assert code == 2 and "--from" in err
    code, _, err = run(
        "workbooks", "transfer", "Sales Overview", "--to", "nobody@nowhere.example", "--yes"
    )
    assert code == 5
    assert workbook_owners(emulator) == before


# -- lineage ------------------------------------------------------------------------------


def test_lineage_lists_what_each_data_element_reads_and_skips_controls() -> None:
    code, out, err = run("workbooks", "lineage", "Sales Overview", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    kinds = {r["element"]: set() for r in rows}
    for r in rows:
        kinds[r["element"]].add(r["sourceType"])
    assert kinds["Top Products"] == {"data-model", "control"}
    assert "table" in kinds["Orders"] and "dataset" in kinds["Store Performance"]
    assert "customSQL" in kinds["Revenue by Region and Category"]
    model = next(r for r in rows if r["sourceType"] == "data-model")
    assert "/" in model["sourceId"] and model["edge"] == "source"
    # the controls and the text were not asked (Sigma refuses them): no row, no failure
    assert not {"Region", "Notes"} & set(kinds) and "Traceback" not in err
    assert "elements without lineage skipped" in err and "failed" not in err


def test_lineage_of_an_unknown_workbook_is_a_one_line_not_found() -> None:
    code, out, err = run("workbooks", "lineage", "No Such Workbook")
    assert code == 5 and out == ""
    assert len(err.strip().splitlines()) == 1 and "No Such Workbook" in err


def test_workbooks_bookmarks_lists_a_tagged_versions_bookmarks(
    emulator: EmulatorServer, api: httpx.Client
) -> None:
    workbook = next(w for w in _workbooks(emulator) if w["name"] == "Sales Overview")
    tag = {"workbookId": workbook["workbookId"], "tag": "Production"}
    assert api.post("/v2/workbooks/tag", json=tag).status_code == 200
    body = {"workbookVersion": workbook["latestVersion"], "name": "West", "isShared": True}
    url = f"/v2/workbooks/{workbook['workbookId']}/bookmarks"
    assert api.post(url, json={**body, "exploreKey": "k"}).status_code == 200
    code, out, err = run(
        "workbooks", "bookmarks", "Sales Overview", "--tag", "Production", "-o", "json"
    )
    assert code == 0, err
    assert [(b["name"], b["isShared"]) for b in json.loads(out)] == [("West", True)]
    code, out, err = run("workbooks", "bookmarks", workbook["workbookId"], "--tag", "Nope")
    assert (code, out) == (5, "") and len(err.strip().splitlines()) == 1 and "Nope" in err


def test_workbooks_tagged_bookmark_command(emulator: EmulatorServer, api: httpx.Client) -> None:
    """``sigmakit workbooks tagged-bookmark``: one bookmark saved on the tagged version, the
    workbook named by name; a bookmark of another version is a one-line not found."""
    workbook = next(w for w in _workbooks(emulator) if w["name"] == "Sales Overview")
    tag = {"workbookId": workbook["workbookId"], "tag": "Production"}
    assert api.post("/v2/workbooks/tag", json=tag).status_code == 200
    url = f"/v2/workbooks/{workbook['workbookId']}/bookmarks"
    body = {"workbookVersion": workbook["latestVersion"], "name": "West", "isShared": True}
    west = api.post(url, json={**body, "exploreKey": "k"}).json()
    args = ("workbooks", "tagged-bookmark", "Sales Overview", "--tag", "Production")
    code, out, err = run(*args, "--bookmark", west["bookmarkId"], "-o", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["bookmarkId"], shown["name"], shown["isShared"]) == (
        west["bookmarkId"],
        "West",
        True,
    )
    older = api.post(
        url, json={**body, "name": "Old", "exploreKey": "k", "workbookVersion": 1}
    ).json()
    code, out, err = run(*args, "--bookmark", older["bookmarkId"])
    assert (code, out) == (5, "") and len(err.strip().splitlines()) == 1
    assert older["bookmarkId"] in err and "Traceback" not in err
