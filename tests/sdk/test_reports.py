"""sigma.reports against the emulator: list and resolve, pages and elements, sources and
lineage, a PDF export saved through the export download helper, copies, schedules, sends,
grants and version tags; bad input refused before any request."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.helpers import all_entries

from sigmakit import (
    BadRequestError,
    InputError,
    NewGrant,
    NotFoundError,
    Report,
    ReportSchedule,
    Sigma,
)
from sigmakit.emulator import EmulatorServer
from sigmakit.jobs import download_export


def _weekly(sigma: Sigma) -> Report:
    """The seeded report, with its tags (a resolve by name lists without them)."""
    return sigma.reports.get(sigma.reports.resolve("Weekly Sales Report").report_id)


def test_list_resolve_and_get_agree(sigma: Sigma) -> None:
    every = {r.name: r for r in sigma.reports.list(skip_permission_check=True, page_size=1)}
    assert set(every) == {
        "Weekly Sales Report",
        "Regional Performance Report",
        "Executive Monthly Pack",
    }
    weekly = _weekly(sigma)
    assert weekly == every["Weekly Sales Report"]
    assert sigma.reports.resolve(weekly.report_url_id).report_id == weekly.report_id
    assert weekly.tags and weekly.tags[0].source_version == 3
    with pytest.raises(NotFoundError, match="Weekly Sales Report"):
        sigma.reports.resolve("Weekly Sales Reprot")


def test_pages_elements_sources_and_lineage(sigma: Sigma) -> None:
    weekly = _weekly(sigma)
    pages = sigma.reports.pages(weekly.report_id, page_size=1).to_list()
    assert [p.name for p in pages] == ["Summary", "Stores"]
    on_stores = sigma.reports.elements(weekly.report_id, pages[1].page_id).to_list()
    assert [e.name for e in on_stores] == ["Store Performance", "Top Products"]
    every = {e.name: e for e in sigma.reports.elements(weekly.report_id)}
    assert {"Monthly Revenue", "Notes", "Store Performance"} <= set(every)
    kinds = {s.type for s in sigma.reports.sources(weekly.report_id)}
    assert kinds == {"data-model", "dataset", "table"}
    chart = every["Monthly Revenue"].element_id
    sheet = sigma.reports.element_lineage(weekly.report_id, chart).sheet(chart)
    assert sheet is not None and sheet.type == "sheet"
    with pytest.raises(BadRequestError):
        sigma.reports.element_lineage(weekly.report_id, every["Notes"].element_id)
    columns = sigma.reports.columns(weekly.report_id, chart).to_list()
    assert columns and all(c.label for c in columns)
    assert {c.control_id for c in sigma.reports.controls(weekly.report_id)} == {
        "DateFilter",
        "Region",
    }


def test_export_a_page_to_a_pdf_file(sigma: Sigma, tmp_path: Path) -> None:
    weekly = _weekly(sigma)
    page = sigma.reports.pages(weekly.report_id).to_list()[1]
    query_id = sigma.reports.export(weekly.report_id, page_id=page.page_id, layout="landscape")
    saved = download_export(sigma, query_id, tmp_path / "stores.pdf")
    assert saved.size > 0 and (tmp_path / "stores.pdf").read_bytes().startswith(b"%PDF")
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="layout"):
        sigma.reports.export(weekly.report_id, layout="sideways")
    assert sigma.requests_sent == sent


def test_copy_and_tagged_copy(sigma: Sigma) -> None:
    weekly = _weekly(sigma)
    dest = sigma.workspaces.create(name="Copies").workspace_id
    copy = sigma.reports.copy(weekly.report_id, destination_folder_id=dest, name="Weekly (copy)")
    assert copy.report_id != weekly.report_id and copy.name == "Weekly (copy)"
    names = [e.name for e in sigma.reports.elements(copy.report_id)]
    assert names == [e.name for e in sigma.reports.elements(weekly.report_id)]
    assert weekly.tags
    tagged = sigma.reports.copy(
        weekly.report_id, destination_folder_id=dest, name="From tag", tag=weekly.tags[0].tag_name
    )
    assert tagged.name == "From tag"
    with pytest.raises(NotFoundError):
        sigma.reports.copy(weekly.report_id, destination_folder_id=dest, name="X", tag="Nope")


def test_schedules_and_send(sigma: Sigma) -> None:
    weekly = _weekly(sigma)
    before = sigma.reports.schedules(weekly.report_id).to_list()
    made = sigma.reports.create_schedule(
        weekly.report_id,
        cron="0 9 * * 5",
        timezone="UTC",
        title="Friday pack",
        message="Attached",
        emails=["ops@example.com"],
    )
    assert isinstance(made, ReportSchedule) and made.title == "Friday pack"
    changed = sigma.reports.update_schedule(
        weekly.report_id, made.scheduled_notification_id, cron="0 8 * * 5"
    )
    assert changed.schedule.cron_spec == "0 8 * * 5" and changed.schedule.timezone == "UTC"
    ids = [s.scheduled_notification_id for s in sigma.reports.schedules(weekly.report_id)]
    assert ids == [*(s.scheduled_notification_id for s in before), made.scheduled_notification_id]
    sigma.reports.delete_schedule(weekly.report_id, made.scheduled_notification_id)
    assert len(sigma.reports.schedules(weekly.report_id).to_list()) == len(before)
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="email"):
        sigma.reports.create_schedule(
            weekly.report_id,
            cron="0 9 * * 5",
            timezone="UTC",
            title="t",
            message="m",
            emails=["not an email"],
        )
    with pytest.raises(InputError, match="recipient"):
        sigma.reports.create_schedule(
            weekly.report_id, cron="0 9 * * 5", timezone="UTC", title="t", message="m"
        )
    assert sigma.requests_sent == sent
    sigma.reports.send(weekly.report_id, title="Now", message="Here", emails=["cfo@example.com"])
    with pytest.raises(NotFoundError):
        sigma.reports.send(weekly.report_id, title="Now", message="Here", member_ids=["nobody"])


def test_grants_and_tags(sigma: Sigma, emulator: EmulatorServer) -> None:
    pack = next(
        r
        for r in sigma.reports.list(skip_permission_check=True)
        if r.name == "Executive Monthly Pack"
    )
    team = sigma.teams.list().first()
    assert team is not None
    sigma.reports.create_grants(pack.report_id, [NewGrant.team(team.team_id, "view")])
    grants = [
        g
        for g in all_entries(emulator, "/v2/grants", inodeId=pack.report_id)
        if g["teamId"] == team.team_id
    ]
    assert [g["permission"] for g in grants] == ["view"]
    sigma.reports.delete_grant(pack.report_id, grants[0]["grantId"])
    assert all_entries(emulator, "/v2/grants", inodeId=pack.report_id) == []
    tag = sigma.tags.list().first()
    assert tag is not None
    tagged = sigma.reports.tag(pack.report_id, tag.name)
    assert tagged.tagged_report_version == pack.latest_version
    assert [t.tag_name for t in sigma.reports.tags(pack.report_id)] == [tag.name]
    history = sigma.reports.version_history(pack.report_id).to_list()
    assert history[0].version == pack.latest_version and history[0].tags
    sigma.reports.delete_tag(pack.report_id, tagged.version_tag_id)
    assert sigma.reports.tags(pack.report_id).to_list() == []
