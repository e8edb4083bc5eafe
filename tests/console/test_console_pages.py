"""The console in a real browser: every page opens, people can be searched, filtered and
paged, a member leads to their workspace and grants, an export's status changes live on
the Jobs page, and a fault knob shows in the request log."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from tests.support.browser import NARROW, Console
from tests.support.helpers import login

from sigmakit import Sigma
from sigmakit.emulator import EmulatorServer
from sigmakit.types.grants import NewGrant

PAGES = [
    ("", "Overview"),
    ("/people", "People"),
    ("/teams", "Teams"),
    ("/workspaces", "Workspaces"),
    ("/connections", "Connections"),
    ("/workbooks", "Workbooks"),
    ("/jobs", "Jobs"),
    ("/requests", "Requests"),
    ("/control", "Control"),
]


def _unlabelled(page: Any) -> list[str]:
    """Form fields a screen reader could not name."""
    found: list[str] = page.eval_on_selector_all(
        "input:not([type=hidden]), select, textarea",
        "els => els.filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))"
        ".map(e => e.name)",
    )
    return found


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_each_page_opens_with_its_title_heading_and_labelled_fields(
    console: Console, path: str, title: str
) -> None:
    page = console.open(path)
    assert page.title() == f"{title} · sigmakit emulator console"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert _unlabelled(page) == []
    if title != "Overview":
        link = page.get_by_role("navigation", name="Console sections").get_by_role(
            "link", name=title
        )
        expect(link).to_have_attribute("aria-current", "page")


def test_detail_pages_of_each_kind_open_from_their_lists(console: Console) -> None:
    page = console.open("/teams")
    first_team = page.locator("#teams tbody a").first
    name = first_team.inner_text()
    first_team.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert page.locator("#team-members tbody tr").count() >= 1

    console.open("/connections")
    connection = page.locator("#connections tbody a").first
    name = connection.inner_text()
    connection.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Catalogue")).to_be_visible()
    assert page.locator("details li").count() >= 1

    console.open("/workbooks?q=Sales+Overview")
    page.get_by_role("link", name="Sales Overview", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sales Overview")
    expect(page.get_by_role("heading", name="Pages and elements")).to_be_visible()
    expect(page.get_by_role("heading", name="Materialization schedules")).to_be_visible()


def test_people_search_finds_one_member_by_part_of_their_name(
    console: Console, sigma: Sigma
) -> None:
    created = sigma.members.create(
        email="quinn.zephyrine@northwind.example",
        first_name="Quinn",
        last_name="Zephyrine",
        member_type="Lite",
        send_invite=False,
    )
    page = console.open("/people")
    page.get_by_label("Search").fill("zephyr")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#people tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Quinn Zephyrine")
    expect(rows.first).to_contain_text(created.email)
    expect(rows.first).to_contain_text("Lite")


def test_people_filters_by_account_type_and_status(console: Console, sigma: Sigma) -> None:
    everyone = list(sigma.members.list(include_archived=True, include_inactive=True))
    lite = [m for m in everyone if m.member_type == "Lite"]
    assert 0 < len(lite) < 25  # one page, so every row can be checked
    sigma.members.update(lite[0].member_id, is_inactive=True)

    page = console.open("/people")
    page.get_by_label("Account type").select_option("Lite")
    page.get_by_label("Status").select_option("all")
    page.get_by_role("button", name="Filter").click()
    types = page.locator("#people tbody tr td:nth-child(3)")
    expect(types).to_have_count(len(lite))
    assert set(types.all_inner_texts()) == {"Lite"}

    page.get_by_label("Status").select_option("inactive")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#people tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(lite[0].email)
    expect(rows.first).to_contain_text("inactive")


def test_people_every_page_lists_every_active_member_once(console: Console, sigma: Sigma) -> None:
    active = {m.email for m in sigma.members.list()}
    assert len(active) > 25
    page = console.open("/people")
    seen: list[str] = []
    while True:
        seen += page.locator("#people tbody tr td:nth-child(2)").all_inner_texts()
        following = page.get_by_role("link", name="Next page")
        if following.count() == 0:
            break
        following.click()
    assert sorted(seen) == sorted(active)
    expect(
        page.get_by_text(re.compile(rf"Page \d+ of \d+ \({len(active)} in all\)"))
    ).to_be_visible()


def test_a_member_leads_to_their_workspace_and_its_grants(console: Console, sigma: Sigma) -> None:
    member = sigma.members.create(
        email="ines.okafor@northwind.example",
        first_name="Ines",
        last_name="Okafor",
        member_type="Pro",
        send_invite=False,
    )
    workspace = sigma.workspaces.create(name="Ines's Analyses")
    sigma.workspaces.create_grants(
        workspace.workspace_id, [NewGrant.member(member.member_id, "explore")]
    )

    page = console.open("/people")
    page.get_by_label("Search").fill("okafor")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Ines Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ines Okafor")
    grant_row = page.locator("#member-grants tbody tr", has_text="Ines's Analyses")
    expect(grant_row).to_contain_text("explore")
    expect(grant_row).to_contain_text("directly")

    page.locator("#member-workspaces").get_by_role("link", name="Ines's Analyses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ines's Analyses")
    expect(page.locator("#workspace-grants tbody tr", has_text="Ines Okafor")).to_contain_text(
        "explore"
    )
    expect(page.locator("#effective tbody tr", has_text="Ines Okafor")).to_contain_text("explore")


def test_an_export_started_through_the_api_changes_status_live_on_the_jobs_page(
    console: Console, sigma: Sigma, emulator: EmulatorServer
) -> None:
    with emulator.control() as control:
        control.put("/jobs", json={"mode": "manual"}).raise_for_status()
    workbook = sigma.workbooks.resolve("Sales Overview")
    orders = next(
        e for e in sigma.workbooks.all_elements(workbook.workbook_id) if e.name == "Orders"
    )
    query_id = sigma.workbooks.export(
        workbook.workbook_id, element_id=orders.element_id, format="csv", row_limit=5
    )

    page = console.open("/jobs")
    row = page.locator(f"#job-{query_id}")
    expect(row).to_contain_text("Sales Overview / Orders")
    expect(row).to_have_attribute("data-status", "pending")

    with emulator.control() as control:  # no reload below: the page polls
        control.post("/jobs/step", json={"jobId": query_id}).raise_for_status()
        expect(row).to_have_attribute("data-status", "building")
        control.post("/jobs/step", json={"jobId": query_id}).raise_for_status()
    expect(row).to_have_attribute("data-status", "ready")
    expect(row).to_contain_text("csv")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download").click()
    content = Path(download_info.value.path()).read_bytes()
    lines = content.decode().splitlines()
    assert lines[0].startswith(orders.columns[0])
    assert len(lines) == 6  # the header and the five rows asked for
    page.reload()
    row = page.locator(f"#job-{query_id}")
    expect(row).to_contain_text(f"{len(content):,} bytes")

    with emulator.control() as control:  # past the hour Sigma keeps an export
        control.post("/clock", json={"advance": 3601}).raise_for_status()
    expect(row).to_have_attribute("data-status", "expired")
    expect(row.get_by_role("link", name="Download")).to_have_count(0)


def emulator_now(emulator: EmulatorServer) -> datetime:
    """The emulator's clock, read through its control plane (moving it by nothing)."""
    with emulator.control() as control:
        now = control.post("/clock", json={"advance": 0}).json()["now"]
    return datetime.fromisoformat(now.replace("Z", "+00:00"))


def test_a_fault_knob_set_on_the_control_page_shows_in_the_request_log(
    console: Console, emulator: EmulatorServer
) -> None:
    page = console.open("/control")
    page.get_by_label("Error rate (0 to 1)").fill("1")
    page.get_by_label("Fault seed").fill("3")
    page.get_by_role("button", name="Save faults").click()
    expect(page.get_by_role("status")).to_have_text("Fault knobs saved.")
    with emulator.control() as control:
        assert control.get("/faults").json()["error_rate"] == 1.0

    console.open("/requests")
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        answer = client.get("/v2/teams")  # no token needed: the fault comes first
    assert answer.status_code >= 500
    faulted = page.locator("#requests tbody tr[data-fault='error']")  # appears by polling
    expect(faulted.first).to_contain_text("GET /v2/teams")
    expect(faulted.first).to_contain_text(str(answer.status_code))
    expect(faulted.first).to_contain_text("injected error")


def test_request_log_filters_by_route_and_status(
    console: Console, emulator: EmulatorServer
) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        login(client)
        assert client.get("/v2/members", params={"limit": 2}).status_code == 200
        assert client.get("/v2/members/no-such-member").status_code == 404
        assert client.get("/v2/teams").status_code == 200
    page = console.open("/requests")
    page.get_by_label("Route").fill("/v2/members")
    page.get_by_label("Status").fill("4xx")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#requests tbody tr")
    expect(rows.filter(has_text="GET /v2/members/no-such-member")).to_have_count(1)
    statuses = page.locator("#requests tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.status, r.cells[1].innerText])"
    )
    assert statuses  # the log outlives re-seeds, so earlier tests' 4xx may show too
    assert all(s.startswith("4") and "/v2/members" in text for s, text in statuses)
    assert not [text for _, text in statuses if "/v2/teams" in text]


def test_reset_from_the_control_page_reseeds_with_the_sizes_given(
    console: Console, emulator: EmulatorServer
) -> None:
    page = console.open("/control")
    page.get_by_label("Members").fill("12")
    page.get_by_label("Seed", exact=True).fill("99")
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_role("status")).to_have_text("Reset the organization with seed 99.")
    with httpx.Client(base_url=emulator.base_url, timeout=10) as client:
        login(client)
        listed = client.get("/v2/members", params={"limit": 1000}).json()["entries"]
    assert 12 <= len(listed) < 20  # the seeded people, and the admin the seed adds
    console.open("/people")  # active members, as the API lists them by default
    expect(page.locator("#people caption")).to_have_text(f"{len(listed)} members")


def test_control_page_refuses_bad_values_with_the_control_planes_message(
    console: Console, emulator: EmulatorServer
) -> None:
    page = console.open("/control")
    page.get_by_label("Advance by (seconds)").fill("-5")
    before = emulator_now(emulator)
    page.get_by_role("button", name="Advance the clock").click()
    expect(page.get_by_role("alert")).to_have_text("the clock only moves forward")
    assert (emulator_now(emulator) - before).total_seconds() < 60


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(
    console: Console,
) -> None:
    page = console.open("/people")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search")).to_be_focused()


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_each_page_fits_a_390_pixel_wide_screen(console: Console, path: str, title: str) -> None:
    page = console.page
    page.set_viewport_size(NARROW)
    console.open(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{title} is {width} px wide at {NARROW['width']} px"
    nav = page.get_by_role("navigation", name="Console sections")
    expect(nav.get_by_role("link", name="Control")).to_be_in_viewport()


def test_a_workbook_page_marks_its_input_tables_and_names_its_owner(
    console: Console, sigma: Sigma
) -> None:
    workbook, inputs = next(
        (w, [e for e in sigma.workbooks.all_elements(w.workbook_id) if e.type == "input-table"])
        for w in sigma.workbooks.list(skip_permission_check=True)
        if any(e.type == "input-table" for e in sigma.workbooks.all_elements(w.workbook_id))
    )
    owner = sigma.members.get(str(workbook.owner_id))
    page = console.open(f"/workbooks/{workbook.workbook_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(workbook.name)
    marked = page.locator("ul.elements li.input-table")
    expect(marked).to_have_count(len(inputs))
    for element in inputs:
        expect(marked.filter(has_text=element.name).first).to_contain_text("input table")
    expect(page.locator(".facts")).to_contain_text(f"{owner.first_name} {owner.last_name}")
