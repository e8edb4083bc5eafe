"""Every error body is ``{"message", "code", "requestId"}`` (SIGMA-API-NOTES.md, "Errors")."""

from __future__ import annotations

from tests.parity.snapshots import Snapshot
from tests.parity.target import Target
from tests.support.sigma_http import assert_sigma_error

#: well-formed ids that no organization holds
NO_MEMBER = "A" * 29
NO_WORKBOOK = "00000000-0000-4000-8000-000000000000"


def test_unknown_things_are_404s_with_sigmas_body(target: Target, snapshot: Snapshot) -> None:
    api = target.http()
    member = api.get(f"/v2/members/{NO_MEMBER}")
    assert assert_sigma_error(member, 404)["code"] == "not_found"
    workbook = api.get(f"/v2/workbooks/{NO_WORKBOOK}")
    assert_sigma_error(workbook, 404)
    download = api.get(f"/v2/query/{NO_WORKBOOK}/download")
    assert download.status_code >= 400
    assert_sigma_error(download, download.status_code)
    snapshot.known_difference(
        "the 'code' strings (not_found, bad_request...) and every message are the "
        "emulator's; the notes document the three keys, not their values"
    )
    snapshot.known_difference(
        "an unknown query id: the notes say only 'an error'; the emulator answers 404"
    )
    snapshot.match("member", member)
    snapshot.match("workbook", workbook)
    snapshot.match("download", download)


def test_a_bad_request_is_a_400_with_sigmas_body(target: Target, snapshot: Snapshot) -> None:
    target.require_writes()  # refused, but a POST all the same: live only when allowed
    api = target.http()
    response = api.post("/v2/members", json={"email": "not-an-email"})
    assert_sigma_error(response, 400)
    snapshot.match("create without the required fields", response)
