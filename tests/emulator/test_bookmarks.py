"""A workbook's bookmarks (saved views) through HTTP."""

from __future__ import annotations

from typing import Any

import httpx
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, grant, new_member, walk

from sigmakit.emulator import EmulatorServer

KEY = "76c76e52-8d94-448a-969c-32cc18da9ea0"


def add(api: httpx.Client, workbook: dict[str, Any], name: str, **extra: Any) -> httpx.Response:
    body = {
        "workbookVersion": workbook["latestVersion"],
        "name": name,
        "isShared": True,
        "exploreKey": KEY,
        **extra,
    }
    return api.post(f"/v2/workbooks/{workbook['workbookId']}/bookmarks", json=body)


def sales(api: httpx.Client) -> dict[str, Any]:
    return next(w for w in walk(api, "/v2/workbooks", limit=50) if w["name"] == "Sales Overview")


def test_a_bookmark_round_trip(api: httpx.Client) -> None:
    workbook = sales(api)
    url = f"/v2/workbooks/{workbook['workbookId']}/bookmarks"
    assert walk(api, url) == []
    made = add(api, workbook, "West region")
    assert made.status_code == 200, made.text
    west = made.json()
    assert (west["name"], west["isShared"], west["exploreKey"], west["isDefault"]) == (
        "West region",
        True,
        KEY,
        False,
    )
    assert api.get(f"{url}/{west['bookmarkId']}").json() == west
    east = add(api, workbook, "East region").json()
    assert [b["name"] for b in walk(api, url, limit=1)] == ["West region", "East region"]

    # one default at a time
    api.patch(f"{url}/{west['bookmarkId']}", json={"isDefault": True})
    changed = api.patch(f"{url}/{east['bookmarkId']}", json={"isDefault": True, "name": "East"})
    assert changed.json()["isDefault"] is True and changed.json()["name"] == "East"
    assert {b["name"]: b["isDefault"] for b in walk(api, url)} == {
        "West region": False,
        "East": True,
    }

    assert api.delete(f"{url}/{west['bookmarkId']}").json() == {}
    assert_sigma_error(api.get(f"{url}/{west['bookmarkId']}"), 404)
    assert [b["bookmarkId"] for b in walk(api, url)] == [east["bookmarkId"]]


def test_a_bad_bookmark_is_refused_and_nothing_is_added(api: httpx.Client) -> None:
    workbook = sales(api)
    url = f"/v2/workbooks/{workbook['workbookId']}/bookmarks"
    later = {"workbookVersion": workbook["latestVersion"] + 1}
    assert_sigma_error(add(api, workbook, " "), 400)
    for extra in (later, {"exploreKey": ""}, {"isShared": "yes"}):
        assert_sigma_error(add(api, workbook, "x", **extra), 400)
    assert_sigma_error(api.post(url, json={"name": "x"}), 400)
    assert walk(api, url) == []
    assert_sigma_error(add(api, {**workbook, "workbookId": "no-such"}, "x"), 404)


def test_a_private_bookmark_is_its_creators(api: httpx.Client, emulator: EmulatorServer) -> None:
    workbook = sales(api)
    url = f"/v2/workbooks/{workbook['workbookId']}/bookmarks"
    shared = add(api, workbook, "Team view").json()
    mine = add(api, workbook, "Admin scratch", isShared=False).json()
    ann = new_member(api, "Ann", "Essential")
    grant(api, f"/v2/workbooks/{workbook['workbookId']}/grants", "explore", member=ann)
    with signed_in_as(api, emulator, ann) as as_ann:
        assert [b["name"] for b in walk(as_ann, url)] == ["Team view"]
        assert_sigma_error(as_ann.get(f"{url}/{mine['bookmarkId']}"), 404)
        # a shared bookmark is changed by its creator or an editor of the workbook
        assert_sigma_error(as_ann.patch(f"{url}/{shared['bookmarkId']}", json={"name": "x"}), 403)
        assert_sigma_error(as_ann.delete(f"{url}/{shared['bookmarkId']}"), 403)
        own = add(as_ann, workbook, "Ann's view", isShared=False).json()
        assert as_ann.delete(f"{url}/{own['bookmarkId']}").json() == {}
    assert api.get(f"{url}/{shared['bookmarkId']}").json()["name"] == "Team view"


def tag_version(api: httpx.Client, workbook: dict[str, Any], version: int) -> None:
    body = {"workbookId": workbook["workbookId"], "tag": "Production", "workbookVersion": version}
    assert api.post("/v2/workbooks/tag", json=body).status_code == 200


def test_a_tagged_versions_bookmarks_are_those_saved_on_it(api: httpx.Client) -> None:
    workbook = sales(api)
    tagged = workbook["latestVersion"] - 1
    assert tagged >= 1
    tag_version(api, workbook, tagged)
    on_tag = add(api, workbook, "On the tag", workbookVersion=tagged).json()
    add(api, workbook, "On the latest")
    url = f"/v2/workbooks/{workbook['workbookId']}/tags/Production/bookmarks"
    assert walk(api, url) == [on_tag]
    first = api.get(url, params={"limit": 1}).json()
    assert (first["total"], first["nextPage"]) == (1, None)
    # the tag by id, or by its name in another case, is the same tag
    tag_id = api.get(f"/v2/workbooks/{workbook['workbookId']}/tags").json()["entries"][0]
    assert walk(api, url.replace("Production", tag_id["versionTagId"])) == [on_tag]
    assert walk(api, url.replace("Production", "production")) == [on_tag]
    # the tag moved to the latest version: its bookmarks are the latest's
    tag_version(api, workbook, workbook["latestVersion"])
    assert [b["name"] for b in walk(api, url)] == ["On the latest"]


def test_a_tag_the_workbook_lacks_is_a_404(api: httpx.Client) -> None:
    workbook = sales(api)
    url = f"/v2/workbooks/{workbook['workbookId']}/tags/No such tag/bookmarks"
    body = assert_sigma_error(api.get(url), 404)
    assert "No such tag" in body["message"]
    assert_sigma_error(api.get("/v2/workbooks/nope/tags/Production/bookmarks"), 404)


def test_a_bookmark_of_a_tagged_version(api: httpx.Client) -> None:
    """``GET /v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/{bookmarkId}``: one of the
    bookmarks the tagged list gives; one saved on another version is not there."""
    workbook = sales(api)
    tagged = workbook["latestVersion"] - 1
    tag_version(api, workbook, tagged)
    on_tag = add(api, workbook, "On the tag", workbookVersion=tagged).json()
    on_latest = add(api, workbook, "On the latest").json()
    url = f"/v2/workbooks/{workbook['workbookId']}/tags/Production/bookmarks"
    response = api.get(f"{url}/{on_tag['bookmarkId']}")
    assert response.status_code == 200, response.text
    assert response.json() == on_tag == walk(api, url)[0]
    assert api.get(f"{url.replace('Production', 'production')}/{on_tag['bookmarkId']}").json() == (
        on_tag
    )
    body = assert_sigma_error(api.get(f"{url}/{on_latest['bookmarkId']}"), 404)
    assert on_latest["bookmarkId"] in body["message"]
    assert_sigma_error(api.get(f"{url.replace('Production', 'Nope')}/{on_tag['bookmarkId']}"), 404)
    # the tag moved to the latest version: the latest's bookmark is the one it has
    tag_version(api, workbook, workbook["latestVersion"])
    assert api.get(f"{url}/{on_latest['bookmarkId']}").json() == on_latest
    assert_sigma_error(api.get(f"{url}/{on_tag['bookmarkId']}"), 404)


def test_a_bookmark_added_to_a_tagged_version_is_in_its_list(api: httpx.Client) -> None:
    """``POST .../tags/{tagName}/bookmarks/``, ``PATCH`` and ``DELETE`` of one: the tagged
    list shows each change; the version must be the one the tag marks."""
    workbook = sales(api)
    tagged = workbook["latestVersion"] - 1
    tag_version(api, workbook, tagged)
    url = f"/v2/workbooks/{workbook['workbookId']}/tags/Production/bookmarks"
    body = {"workbookVersion": tagged, "name": "Tagged west", "isShared": True, "exploreKey": KEY}
    made = api.post(f"{url}/", json=body)
    assert made.status_code == 200, made.text
    west = made.json()
    assert (west["name"], west["isShared"], west["exploreKey"]) == ("Tagged west", True, KEY)
    assert walk(api, url) == [west]
    # the latest version is not the tagged one: refused, nothing added
    wrong = api.post(f"{url}/", json={**body, "workbookVersion": workbook["latestVersion"]})
    assert str(tagged) in assert_sigma_error(wrong, 400)["message"]
    assert_sigma_error(api.post(f"{url.replace('Production', 'Nope')}/", json=body), 404)
    assert walk(api, url) == [west]

    changed = api.patch(f"{url}/{west['bookmarkId']}", json={"name": "West", "isDefault": True})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["isDefault"]) == ("West", True)
    assert walk(api, url) == [changed.json()]

    # a bookmark of another version is not the tag's to change or delete
    latest = add(api, workbook, "On the latest").json()
    assert_sigma_error(api.patch(f"{url}/{latest['bookmarkId']}", json={"name": "x"}), 404)
    assert_sigma_error(api.delete(f"{url}/{latest['bookmarkId']}"), 404)
    assert (
        api.get(f"/v2/workbooks/{workbook['workbookId']}/bookmarks/{latest['bookmarkId']}").json()[
            "name"
        ]
        == "On the latest"
    )

    assert api.delete(f"{url}/{west['bookmarkId']}").json() == {}
    assert walk(api, url) == []
    assert_sigma_error(api.get(f"{url}/{west['bookmarkId']}"), 404)
