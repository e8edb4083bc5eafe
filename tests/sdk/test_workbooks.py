"""sigma.workbooks against the emulator: reads, copy, grants, embeds, materializations,
export requests and the download endpoint."""

from __future__ import annotations

import httpx
import pytest
from tests.support.helpers import all_entries

from sigmakit import (
    BadRequestError,
    Bookmark,
    Element,
    InputError,
    NewGrant,
    NotFoundError,
    Page,
    Sigma,
    Workbook,
)
from sigmakit.emulator import EmulatorServer


def _workbook(sigma: Sigma) -> Workbook:
    wb = sigma.workbooks.list().first()
    assert wb is not None
    return wb


def _workbook_with(sigma: Sigma, kind: str) -> tuple[Workbook, Page, Element]:
    for wb in sigma.workbooks.list():
        for page in sigma.workbooks.pages(wb.workbook_id):
            for element in sigma.workbooks.elements(wb.workbook_id, page.page_id):
                if element.type == kind:
                    return wb, page, element
    pytest.fail(f"no seeded workbook has a {kind} element")


def test_list_walks_every_page_once_and_get_agrees(sigma: Sigma) -> None:
    everything = {w.workbook_id: w for w in sigma.workbooks.list()}
    paged = sigma.workbooks.list(page_size=2)
    ids = [w.workbook_id for w in paged]
    assert len(ids) == len(set(ids)) == len(everything) > 2
    assert paged.pages_fetched >= 2
    wb = next(iter(everything.values()))
    got = sigma.workbooks.get(wb.workbook_id)
    assert (got.name, got.workbook_url_id, got.owner_id) == (
        wb.name,
        wb.workbook_url_id,
        wb.owner_id,
    )
    assert sigma.files.get(wb.workbook_id).url_id == wb.workbook_url_id


def test_get_unknown_workbook_is_not_found(sigma: Sigma) -> None:
    with pytest.raises(NotFoundError):
        sigma.workbooks.get("00000000-0000-0000-0000-000000000000")


def test_pages_elements_and_columns(sigma: Sigma) -> None:
    wb, page, element = _workbook_with(sigma, "table")
    pages = sigma.workbooks.pages(wb.workbook_id, page_size=1).to_list()
    assert page.page_id in {p.page_id for p in pages}
    assert len({p.page_id for p in pages}) == len(pages)
    columns = sigma.workbooks.columns(wb.workbook_id, element.element_id, page_size=2).to_list()
    assert columns
    assert {c.label for c in columns} == set(element.columns)


def test_controls(sigma: Sigma) -> None:
    for wb in sigma.workbooks.list():
        controls = sigma.workbooks.controls(wb.workbook_id).to_list()
        if controls:
            break
    else:
        pytest.fail("no seeded workbook has a control")
    assert all(c.name and c.value_type for c in controls)
    assert len({c.key for c in controls}) == len(controls)


def test_copy_makes_a_new_workbook_in_the_folder(sigma: Sigma) -> None:
    wb = _workbook(sigma)
    me = sigma.members.get(sigma.whoami().user_id)
    assert me.home_folder_id
    copy = sigma.workbooks.copy(
        wb.workbook_id, destination_folder_id=me.home_folder_id, name="SDK test: copy"
    )
    assert copy.workbook_id != wb.workbook_id
    assert sigma.workbooks.get(copy.workbook_id).name == "SDK test: copy"
    assert sigma.files.get(copy.workbook_id).parent_id == me.home_folder_id
    original_pages = [p.name for p in sigma.workbooks.pages(wb.workbook_id)]
    assert [p.name for p in sigma.workbooks.pages(copy.workbook_id)] == original_pages


def test_grants_reach_the_member_and_go_away(sigma: Sigma, emulator: EmulatorServer) -> None:
    wb = _workbook(sigma)
    admin = sigma.whoami().user_id
    lite = next(m for m in sigma.members.list() if m.member_id != admin and m.member_type == "Lite")

    def reaches() -> bool:
        files = sigma.files.of_member(lite.member_id, type_filters="workbook")
        return wb.workbook_id in {f.id for f in files}

    already = reaches()
    sigma.workbooks.create_grants(wb.workbook_id, [NewGrant.member(lite.member_id, "view")])
    assert reaches()
    # Sigma lists a document's grants under /v2/grants?inodeId= (the SDK has no wrapper)
    grants = all_entries(emulator, "/v2/grants", inodeId=wb.workbook_id)
    (grant_id,) = [g["grantId"] for g in grants if g["memberId"] == lite.member_id]
    sigma.workbooks.delete_grant(wb.workbook_id, grant_id)
    assert reaches() == already


def test_embeds_create_list_delete(sigma: Sigma) -> None:
    wb, _, element = _workbook_with(sigma, "table")
    whole = sigma.workbooks.create_embed(wb.workbook_id)
    one = sigma.workbooks.create_embed(
        wb.workbook_id, source_type="element", source_id=element.element_id
    )
    assert whole.embed_url and one.embed_url and whole.embed_id != one.embed_id
    listed = {e.embed_id: e for e in sigma.workbooks.embeds(wb.workbook_id, page_size=1)}
    assert {whole.embed_id, one.embed_id} <= set(listed)
    assert listed[one.embed_id].source_type == "element"
    assert listed[one.embed_id].source_id == element.element_id

    sigma.workbooks.delete_embed(wb.workbook_id, whole.embed_id)
    assert whole.embed_id not in {e.embed_id for e in sigma.workbooks.embeds(wb.workbook_id)}


def test_create_embed_checks_source_id_before_sending(sigma: Sigma) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.workbooks.create_embed("wb", source_type="page")
    with pytest.raises(InputError):
        sigma.workbooks.create_embed("wb", source_id="p1")
    assert sigma.requests_sent == sent


def test_materialization_schedules_and_a_materialization(sigma: Sigma) -> None:
    for wb in sigma.workbooks.list():
        schedules = sigma.workbooks.materialization_schedules(wb.workbook_id).to_list()
        if schedules:
            break
    else:
        pytest.fail("no seeded workbook has a materialization schedule")
    sheet = schedules[0].sheet_id
    job_id = sigma.workbooks.materialize(wb.workbook_id, sheet)
    job = sigma.workbooks.materialization(wb.workbook_id, job_id)
    assert job.materialization_id == job_id
    assert job.status in {"pending", "building", "running"}


@pytest.mark.parametrize(
    ("target", "fmt", "extra"),
    [
        ({}, "csv", {}),
        ({"page_id": "p"}, "csv", {}),
        ({"element_id": "e", "page_id": "p"}, "csv", {}),
        ({"element_id": "e"}, "csv", {"layout": "portrait"}),
        ({"element_id": "e"}, "pdf", {"layout": "sideways"}),
        ({"element_id": "e"}, "csv", {"pixel_width": 800}),
    ],
)
def test_export_refuses_impossible_requests_before_sending(
    sigma: Sigma, target: dict[str, str], fmt: str, extra: dict[str, object]
) -> None:
    sent = sigma.requests_sent
    with pytest.raises(InputError):
        sigma.workbooks.export("wb", format=fmt, **target, **extra)  # type: ignore[arg-type]
    assert sigma.requests_sent == sent


def test_export_then_download_the_file(sigma: Sigma, emulator: EmulatorServer) -> None:
    wb, _, element = _workbook_with(sigma, "table")
    query_id = sigma.workbooks.export(wb.workbook_id, element_id=element.element_id, format="csv")
    with sigma.workbooks.download(query_id) as download:
        assert not download.ready
    with emulator.control() as control:
        control.post("/jobs/finish", json={}).raise_for_status()
    with sigma.workbooks.download(query_id) as download:
        assert download.ready
        body = b"".join(download.iter_bytes())
    header = body.decode().splitlines()[0]
    assert header.split(",") == element.columns


def test_element_lineage_names_the_sheet_and_what_it_reads(sigma: Sigma) -> None:
    workbook = next(w for w in sigma.workbooks.list() if w.name == "Sales Overview")
    elements = {
        e.name: e
        for p in sigma.workbooks.pages(workbook.workbook_id)
        for e in sigma.workbooks.elements(workbook.workbook_id, p.page_id)
    }
    orders = elements["Orders"].element_id
    lineage = sigma.workbooks.element_lineage(workbook.workbook_id, orders)
    sheet = lineage.sheet(orders)
    assert sheet is not None and sheet.type == "sheet" and sheet.node_id != orders
    read = {lineage.dependencies[e.source].name for e in lineage.edges if e.type == "source"}
    assert read == {"ORDERS", "STORES", "REGIONS", "PRODUCTS", "CATEGORIES"}
    sent = sigma.requests_sent
    with pytest.raises(BadRequestError):  # Sigma has no lineage for a control
        sigma.workbooks.element_lineage(workbook.workbook_id, elements["Region"].element_id)
    assert sigma.requests_sent == sent + 1  # a 400 is not retried


def test_bookmarks_of_a_tagged_version(sigma: Sigma, api: httpx.Client) -> None:
    workbook = next(w for w in sigma.workbooks.list() if w.name == "Sales Overview")
    tagged = workbook.latest_version - 1
    sigma.tags.tag_workbook(workbook.workbook_id, "Production", version=tagged)
    url = f"/v2/workbooks/{workbook.workbook_id}/bookmarks"
    for name, version in (("Tagged view", tagged), ("Latest view", workbook.latest_version)):
        body = {"workbookVersion": version, "name": name, "isShared": True, "exploreKey": "k"}
        assert api.post(url, json=body).status_code == 200
    got = list(sigma.workbooks.bookmarks(workbook.workbook_id, tag="Production"))
    assert [(b.name, b.is_shared, b.explore_key) for b in got] == [("Tagged view", True, "k")]
    assert isinstance(got[0], Bookmark) and got[0].is_default is False
    with pytest.raises(NotFoundError):
        list(sigma.workbooks.bookmarks(workbook.workbook_id, tag="No such tag"))


def test_tagged_bookmark(sigma: Sigma, api: httpx.Client) -> None:
    """``sigma.workbooks.tagged_bookmark``: one bookmark saved on the tagged version."""
    workbook = next(w for w in sigma.workbooks.list() if w.name == "Sales Overview")
    tagged = workbook.latest_version - 1
    sigma.tags.tag_workbook(workbook.workbook_id, "Production", version=tagged)
    url = f"/v2/workbooks/{workbook.workbook_id}/bookmarks"
    made = {}
    for name, version in (("Tagged view", tagged), ("Latest view", workbook.latest_version)):
        body = {"workbookVersion": version, "name": name, "isShared": True, "exploreKey": "k"}
        made[name] = api.post(url, json=body).json()["bookmarkId"]
    got = sigma.workbooks.tagged_bookmark(
        workbook.workbook_id, tag="Production", bookmark_id=made["Tagged view"]
    )
    assert isinstance(got, Bookmark)
    assert (got.bookmark_id, got.name, got.is_shared, got.explore_key) == (
        made["Tagged view"],
        "Tagged view",
        True,
        "k",
    )
    with pytest.raises(NotFoundError):
        sigma.workbooks.tagged_bookmark(
            workbook.workbook_id, tag="Production", bookmark_id=made["Latest view"]
        )
