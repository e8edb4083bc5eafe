"""sigma.workbooks handing a workbook on, against the emulator: convert to a report, send,
share with another organization, webhooks, and the bookmarks of a tagged version."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.workbook_helpers import jobs

from sigmakit import (
    BadRequestError,
    Bookmark,
    InputError,
    NotFoundError,
    ReportConversion,
    Sigma,
    Workbook,
)
from sigmakit.emulator import EmulatorServer


def _named(sigma: Sigma, name: str) -> Workbook:
    found = next((w for w in sigma.workbooks.list() if w.name == name), None)
    assert found is not None
    return found


def _control(emulator: EmulatorServer, url: str) -> Any:
    with emulator.control() as control:
        response = control.get(url)
        response.raise_for_status()
        return response.json()


def test_convert_to_report_makes_a_report_the_reports_list_shows(sigma: Sigma) -> None:
    sales = _named(sigma, "Sales Overview")
    first_page = sigma.workbooks.pages(sales.workbook_id).first()
    assert first_page is not None
    got = sigma.workbooks.convert_to_report(
        sales.workbook_id,
        name="Sales, one page",
        description="For the board",
        page_ids=[first_page.page_id],
        page_size="a4",
    )
    assert isinstance(got, ReportConversion)
    assert got.source_workbook.workbook_id == sales.workbook_id
    report = sigma.reports.get(got.converted_report.report_id)
    assert (report.name, report.description) == ("Sales, one page", "For the board")
    assert [p.name for p in sigma.reports.pages(report.report_id)] == [first_page.name]
    assert report.report_id in {r.report_id for r in sigma.reports.list()}


def test_bad_conversion_and_send_arguments_fail_before_any_request(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError, match="name"):
        sigma.workbooks.convert_to_report("wb", name=" ")
    with pytest.raises(InputError, match="page_size"):
        sigma.workbooks.convert_to_report("wb", name="x", page_size="b5")
    with pytest.raises(InputError, match="at least one"):
        sigma.workbooks.send("wb", title="t", message="m")
    with pytest.raises(InputError, match="email"):
        sigma.workbooks.send("wb", title="t", message="m", emails=["not-an-email"])
    with pytest.raises(InputError, match="attachment"):
        sigma.workbooks.send(
            "wb", title="t", message="m", emails=["a@b.example"], attachments=[("gif", None, None)]
        )
    with pytest.raises(InputError, match="slug"):
        sigma.workbooks.share_cross_org("wb", [" "])
    assert sigma.requests_sent == sent


def test_send_exports_each_attachment_and_share_records_the_organizations(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    sales = _named(sigma, "Sales Overview")
    table = next(e for e in sigma.workbooks.all_elements(sales.workbook_id) if e.type == "table")
    jobs(emulator, mode="immediate")
    sigma.workbooks.send(
        sales.workbook_id,
        title="Weekly",
        message="Here it is.",
        emails=["ops@example.com"],
        attachments=[("csv", table.element_id, None), ("none", None, None)],
    )
    handed = _control(emulator, f"/workbooks/{sales.workbook_id}/handed-on")
    (send,) = handed["sends"]
    assert send["targets"] == [{"type": "email", "email": "ops@example.com"}]
    (query_id,) = send["queryIds"]
    with sigma.workbooks.download(query_id) as download:
        assert download.ready and b"".join(download.iter_bytes())

    assert sigma.workbooks.share_cross_org(sales.workbook_id, ["partner-co"]) == {}
    assert _control(emulator, f"/workbooks/{sales.workbook_id}/handed-on")["crossOrgShares"] == [
        "partner-co"
    ]
    with pytest.raises(NotFoundError):
        sigma.workbooks.send("no-such-workbook", title="t", message="m", emails=["a@b.example"])


def test_a_webhook_schema_and_a_call(sigma: Sigma, emulator: EmulatorServer) -> None:
    (hook,) = _control(emulator, "/webhooks")["entries"]
    schema = sigma.workbooks.webhook_schema(hook["workbookId"], hook["sequenceId"])
    assert set(schema["variables"]) == {"region", "amount", "approved"}
    sent = sigma.workbooks.trigger_webhook(hook["workbookId"], hook["sequenceId"], {"region": "X"})
    (hook,) = _control(emulator, "/webhooks")["entries"]
    assert [c["traceId"] for c in hook["calls"]] == [sent["traceId"]]
    with pytest.raises(BadRequestError, match="colour"):
        sigma.workbooks.trigger_webhook(hook["workbookId"], hook["sequenceId"], {"colour": 1})


def test_a_tagged_versions_bookmarks_are_added_changed_and_deleted(sigma: Sigma) -> None:
    sales = _named(sigma, "Sales Overview")
    tagged = sales.latest_version - 1
    sigma.tags.tag_workbook(sales.workbook_id, "Production", version=tagged)
    made = sigma.workbooks.add_tagged_bookmark(
        sales.workbook_id,
        tag="Production",
        workbook_version=tagged,
        name="West",
        explore_key="76c76e52-8d94-448a-969c-32cc18da9ea0",
        is_shared=True,
    )
    assert isinstance(made, Bookmark)
    assert list(sigma.workbooks.bookmarks(sales.workbook_id, tag="Production")) == [made]
    changed = sigma.workbooks.update_tagged_bookmark(
        sales.workbook_id, tag="Production", bookmark_id=made.bookmark_id, is_default=True
    )
    assert changed.is_default is True and changed.name == "West"
    with pytest.raises(InputError, match="what to change"):
        sigma.workbooks.update_tagged_bookmark(
            sales.workbook_id, tag="Production", bookmark_id=made.bookmark_id
        )
    sigma.workbooks.delete_tagged_bookmark(
        sales.workbook_id, tag="Production", bookmark_id=made.bookmark_id
    )
    assert list(sigma.workbooks.bookmarks(sales.workbook_id, tag="Production")) == []
    with pytest.raises(BadRequestError, match=str(tagged)):
        sigma.workbooks.add_tagged_bookmark(
            sales.workbook_id,
            tag="Production",
            workbook_version=sales.latest_version,
            name="Latest",
            explore_key="k",
        )
