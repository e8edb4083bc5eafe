"""Scheduled exports over plain HTTP: a workbook's (``/v2`` and the paginated ``/v2.1``), a
member's, who may read and change them, the 400s that leave nothing behind, and where they
go when their owner is deactivated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.support.helpers import member_credentials
from tests.support.sigma_http import admin_id, assert_sigma_error, grant, new_member, walk

from sigmakit.emulator import EmulatorServer

SCHEDULE = {"cronSpec": "0 6 * * 1", "timezone": "America/Chicago"}


def _as(emulator: EmulatorServer, member_id: str) -> httpx.Client:
    """A client with API credentials owned by ``member_id``."""
    client_id, client_secret = member_credentials(emulator, member_id)
    client = httpx.Client(base_url=emulator.base_url, timeout=30)
    token = client.post(
        "/v2/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        },
    ).json()["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def ann(api: httpx.Client, emulator: EmulatorServer) -> Iterator[tuple[str, httpx.Client]]:
    member_id = new_member(api, "Ann", "Pro")
    client = _as(emulator, member_id)
    yield member_id, client
    client.close()


def _create(api: httpx.Client, workbook_id: str, **extra: Any) -> httpx.Response:
    body = {"target": [{"email": "ops@example.com"}], "schedule": SCHEDULE, **extra}
    return api.post(f"/v2/workbooks/{workbook_id}/schedules", json=body)


def test_the_v2_list_and_the_paginated_v2_1_list(api: httpx.Client, sales: dict[str, Any]) -> None:
    made = [_create(api, sales["id"], description=f"n{n}").json() for n in range(3)]
    every = walk(api, f"/v2.1/workbooks/{sales['id']}/schedules", limit=2)
    assert [s["scheduledNotificationId"] for s in every[-3:]] == [
        m["scheduledNotificationId"] for m in made
    ]
    first = api.get(f"/v2.1/workbooks/{sales['id']}/schedules", params={"limit": 1}).json()
    assert first["total"] == len(every) and first["hasMore"] and first["nextPage"] == "1"
    v2 = api.get(f"/v2/workbooks/{sales['id']}/schedules").json()
    assert set(v2) == {"entries", "nextPage"} and len(v2["entries"]) == len(every)


def test_create_answers_what_sigma_shows(api: httpx.Client, sales: dict[str, Any]) -> None:
    page = api.get(f"/v2/workbooks/{sales['id']}/pages").json()["entries"][0]["pageId"]
    body = {
        "configV2": {
            "title": "Weekly",
            "messageBody": "Here it is",
            "exportAttachments": [
                {
                    "formatOptions": {"type": "PDF", "layout": "portrait"},
                    "workbookExportSource": {"type": "page", "pageIds": [page]},
                }
            ],
        }
    }
    made = _create(api, sales["id"], **body).json()
    assert made["schedule"] == SCHEDULE and made["ownerId"] == admin_id(api)
    assert made["configV2"]["notificationAttachments"] == [
        {
            "formatOptions": {"type": "PDF", "layout": "portrait"},
            "workbookExportSource": {"type": "page", "nodeIds": [page]},
        }
    ]
    assert made["isSuspended"] is False and made["disabledAt"] is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"schedule": {"cronSpec": "61 * * * *", "timezone": "UTC"}}, "minute 61"),
        ({"schedule": {"cronSpec": "0 6 * *", "timezone": "UTC"}}, "5 fields"),
        ({"schedule": {"cronSpec": "0 6 * * *", "timezone": "Nowhere/Town"}}, "time zone"),
        ({"target": []}, "at least one recipient"),
        ({"target": [{"email": "nope"}]}, "Invalid email"),
        ({"target": [{"teamId": "00000000-0000-4000-8000-000000000000"}]}, "Team not found"),
        ({"target": [{"webhookUrl": "http://hook.example"}]}, "https://"),
        (
            {
                "configV2": {
                    "title": "t",
                    "messageBody": "m",
                    "exportAttachments": [
                        {
                            "formatOptions": {"type": "CSV"},
                            "workbookExportSource": {"type": "element", "elementIds": ["nope"]},
                        }
                    ],
                }
            },
            "Element not found",
        ),
        ({"ownerId": "nobody"}, "Member not found"),
    ],
)
def test_bad_schedules_are_refused_and_nothing_is_made(
    api: httpx.Client, sales: dict[str, Any], change: dict[str, Any], words: str
) -> None:
    before = walk(api, f"/v2.1/workbooks/{sales['id']}/schedules")
    body = {"target": [{"email": "ops@example.com"}], "schedule": SCHEDULE, **change}
    response = api.post(f"/v2/workbooks/{sales['id']}/schedules", json=body)
    assert response.status_code in (400, 404)
    assert words in assert_sigma_error(response, response.status_code)["message"]
    assert walk(api, f"/v2.1/workbooks/{sales['id']}/schedules") == before


def test_pause_and_resume_record_who_and_when(api: httpx.Client, sales: dict[str, Any]) -> None:
    made = _create(api, sales["id"]).json()
    url = f"/v2/workbooks/{sales['id']}/schedules/{made['scheduledNotificationId']}"
    paused = api.patch(url, json={"suspensionAction": "pause"}).json()
    assert paused["isSuspended"] and paused["disabledBy"] == admin_id(api)
    assert paused["disabledAt"] is not None
    resumed = api.patch(url, json={"suspensionAction": "resume"}).json()
    assert not resumed["isSuspended"] and resumed["disabledBy"] is None
    assert_sigma_error(api.patch(url, json={"suspensionAction": "stop"}), 400)
    assert api.delete(url).json() == {}
    assert_sigma_error(api.patch(url, json={"suspensionAction": "pause"}), 404)


def test_members_read_their_own_schedules_and_change_only_what_they_may(
    api: httpx.Client, sales: dict[str, Any], ann: tuple[str, httpx.Client]
) -> None:
    ann_id, as_ann = ann
    assert as_ann.get(f"/v2/members/{ann_id}/schedules").json()["entries"] == []
    assert_sigma_error(as_ann.get(f"/v2/members/{admin_id(api)}/schedules"), 403)
    admins = api.get(f"/v2/members/{admin_id(api)}/schedules").json()["entries"]
    assert admins and all(s["ownerId"] == admin_id(api) for s in admins)

    assert (
        grant(api, f"/v2/workbooks/{sales['id']}/grants", "view", member=ann_id).status_code == 200
    )
    theirs = admins[0]
    url = f"/v2/workbooks/{sales['id']}/schedules/{theirs['scheduledNotificationId']}"
    assert_sigma_error(as_ann.patch(url, json={"suspensionAction": "pause"}), 403)
    assert_sigma_error(as_ann.delete(url), 403)
    assert_sigma_error(_create(as_ann, sales["id"], ownerId=admin_id(api)), 403)
    assert api.get(f"/v2/members/{admin_id(api)}/schedules").json()["entries"] == admins

    mine = _create(as_ann, sales["id"]).json()
    assert mine["ownerId"] == ann_id
    assert as_ann.get(f"/v2/members/{ann_id}/schedules").json()["entries"] == [mine]


def test_archive_documents_also_suspends_the_members_schedules(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    ann_id = new_member(api, "Ann", "Pro")
    made = _create(api, sales["id"], ownerId=ann_id).json()
    response = api.patch(
        f"/v2/members/{ann_id}", json={"isArchived": True, "archiveDocuments": True}
    )
    assert response.status_code == 200
    after = api.get(f"/v2/members/{ann_id}/schedules").json()["entries"]
    assert [s["scheduledNotificationId"] for s in after] == [made["scheduledNotificationId"]]
    assert after[0]["isSuspended"] and after[0]["ownerId"] == ann_id
