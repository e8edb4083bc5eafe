"""``sigma.request`` / ``sigma.paginate``: any operation, checked against the bundled API
description before anything is sent, through the same HTTP core as the typed resources."""

from __future__ import annotations

import math
import subprocess
import sys

import httpx
import pytest
from tests.support.helpers import Sleeps, queue_faults, request_total, route_count

from sigmakit import InputError, NotFoundError, Sigma, UnknownOperationError
from sigmakit.emulator import EmulatorServer


def test_request_fills_and_quotes_path_placeholders(sigma: Sigma, api: httpx.Client) -> None:
    member = next(iter(sigma.members.list()))
    got = sigma.request("GET", "/v2/members/{memberId}", path_params={"memberId": member.member_id})
    assert got == api.get(f"/v2/members/{member.member_id}").json()
    # without the version, /v2 is put in front; a concrete id works as well as a placeholder
    assert sigma.request("get", f"members/{member.member_id}") == got


def test_a_value_cannot_change_the_route(
    sigma: Sigma, emulator: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    member = next(iter(sigma.members.list()))
    with pytest.raises(NotFoundError):  # "?" stays in the id: no query string is made of it
        sigma.request(
            "GET", "/v2/members/{memberId}", path_params={"memberId": f"{member.member_id}?x=1"}
        )
    assert route_count(emulator, "GET /v2/members/{memberId}") == 1
    # "/" goes out quoted. (The emulator, like any uvicorn app, decodes %2F before routing,
    # so the wire is where to look.)
    caplog.set_level("DEBUG", logger="sigmakit.http")
    with pytest.raises(NotFoundError):
        sigma.request("GET", "/v2/members/{memberId}", path_params={"memberId": "a/b c"})
    assert "GET http://" in caplog.text and "/v2/members/a%2Fb%20c ->" in caplog.text


def test_paginate_walks_every_page_lazily(sigma: Sigma, emulator: EmulatorServer) -> None:
    expected = [m.member_id for m in sigma.members.list()]
    before = route_count(emulator, "GET /v2/members")
    pages = sigma.paginate("/v2/members", params={"limit": 7})
    assert route_count(emulator, "GET /v2/members") == before  # nothing sent yet
    got = [entry["memberId"] for entry in pages]
    assert got == expected
    assert pages.pages_fetched == math.ceil(len(expected) / 7)
    assert route_count(emulator, "GET /v2/members") == before + pages.pages_fetched


def test_paginate_takes_the_token_style(sigma: Sigma, api: httpx.Client) -> None:
    first = api.get("/v2/accountTypes", params={"pageSize": 2})
    if first.status_code == 404:
        pytest.skip("this emulator has no GET /v2/accountTypes yet (h2 adds it)")
    expected = []
    token = None
    while True:
        page = api.get(
            "/v2/accountTypes", params={"pageSize": 2, **({"pageToken": token} if token else {})}
        ).json()
        expected += page["entries"]
        token = page.get("nextPageToken")
        if not token:
            break
    pages = sigma.paginate("/v2/accountTypes", params={"pageSize": 2})
    assert list(pages) == expected
    assert pages.pages_fetched > 1


def test_unknown_path_names_the_closest_and_sends_nothing(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    before = request_total(emulator)
    with pytest.raises(UnknownOperationError) as caught:
        sigma.request("GET", "/v2/membrs")
    assert caught.value.closest[0] == "GET /v2/members"
    assert "GET /v2/membrs is not in Sigma's API description" in str(caught.value)
    with pytest.raises(UnknownOperationError) as caught:
        sigma.paginate("/v2/members/{memberId}/teamz", path_params={"memberId": "x"})
    assert caught.value.closest[0] == "GET /v2/members/{memberId}/teams"
    assert sigma.requests_sent == 0
    assert request_total(emulator) == before


def test_unknown_method_and_query_parameter_send_nothing(
    sigma: Sigma, emulator: EmulatorServer
) -> None:
    before = request_total(emulator)
    with pytest.raises(UnknownOperationError) as caught:
        sigma.request("POST", "/v2/whoami")
    assert caught.value.closest == ("GET /v2/whoami",)
    with pytest.raises(UnknownOperationError) as caught:
        sigma.request("GET", "/v2/members", params={"serch": "ann"})
    assert "did you mean 'search'?" in str(caught.value)
    with pytest.raises(UnknownOperationError):  # a query written in the path is checked too
        list(sigma.paginate("/v2/members?serch=ann"))
    assert sigma.requests_sent == 0
    assert request_total(emulator) == before


def test_bad_paths_and_values_are_input_errors(sigma: Sigma, emulator: EmulatorServer) -> None:
    before = request_total(emulator)
    cases = [
        lambda: sigma.request("GET", "/v2/members/{memberId}"),  # no value for it
        lambda: sigma.request("GET", "/v2/members", path_params={"memberId": "x"}),  # unused
        lambda: sigma.request("GET", "https://elsewhere.example/v2/members"),  # another host
        lambda: sigma.request("GET", ""),
        lambda: sigma.paginate("/v2/whoami"),  # not a paged list
        lambda: sigma.paginate("/v2/members", params={"limit": 5000}),
        # the client fetches its own tokens; a secret never goes in a raw body
        lambda: sigma.request("POST", "/v2/auth/token", json={"client_secret": "x"}),
        lambda: sigma.request("POST", "auth/token/", check=False),
    ]
    for case in cases:
        with pytest.raises(InputError):
            case()
    assert request_total(emulator) == before


def test_a_full_url_on_the_api_host_is_taken(sigma: Sigma) -> None:
    assert sigma.request("GET", f"{sigma.base_url}/v2/whoami")["userId"]


def test_check_false_sends_anyway(sigma: Sigma, emulator: EmulatorServer) -> None:
    # a parameter newer than the bundle: sent as given
    before = route_count(emulator, "GET /v2/members")
    body = sigma.request("GET", "/v2/members", params={"newerFilter": "x"}, check=False)
    assert isinstance(body["entries"], list)
    assert route_count(emulator, "GET /v2/members") == before + 1
    # a path the description lacks reaches the server, which answers 404 (with a request id)
    with pytest.raises(NotFoundError) as caught:
        sigma.request("GET", "/v2/newer-things", check=False)
    assert caught.value.request_id


def test_raw_calls_retry_like_every_other(
    sigma: Sigma, emulator: EmulatorServer, sleeps: Sleeps
) -> None:
    sigma.whoami(member=False)  # the token first, so the faults meet the raw call
    queue_faults(emulator, "error", "rate_limit")
    assert sigma.request("GET", "/v2/whoami")["userId"]
    assert len(sleeps) == 2


def test_the_description_loads_only_for_a_raw_call() -> None:
    code = (
        "import sys, sigmakit, sigmakit.cli.main, sigmakit.cli.api; "
        "from sigmakit import Sigma; "
        "s = Sigma(base_url='http://127.0.0.1:9', client_id='a', client_secret='b'); "
        "loaded = [m for m in ('sigmakit._reference', 'sigmakit._raw') if m in sys.modules]; "
        "print(','.join(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    ("method", "given", "sent", "operation"),
    [
        ("GET", "members", "/v2/members", "GET /v2/members"),
        ("GET", "/v2.1/members", "/v2.1/members", "GET /v2.1/members"),
        ("GET", "/v2/members/", "/v2/members", "GET /v2/members"),
        # a literal segment beats a placeholder: this is the tag path, not a workbook id
        ("POST", "/v2/workbooks/tag", "/v2/workbooks/tag", "POST /v2/workbooks/tag"),
        ("GET", "/v2/workbooks/w1", "/v2/workbooks/w1", "GET /v2/workbooks/{workbookId}"),
        # a placeholder inside a segment
        (
            "POST",
            "/v2/dataModels/dm1:materialize",
            "/v2/dataModels/dm1:materialize",
            "POST /v2/dataModels/{dataModelId}:materialize",
        ),
        # the description writes this one with a trailing "/" (and the GET without)
        (
            "POST",
            "/v2/workbooks/w1/tags/t1/bookmarks",
            "/v2/workbooks/w1/tags/t1/bookmarks/",
            "POST /v2/workbooks/{workbookId}/tags/{tagName}/bookmarks/",
        ),
        (
            "GET",
            "/v2/workbooks/w1/tags/t1/bookmarks/",
            "/v2/workbooks/w1/tags/t1/bookmarks",
            "GET /v2/workbooks/{workbookId}/tags/{tagName}/bookmarks",
        ),
    ],
)
def test_how_paths_are_matched(method: str, given: str, sent: str, operation: str) -> None:
    from sigmakit._raw import prepare

    call = prepare(method, given)
    assert (call.url, str(call.operation)) == (sent, operation)


def test_a_literal_path_is_never_taken_for_an_id() -> None:
    from sigmakit._raw import prepare

    with pytest.raises(UnknownOperationError) as caught:
        prepare("GET", "/v2/workbooks/tag")
    assert caught.value.closest == ("POST /v2/workbooks/tag",)
