"""The operations Sigma published after the bundled 2026-08 description
(``reference/sigma-openapi-2026-10-extract.json``), as a client calls them: one element's
materialization schedule in a workbook or a data model, shortcuts, a data model element's
column security rules and SQL, the v3alpha data model swap, and an Admin's token exchange
for a token that acts as another member (impersonation)."""

from __future__ import annotations

import warnings
from typing import Any

import httpx
import jwt
import pytest
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET
from tests.support.sigma_http import assert_sigma_error


def _entries(api: httpx.Client, url: str) -> list[dict[str, Any]]:
    answer = api.get(url, params={"limit": 1000})
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()["entries"]
    return entries


def _workbook_element(api: httpx.Client, kind: str) -> tuple[str, dict[str, Any]]:
    workbook = next(w for w in _entries(api, "/v2/workbooks") if w["name"] == "Sales Overview")
    elements = _entries(api, f"/v2/workbooks/{workbook['workbookId']}/elements")
    scheduled = {
        s["elementId"]
        for s in _entries(
            api, f"/v2.1/workbooks/{workbook['workbookId']}/materialization-schedules"
        )
    }
    element = next(e for e in elements if e["type"] == kind and e["elementId"] not in scheduled)
    return workbook["workbookId"], element


def _model_element(api: httpx.Client) -> tuple[str, dict[str, Any]]:
    model = _entries(api, "/v2/dataModels")[0]["dataModelId"]
    return model, _entries(api, f"/v2/dataModels/{model}/elements")[0]


def test_a_workbook_element_schedule_is_created_changed_and_deleted(api: httpx.Client) -> None:
    workbook, element = _workbook_element(api, "table")
    url = f"/v2/workbooks/{workbook}/elements/{element['elementId']}/materializationSchedules"
    listed = f"/v2.1/workbooks/{workbook}/materialization-schedules"

    created = api.post(url, json={"schedule": {"cronSpec": "0 6 * * *"}})
    assert created.status_code == 201, created.text
    assert created.json()["elementName"] == element["name"]
    # no timezone given: the organization's
    assert created.json()["schedule"] == {"cronSpec": "0 6 * * *", "timezone": "UTC"}
    assert element["elementId"] in {s["elementId"] for s in _entries(api, listed)}
    assert_sigma_error(api.post(url, json={"schedule": {"cronSpec": "0 7 * * *"}}), 409)

    changed = api.patch(
        url, json={"schedule": {"cronSpec": "30 2 * * 1", "timezone": "Asia/Tokyo"}}
    )
    assert changed.status_code == 200, changed.text
    mine = next(s for s in _entries(api, listed) if s["elementId"] == element["elementId"])
    assert mine["schedule"] == {"cronSpec": "30 2 * * 1", "timezone": "Asia/Tokyo"}

    assert api.delete(url).json() == {}
    assert element["elementId"] not in {s["elementId"] for s in _entries(api, listed)}
    assert_sigma_error(api.patch(url, json={"schedule": {"cronSpec": "0 1 * * *"}}), 404)


def test_a_workbook_schedule_starts_a_run_that_can_be_read(api: httpx.Client) -> None:
    workbook, element = _workbook_element(api, "table")
    url = f"/v2/workbooks/{workbook}/elements/{element['elementId']}/materializationSchedules"
    assert api.post(url, json={"schedule": {"cronSpec": "0 3 * * *"}}).status_code == 201
    run = api.post(
        f"/v2/workbooks/{workbook}/materializations", json={"sheetId": element["elementId"]}
    )
    assert run.status_code == 200, run.text
    got = api.get(f"/v2/workbooks/{workbook}/materializations/{run.json()['materializationId']}")
    assert got.status_code == 200 and got.json()["status"] in ("pending", "building", "ready")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"schedule": {}},
        {"schedule": {"cronSpec": "every day"}},
        {"schedule": {"cronSpec": "0 1 * * *", "timezone": "Mars/Olympus"}},
    ],
)
def test_a_schedule_needs_a_cron_and_a_real_timezone(api: httpx.Client, body: Any) -> None:
    workbook, element = _workbook_element(api, "table")
    url = f"/v2/workbooks/{workbook}/elements/{element['elementId']}/materializationSchedules"
    assert_sigma_error(api.post(url, json=body), 400)
    listed = _entries(api, f"/v2.1/workbooks/{workbook}/materialization-schedules")
    assert element["elementId"] not in {s["elementId"] for s in listed}


def test_a_control_cannot_be_materialized(api: httpx.Client) -> None:
    workbook, control = _workbook_element(api, "control")
    url = f"/v2/workbooks/{workbook}/elements/{control['elementId']}/materializationSchedules"
    assert (
        "control"
        in assert_sigma_error(api.post(url, json={"schedule": {"cronSpec": "0 1 * * *"}}), 400)[
            "message"
        ]
    )


def test_a_data_model_element_schedule_is_listed_until_deleted(api: httpx.Client) -> None:
    model, element = _model_element(api)
    url = f"/v2/dataModels/{model}/elements/{element['elementId']}/materializationSchedules"
    listed = f"/v2/dataModels/{model}/materializationSchedules"
    created = api.post(
        url, json={"schedule": {"cronSpec": "15 4 * * *", "timezone": "Europe/Paris"}}
    )
    assert created.status_code == 201, created.text
    mine = next(s for s in _entries(api, listed) if s["elementId"] == element["elementId"])
    assert (mine["elementName"], mine["schedule"]["timezone"]) == (element["name"], "Europe/Paris")
    run = api.post(f"/v2/dataModels/{model}:materialize", json={"sheetId": element["elementId"]})
    assert run.status_code == 200, run.text
    assert (
        api.patch(url, json={"schedule": {"cronSpec": "0 5 * * *"}}).json()["schedule"]["cronSpec"]
        == "0 5 * * *"
    )
    assert api.delete(url).status_code == 200
    assert element["elementId"] not in {s["elementId"] for s in _entries(api, listed)}
    assert_sigma_error(api.delete(url), 404)
    other = api.post(
        f"/v2/dataModels/{model}/elements/nope/materializationSchedules",
        json={"schedule": {"cronSpec": "0 1 * * *"}},
    )
    assert_sigma_error(other, 404)


def test_a_shortcut_points_at_a_workbook_from_a_workspace(api: httpx.Client) -> None:
    workspace = _entries(api, "/v2/workspaces")[0]
    workbook = _entries(api, "/v2/workbooks")[0]
    made = api.post(
        "/v2/shortcuts",
        json={"parentId": workspace["workspaceId"], "target": {"id": workbook["workbookId"]}},
    )
    assert made.status_code == 200, made.text
    body = made.json()
    assert body["target"] == {"type": "workbook", "id": workbook["workbookId"]}
    assert (body["name"], body["parentId"]) == (workbook["name"], workspace["workspaceId"])
    named = api.post(
        "/v2/shortcuts",
        json={
            "parentId": workspace["workspaceId"],
            "target": {"id": workbook["workbookId"]},
            "name": "Sales (shortcut)",
        },
    )
    assert named.json()["name"] == "Sales (shortcut)" and named.json()["id"] != body["id"]


@pytest.mark.parametrize("body", [{}, {"parentId": "x"}, {"target": {"id": "x"}}, [1]])
def test_a_shortcut_needs_a_parent_and_a_target(api: httpx.Client, body: Any) -> None:
    assert_sigma_error(api.post("/v2/shortcuts", json=body), 400)


def test_a_shortcut_to_nothing_is_a_404(api: httpx.Client) -> None:
    workspace = _entries(api, "/v2/workspaces")[0]["workspaceId"]
    assert_sigma_error(
        api.post("/v2/shortcuts", json={"parentId": workspace, "target": {"id": "nope"}}), 404
    )


def test_column_security_rules_are_kept_replaced_and_deleted(api: httpx.Client) -> None:
    model, element = _model_element(api)
    url = f"/v2/dataModels/{model}/elements/{element['elementId']}/columnSecurityRules"
    columns = [
        c["columnId"]
        for c in _entries(api, f"/v2/dataModels/{model}/columns")
        if c["elementId"] == element["elementId"]
    ]
    me = api.get("/v2/whoami").json()
    made = api.post(
        url,
        json=[
            {"columns": columns[:1], "criteria": {"kind": "no-one-can-view"}},
            {
                "columns": "all",
                "criteria": {
                    "kind": "specific-users-and-teams",
                    "assignments": [{"type": "user", "userId": me.get("userId") or me["memberId"]}],
                },
            },
        ],
    )
    assert made.status_code == 200, made.text
    ids = [r["columnSecurityRuleId"] for r in made.json()]
    assert [r["columnSecurityRuleId"] for r in _entries(api, url)][-2:] == ids
    replaced = api.put(
        f"{url}/{ids[0]}", json={"columns": "all", "criteria": {"kind": "no-one-can-view"}}
    )
    assert replaced.json() == {
        "columnSecurityRuleId": ids[0],
        "columns": "all",
        "criteria": {"kind": "no-one-can-view"},
    }
    assert api.delete(f"{url}/{ids[0]}").json() == {}
    assert ids[0] not in {r["columnSecurityRuleId"] for r in _entries(api, url)}
    assert_sigma_error(api.delete(f"{url}/{ids[0]}"), 404)


def test_one_bad_rule_creates_none(api: httpx.Client) -> None:
    model, element = _model_element(api)
    url = f"/v2/dataModels/{model}/elements/{element['elementId']}/columnSecurityRules"
    before = _entries(api, url)
    bad = api.post(
        url,
        json=[
            {"columns": "all", "criteria": {"kind": "no-one-can-view"}},
            {"columns": ["NO_SUCH_COLUMN"], "criteria": {"kind": "no-one-can-view"}},
        ],
    )
    assert "NO_SUCH_COLUMN" in assert_sigma_error(bad, 400)["message"]
    assert_sigma_error(
        api.post(url, json=[{"columns": "all", "criteria": {"kind": "everyone"}}]), 400
    )
    assert _entries(api, url) == before


def test_a_data_model_element_query_reads_its_tables(api: httpx.Client) -> None:
    model, element = _model_element(api)
    got = api.get(f"/v2/dataModels/{model}/elements/{element['elementId']}/query")
    assert got.status_code == 200, got.text
    assert got.json()["elementId"] == element["elementId"]
    assert got.json()["sql"].startswith("SELECT ") and "RETAIL.PUBLIC." in got.json()["sql"]
    assert_sigma_error(api.get(f"/v2/dataModels/{model}/elements/nope/query"), 404)


def test_the_v3alpha_swap_moves_a_table_and_refuses_other_kinds(api: httpx.Client) -> None:
    model, _ = _model_element(api)
    sources = [s["tableId"] for s in _entries(api, f"/v2/dataModels/{model}/sources")]
    old, new = sources[0], sources[-1]
    url = f"/v3alpha/dataModels/{model}:swapSources"
    swapped = api.post(
        url,
        json={
            "sourceMapping": [
                {"from": {"type": "table", "tableId": old}, "to": {"type": "table", "tableId": new}}
            ]
        },
    )
    assert swapped.status_code == 200 and swapped.json() == {}, swapped.text
    after = [s["tableId"] for s in _entries(api, f"/v2/dataModels/{model}/sources")]
    assert old not in after and new in after
    refused = api.post(
        url,
        json={
            "sourceMapping": [
                {
                    "from": {"type": "custom-sql", "customSqlId": "x"},
                    "to": {"type": "table", "tableId": new},
                }
            ]
        },
    )
    assert_sigma_error(refused, 400)


def _subject(sub: str, kid: str = CLIENT_ID) -> str:
    """The self-signed JWT a client sends, signed with its secret (the test secret is
    shorter than PyJWT recommends for HS256)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
        return jwt.encode({"sub": sub}, CLIENT_SECRET, algorithm="HS256", headers={"kid": kid})


def _exchange(api: httpx.Client, subject: str, actor: str) -> httpx.Response:
    return api.post(
        "/v2/auth/token",
        data={
            "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
            "subject_token": subject,
            "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
            "actor_token": actor,
            "actor_token_type": "urn:ietf:params:oauth:token-type:access_token",
        },
    )


def _member(api: httpx.Client, admin: bool) -> dict[str, Any]:
    return next(m for m in _entries(api, "/v2/members") if (m["memberType"] == "Admin") == admin)


def test_an_admin_exchanges_its_token_for_one_that_acts_as_a_member(api: httpx.Client) -> None:
    actor = api.headers["Authorization"].split(" ", 1)[1]
    member = _member(api, admin=False)
    got = _exchange(api, _subject(member["email"]), actor)
    assert got.status_code == 200, got.text
    body = got.json()
    assert (body["token_type"], body["issued_token_type"]) == (
        "Bearer",
        "urn:ietf:params:oauth:token-type:access_token",
    )
    assert "refresh_token" not in body and body["access_token"] != actor
    as_member = api.get("/v2/whoami", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert as_member.json()["userId"] == member["memberId"]


def test_an_exchange_is_refused_unless_every_part_holds(api: httpx.Client) -> None:
    actor = api.headers["Authorization"].split(" ", 1)[1]
    member = _member(api, admin=False)
    # the actor token must be the request's own bearer token
    assert_sigma_error(_exchange(api, _subject(member["email"]), "someone-elses-token"), 401)
    # kid must be a client id of the actor's credentials
    assert_sigma_error(_exchange(api, _subject(member["email"], kid="unknown"), actor), 401)
    assert_sigma_error(_exchange(api, "not-a-jwt", actor), 400)
    assert_sigma_error(_exchange(api, _subject("nobody@example.com"), actor), 404)
    assert_sigma_error(_exchange(api, _subject(_member(api, admin=True)["email"]), actor), 403)
