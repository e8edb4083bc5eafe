"""Workbooks through HTTP: listing, pages, elements, columns, controls, copies, embeds, seed."""

from __future__ import annotations

import httpx
from tests.support.sigma_http import admin_id, assert_sigma_error, new_member, walk
from tests.support.workbook_helpers import elements_by_name, workbook_named


def test_a_member_lists_what_they_can_reach(api: httpx.Client) -> None:
    everything = walk(api, "/v2/workbooks", limit=50, skipPermissionCheck=True)
    mine = walk(api, "/v2/workbooks", limit=50)
    assert {w["workbookId"] for w in mine} < {w["workbookId"] for w in everything}
    assert "Sales Overview" in {w["name"] for w in mine}
    archived = walk(api, "/v2/workbooks", limit=50, skipPermissionCheck=True, isArchived=True)
    assert all(w["isArchived"] for w in archived)
    assert not {w["workbookId"] for w in archived} & {w["workbookId"] for w in everything}


def test_get_one_and_an_unknown_one(api: httpx.Client) -> None:
    listed = workbook_named(api, "Sales Overview")
    got = api.get(f"/v2/workbooks/{listed['workbookId']}")
    assert got.status_code == 200
    assert got.json() == listed
    assert_sigma_error(api.get("/v2/workbooks/00000000-0000-4000-8000-000000000000"), 404)


def test_pages_elements_and_columns(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Sales Overview")["workbookId"]
    pages = walk(api, f"/v2/workbooks/{workbook_id}/pages", limit=2)
    assert [p["name"] for p in pages] == ["Overview", "Orders", "Stores", "Targets"]
    assert [p["hidden"] for p in pages] == [False, False, False, True]

    elements = elements_by_name(api, workbook_id)
    types = {e["type"] for e in elements.values()}
    assert types >= {"table", "visualization", "pivot-table", "input-table", "control", "text"}
    orders = elements["Orders"]
    assert orders["type"] == "table"
    assert orders["columns"][:3] == ["Order Id", "Order Date", "Region"]
    assert elements["Monthly Revenue"]["vizualizationType"] == "line"

    columns = walk(api, f"/v2/workbooks/{workbook_id}/elements/{orders['elementId']}/columns", 4)
    assert [c["label"] for c in columns] == orders["columns"]
    assert all(c["columnId"] and c["formula"] for c in columns)
    assert_sigma_error(api.get(f"/v2/workbooks/{workbook_id}/pages/nope/elements"), 404)
    assert_sigma_error(api.get(f"/v2/workbooks/{workbook_id}/elements/nope/columns"), 404)


def test_copy_lands_in_a_members_my_documents(api: httpx.Client) -> None:
    source = workbook_named(api, "Sales Overview")
    member_id = new_member(api, "Copy.Target", member_type="Pro")
    home = api.get(f"/v2/members/{member_id}").json()["homeFolderId"]
    copied = api.post(
        f"/v2/workbooks/{source['workbookId']}/copy",
        json={"destinationFolderId": home, "name": "Sales Overview (mine)", "description": "x"},
    )
    assert copied.status_code == 200, copied.text
    copy = copied.json()
    assert copy["workbookId"] != source["workbookId"]
    assert copy["name"] == "Sales Overview (mine)"
    assert copy["ownerId"] == admin_id(api) == copy["createdBy"]
    assert copy["path"] == "My Documents"
    placed = api.get(f"/v2/files/{copy['workbookId']}").json()
    assert placed["parentId"] == home
    assert placed["type"] == "workbook"

    original = elements_by_name(api, source["workbookId"])
    copied_elements = elements_by_name(api, copy["workbookId"])
    assert set(copied_elements) == set(original)
    assert not {e["elementId"] for e in copied_elements.values()} & {
        e["elementId"] for e in original.values()
    }
    assert_sigma_error(
        api.post(
            f"/v2/workbooks/{source['workbookId']}/copy",
            json={"destinationFolderId": "no-such-folder", "name": "x"},
        ),
        404,
    )


def test_embeds_created_listed_deleted(api: httpx.Client) -> None:
    workbook_id = workbook_named(api, "Sales Overview")["workbookId"]
    orders = elements_by_name(api, workbook_id)["Orders"]
    made = api.post(
        f"/v2/workbooks/{workbook_id}/embeds",
        json={"embedType": "public", "sourceType": "element", "sourceId": orders["elementId"]},
    )
    assert made.status_code == 200, made.text
    embed = made.json()
    assert embed["embedUrl"].startswith("https://app.sigmacomputing.com/")
    listed = walk(api, f"/v2/workbooks/{workbook_id}/embeds")
    assert listed == [
        {
            **embed,
            "public": True,
            "sourceType": "element",
            "sourceId": orders["elementId"],
            "sourceName": "Orders",
        }
    ]
    assert api.delete(f"/v2/workbooks/{workbook_id}/embeds/{embed['embedId']}").json() == {}
    assert walk(api, f"/v2/workbooks/{workbook_id}/embeds") == []
    assert_sigma_error(api.delete(f"/v2/workbooks/{workbook_id}/embeds/{embed['embedId']}"), 404)
    assert_sigma_error(
        api.post(
            f"/v2/workbooks/{workbook_id}/embeds",
            json={"embedType": "public", "sourceType": "page"},
        ),
        400,
    )
