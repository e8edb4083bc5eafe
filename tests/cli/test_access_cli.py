"""``sigmakit access review`` against the emulator: the output a user reads, the exit
codes a scheduled job acts on, files never overwritten by accident, and the HTML report
sorted and filtered in headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.browser import LAUNCH_ARGS, find_chromium
from tests.support.helpers import CLIENT_SECRET, clear_stats, request_total, run

from sigmakit import NewGrant, Sigma
from sigmakit.cli.exits import ExitCode
from sigmakit.emulator import EmulatorServer


def grant_workspace(sigma: Sigma, email: str, name: str, permission: str = "view") -> str:
    member = sigma.members.create(
        email=email, first_name="Re", last_name="View", member_type="Pro"
    ).member_id
    workspace = sigma.workspaces.create(name=name).workspace_id
    sigma.workspaces.create_grants(workspace, [NewGrant.member(member, permission)])  # type: ignore[arg-type]
    return member


def test_json_rows_say_what_and_why(sigma: Sigma, cli_env: dict[str, str]) -> None:
    grant_workspace(sigma, "rev@access.example", "Review Space", "explore")
    code, out, err = run("access", "review", "--member", "rev@access.example", "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["kind"], r["path"], r["permission"], r["why"]) for r in rows] == [
        ("workspace", "Review Space", "explore", "direct grant")
    ]
    assert "1 row(s) for 1 member(s)" in err
    assert CLIENT_SECRET not in out + err


def test_csv_and_fields(sigma: Sigma, cli_env: dict[str, str]) -> None:
    grant_workspace(sigma, "rev@access.example", "Review Space")
    code, out, err = run(
        "access", "review", "--team", "Sales", "-o", "csv", "--fields", "email,path,why"
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "email,path,why"
    assert len(lines) > 2 and all(line.count(",") >= 2 for line in lines[1:])


def test_findings_table(sigma: Sigma, cli_env: dict[str, str]) -> None:
    sigma.workspaces.create(name="Nobody Runs This")
    code, out, err = run("access", "review", "--findings", "-o", "jsonl")
    assert code == 0, err
    found = [json.loads(line) for line in out.splitlines()]
    assert {"finding": "workspace-without-admin", "subject": "Nobody Runs This"}.items() <= next(
        f for f in found if f["subject"] == "Nobody Runs This"
    ).items()


def test_since_exits_0_unchanged_and_10_on_a_change(
    sigma: Sigma, cli_env: dict[str, str], tmp_path: Path
) -> None:
    member = grant_workspace(sigma, "rev@access.example", "Review Space")
    snapshot = tmp_path / "last.json"
    code, _, err = run("access", "review", "--member", member, "--save", str(snapshot))
    assert code == 0, err
    assert json.loads(snapshot.read_text())["rows"][0]["path"] == "Review Space"

    code, out, err = run("access", "review", "--member", member, "--since", str(snapshot))
    assert (code, json.loads(out)) == (0, [])
    assert "0 change(s)" in err

    other = sigma.workspaces.create(name="Granted Later").workspace_id
    sigma.workspaces.create_grants(other, [NewGrant.member(member, "edit")])
    code, out, err = run(
        "access",
        "review",
        "--member",
        member,
        "--since",
        str(snapshot),
        "--save",
        str(snapshot),
        "-o",
        "json",
    )
    assert code == ExitCode.CHANGED == 10, err
    assert [(c["change"], c["path"], c["before"], c["after"]) for c in json.loads(out)] == [
        ("granted", "Granted Later", None, "edit")
    ]
    # the rolling snapshot was replaced: the same run again finds nothing new
    code, out, _ = run("access", "review", "--member", member, "--since", str(snapshot))
    assert (code, json.loads(out)) == (0, [])

    grant = next(g for g in sigma.workspaces.grants(other) if g.member_id == member)
    sigma.workspaces.delete_grant(other, grant.grant_id)
    code, out, _ = run("access", "review", "--member", member, "--since", str(snapshot))
    assert code == 10
    assert [(c["change"], c["path"]) for c in json.loads(out)] == [("revoked", "Granted Later")]


def test_existing_files_are_not_replaced_without_force(
    emulator: EmulatorServer, cli_env: dict[str, str], tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    report.write_text("keep me")
    clear_stats(emulator)
    code, out, err = run("access", "review", "--html", str(report))
    assert (code, out) == (ExitCode.USAGE, "")
    assert "exists; pass --force" in err and len(err.strip().splitlines()) == 1
    assert report.read_text() == "keep me"
    assert request_total(emulator) == 0
    code, _, err = run("access", "review", "--html", str(report), "--force", "-o", "json")
    assert code == 0, err
    assert report.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--workspace", "No Such Space"), "no workspace 'No Such Space'"),
        (("--team", "Nobody"), "no team 'Nobody'"),
        (("--connection", "Nope"), "no connection 'Nope'"),
    ],
)
def test_unknown_scope_is_one_line_and_exit_2(
    cli_env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run("access", "review", *args)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.strip() == f"error: {message}"


def test_a_file_that_is_no_snapshot_is_refused_before_any_request(
    emulator: EmulatorServer, cli_env: dict[str, str], tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"rows": []}')
    clear_stats(emulator)
    code, out, err = run("access", "review", "--since", str(bogus))
    assert (code, out) == (ExitCode.USAGE, "")
    assert "is not an access review snapshot" in err and "Traceback" not in err
    assert request_total(emulator) == 0


# The browser: module scope, as tests/console/conftest.py explains (Playwright's sync API
# keeps an event loop on the main thread while open).
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found: `make browser` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


def test_html_report_sorts_filters_and_escapes(
    sigma: Sigma, cli_env: dict[str, str], tmp_path: Path, browser: Any
) -> None:
    member = grant_workspace(sigma, "rev@access.example", "Zed <b>bold</b> Space")
    for name in ("Alpha Space", "Middle Space"):
        space = sigma.workspaces.create(name=name).workspace_id
        sigma.workspaces.create_grants(space, [NewGrant.member(member, "view")])
    report = tmp_path / "review.html"
    code, _, err = run("access", "review", "--member", member, "--html", str(report), "-o", "json")
    assert code == 0, err
    text = report.read_text()
    assert "Zed &lt;b&gt;bold&lt;/b&gt; Space" in text and "<b>bold" not in text
    assert "http://" not in text and "https://" not in text

    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(report.as_uri())
        paths = page.locator("#access tbody tr td:nth-child(4)")
        assert paths.all_text_contents() == [
            "Alpha Space",
            "Middle Space",
            "Zed <b>bold</b> Space",
        ]
        header = page.locator("#access thead th", has_text="Path")
        header.click()
        header.click()  # descending
        assert paths.all_text_contents()[0] == "Zed <b>bold</b> Space"
        page.fill("#access-filter", "middle")
        visible = page.locator("#access tbody tr:visible td:nth-child(4)")
        assert visible.all_text_contents() == ["Middle Space"]
        assert page.locator("#access-count").text_content() == "1 of 3"
        assert page.locator("b").count() == 0
    finally:
        page.close()
    assert requested == [report.as_uri()]


def test_a_save_into_a_missing_folder_is_refused_before_any_request(
    emulator: EmulatorServer, cli_env: dict[str, str], tmp_path: Path
) -> None:
    clear_stats(emulator)
    code, out, err = run("access", "review", "--save", str(tmp_path / "nope" / "last.json"))
    assert (code, out) == (ExitCode.USAGE, "")
    assert "no folder" in err and len(err.strip().splitlines()) == 1
    assert request_total(emulator) == 0


def test_since_refuses_a_snapshot_of_another_scope(
    sigma: Sigma, emulator: EmulatorServer, cli_env: dict[str, str], tmp_path: Path
) -> None:
    member = grant_workspace(sigma, "rev@access.example", "Review Space")
    snapshot = tmp_path / "one.json"
    code, _, err = run("access", "review", "--member", member, "--save", str(snapshot))
    assert code == 0, err
    clear_stats(emulator)
    code, out, err = run("access", "review", "--team", "Sales", "--since", str(snapshot))
    assert (code, out) == (ExitCode.USAGE, "")
    assert f"is a review of members {member}, not of teams Sales" in err
    assert request_total(emulator) == 0
