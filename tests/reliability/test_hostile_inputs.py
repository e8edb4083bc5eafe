"""Inputs that once made the emulator answer 500 (and reset the connection) get Sigma's
400 now; a request without a token is a 401 whatever its body; nothing huge is echoed."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import httpx
import pytest
from tests.support.workbook_helpers import export_now

from sigmakit.emulator import EmulatorServer


def export(api: httpx.Client, sales: dict[str, Any], **body: Any) -> httpx.Response:
    payload = {"elementId": sales["Orders"]["elementId"], "format": {"type": "csv"}, **body}
    # json.dumps writes Infinity and NaN, as a JavaScript or Python client can send them
    return api.post(
        f"/v2/workbooks/{sales['id']}/export",
        content=json.dumps(payload),
        headers={"content-type": "application/json"},
    )


def rows(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any], date_filter: str | None
) -> list[int]:
    parameters = {} if date_filter is None else {"parameters": {"DateFilter": date_filter}}
    answer = export_now(
        api,
        emulator,
        sales["id"],
        elementId=sales["Orders"]["elementId"],
        format={"type": "json"},
        **parameters,
    )
    return [row["Order Id"] for row in answer.json()]


def test_dates_at_the_end_of_the_calendar_are_open_ended_not_500(
    api: httpx.Client, emulator: EmulatorServer, sales: dict[str, Any]
) -> None:
    """9999-12-31 plus a day, or 9,999 years back, cannot be a date: such a bound is
    open-ended (the range runs to the end of time) instead of a 500."""
    everything = rows(api, emulator, sales, None)
    assert everything
    assert rows(api, emulator, sales, "9999-12-31") == []
    assert rows(api, emulator, sales, "min:,max:9999-12-31") == everything
    assert rows(api, emulator, sales, "min:,max:9999-12-31T23:59:59") == everything
    assert rows(api, emulator, sales, "next-year-9999") == []
    this_year = date.today().year  # the seeded orders are all in the past
    assert rows(api, emulator, sales, "prior-year-9999") == rows(
        api, emulator, sales, f"min:,max:{this_year - 1}-12-31"
    )
    assert rows(api, emulator, sales, "prior-quarter-9999")


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1e400, 2.5])
def test_row_limit_that_is_not_a_whole_number_is_400(
    api: httpx.Client, sales: dict[str, Any], value: float
) -> None:
    response = export(api, sales, rowLimit=value)
    assert response.status_code == 400, response.text
    assert "rowLimit" in response.json()["message"]


def test_png_pixel_width_infinity_is_400(api: httpx.Client, sales: dict[str, Any]) -> None:
    response = export(api, sales, format={"type": "png", "pixelWidth": float("inf")})
    assert response.status_code == 400, response.text
    assert "pixelWidth" in response.json()["message"]


def test_the_connection_survives_a_refused_request(
    api: httpx.Client, sales: dict[str, Any]
) -> None:
    """The same keep-alive connection serves the next request after each refusal."""
    for _ in range(3):
        assert export(api, sales, rowLimit=float("nan")).status_code == 400
        assert api.get("/v2/whoami").status_code == 200


def test_a_100000_character_team_name_is_refused(api: httpx.Client) -> None:
    response = api.post("/v2/teams", json={"name": "T" * 100_000})
    assert response.status_code == 400
    assert "at most 255 characters" in response.json()["message"]
    assert api.post("/v2/teams", json={"name": "T" * 255}).status_code == 200


def test_a_huge_id_is_not_echoed_whole(api: httpx.Client) -> None:
    team = api.post("/v2/teams", json={"name": "Echo"}).json()
    response = api.patch(f"/v2/teams/{team['teamId']}/members", json={"add": ["m" * 1_000_000]})
    assert response.status_code == 404
    assert len(response.content) < 1_000
    assert "1000000 characters" in response.json()["message"]
    in_path = api.get(f"/v2/members/{'z' * 60_000}")
    assert in_path.status_code == 404 and len(in_path.content) < 1_000


@pytest.mark.parametrize("body", [b"{", b"not json", b'{"name": '])
def test_a_malformed_body_without_a_token_is_401(emulator: EmulatorServer, body: bytes) -> None:
    for headers in ({}, {"authorization": "Bearer not-a-token"}):
        response = httpx.post(
            f"{emulator.base_url}/v2/teams",
            content=body,
            headers={"content-type": "application/json", **headers},
        )
        assert response.status_code == 401, response.text
        assert response.json()["code"] == "unauthorized"


def test_a_malformed_body_with_a_token_is_still_400(api: httpx.Client) -> None:
    response = api.post("/v2/teams", content=b"{", headers={"content-type": "application/json"})
    assert response.status_code == 400


@pytest.mark.parametrize("body", [{"add": "abc"}, {"add": [{}]}, {"remove": [1, 2]}, {"add": 5}])
def test_team_member_changes_that_are_not_id_lists_are_400(
    api: httpx.Client, body: dict[str, Any]
) -> None:
    team = api.post("/v2/teams", json={"name": "Shapes"}).json()
    response = api.patch(f"/v2/teams/{team['teamId']}/members", json=body)
    assert response.status_code == 400, response.text
