"""Pages as Sigma pages them: ``nextPage`` is a stringified offset, a numeric ``page`` a
client counted itself is taken, 50 entries without ``limit``, the fields each list's 2026-08
description shows (``total``, ``hasMore``), and a 400 in Sigma's error body (never a 5xx) for
any ``limit`` or ``page`` that can't be one."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.support.helpers import emulator_settings
from tests.support.sigma_http import assert_sigma_error, new_member, new_team, new_workspace

from sigmakit._reference import load
from sigmakit.emulator import EmulatorServer

#: every list route the emulator serves, with the ids it needs
LISTS = [
    "/v2/members",
    "/v2/members/{memberId}/teams",
    "/v2/members/{memberId}/files",
    "/v2/members/{memberId}/files/recents",
    "/v2/teams",
    "/v2/teams/{teamId}/members",
    "/v2/workspaces",
    "/v2/workspaces/{workspaceId}/grants",
    "/v2/files",
    "/v2/grants?inodeId={workspaceId}",
    "/v2/connections",
    "/v2/connections/paths",
    "/v2/connections/{connectionId}/grants",
    "/v2/workbooks",
    "/v2/workbooks/{workbookId}/pages",
    "/v2/workbooks/{workbookId}/pages/{pageId}/elements",
    "/v2/workbooks/{workbookId}/elements",
    "/v2/workbooks/{workbookId}/elements/{elementId}/columns",
    "/v2/workbooks/{workbookId}/controls",
    "/v2/workbooks/{workbookId}/embeds",
    "/v2/workbooks/{workbookId}/materialization-schedules",
    "/v2.1/workbooks/{workbookId}/materialization-schedules",
]


@pytest.fixture
def ids(api: httpx.Client, sales: dict[str, Any]) -> dict[str, str]:
    members = api.get("/v2/members", params={"limit": 1}).json()["entries"]
    workbook_id = sales["id"]
    page_id = api.get(f"/v2/workbooks/{workbook_id}/pages").json()["entries"][0]["pageId"]
    connection = api.get("/v2/connections", params={"limit": 1}).json()["entries"][0]
    return {
        "memberId": members[0]["memberId"],
        "teamId": new_team(api, "Paging team", [members[0]["memberId"]]),
        "workspaceId": new_workspace(api, "Paging workspace"),
        "connectionId": connection["connectionId"],
        "workbookId": workbook_id,
        "pageId": page_id,
        "elementId": sales["Orders"]["elementId"],
    }


def _get(api: httpx.Client, path: str, ids: dict[str, str], **params: str) -> httpx.Response:
    url, _, query = path.format(**ids).partition("?")
    return api.get(url, params={**dict(httpx.QueryParams(query)), **params})


def _shown_fields(path: str) -> set[str]:
    """The top-level fields of the paginated answer the 2026-08 description shows."""
    spec = load("2026-08")
    schemas = spec["components"]["schemas"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = schemas[node["$ref"].rsplit("/", 1)[-1]]
        return node

    op = spec["paths"][path.split("?")[0]]["get"]
    schema = resolve(op["responses"]["200"]["content"]["application/json"]["schema"])
    options = [resolve(o) for o in schema.get("oneOf", [schema])]
    (paged,) = [o for o in options if "nextPage" in o.get("properties", {})]
    return set(paged["properties"])


def test_each_list_answers_the_fields_its_description_shows(
    api: httpx.Client, ids: dict[str, str]
) -> None:
    for path in LISTS:
        answer = _get(api, path, ids, limit="1")
        assert answer.status_code == 200, (path, answer.text)
        body = answer.json()
        assert set(body) == _shown_fields(path), path
        assert len(body["entries"]) <= 1
        if "total" in body:
            assert body["total"] >= len(body["entries"])
            assert body["nextPage"] == ("1" if body["total"] > 1 else None), path
        if "hasMore" in body:
            assert body["hasMore"] is (body["nextPage"] is not None), path


BAD = [
    {"limit": "inf"},
    {"limit": "1e400"},
    {"limit": "nan"},
    {"limit": "0"},
    {"limit": "-5"},
    {"limit": "2.5"},
    {"limit": "many"},
    {"page": "not-a-cursor"},
    {"page": "-50"},
    {"page": "9223372036854775808"},
    {"page": "1e400"},
    {"page": "9" * 400},
    {"page": "50.5"},
    {"page": "eyJhZnRlciI6OTIyMzM3MjAzNjg1NDc3NTgwOH0"},  # {"after": 2**63}, base64
]


def test_a_limit_or_page_that_cannot_be_one_is_a_400_on_every_list(
    api: httpx.Client, ids: dict[str, str]
) -> None:
    wrong = []
    for path in LISTS:
        for params in BAD:
            answer = _get(api, path, ids, **params)
            if answer.status_code != 400:
                wrong.append(f"{path} {params}: {answer.status_code}")
                continue
            message = assert_sigma_error(answer, 400)["message"]
            assert len(message) < 200  # says what is wrong without echoing a huge value
    assert wrong == []


def test_page_zero_then_add_the_limit_as_sigmas_scripts_do(api: httpx.Client) -> None:
    by_cursor, page = [], None
    while True:
        body = api.get("/v2/members", params={"limit": 7, **({"page": page} if page else {})})
        by_cursor += body.json()["entries"]
        page = body.json()["nextPage"]
        if page is None:
            break
        assert page == str(len(by_cursor))  # "7", "14", ...
    counted, offset = [], 0
    while True:
        entries = api.get("/v2/members", params={"limit": 7, "page": offset}).json()["entries"]
        if not entries:
            break
        counted += entries
        offset += 7
    assert counted == by_cursor
    assert len({m["memberId"] for m in counted}) == len(counted) > 7


def test_fifty_entries_without_a_limit_and_at_most_a_thousand(api: httpx.Client) -> None:
    body = api.get("/v2/workbooks").json()
    assert len(body["entries"]) == min(50, body["total"])
    members = api.get("/v2/members").json()
    assert len(members["entries"]) == 50 and members["nextPage"] == "50"
    assert api.get("/v2/members", params={"limit": 1000}).status_code == 200


def test_has_more_loops_end_where_next_page_walks_end(api: httpx.Client) -> None:
    """Older scripts loop on ``hasMore``; they see every file once, as nextPage walks do."""
    seen, offset, more = [], 0, True
    while more:
        body = api.get("/v2/files", params={"limit": 3, "page": offset}).json()
        seen += [f["id"] for f in body["entries"]]
        offset += 3
        more = body["hasMore"]
    assert len(seen) == len(set(seen)) == body["total"]


def test_rows_created_during_a_walk_come_after_it(api: httpx.Client) -> None:
    """Offsets run over creation order: a member created mid-walk lands after every page
    already read, so nothing is seen twice and nothing read so far moves."""
    first = api.get("/v2/members", params={"limit": 10}).json()
    new_id = new_member(api, "Midwalk")
    rest, page = [], first["nextPage"]
    while page is not None:
        body = api.get("/v2/members", params={"limit": 10, "page": page}).json()
        rest += body["entries"]
        page = body["nextPage"]
    walked = [m["memberId"] for m in first["entries"] + rest]
    assert len(walked) == len(set(walked))
    assert walked[-1] == new_id


def test_the_legacy_bare_array_still_answers_old_scripts(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    emulator_settings(emulator, legacyLists=True)
    everyone = api.get("/v2/members").json()
    assert isinstance(everyone, list) and len(everyone) > 50
    paged = api.get("/v2/members", params={"limit": 5, "page": "5"}).json()
    assert paged["entries"] == everyone[5:10] and paged["nextPage"] == "10"
    assert_sigma_error(api.get("/v2/members", params={"page": "-1"}), 400)
