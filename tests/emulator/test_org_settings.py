"""``/v2/organizations/settings``: the organization's timezone and its three switches, as
published after the bundled 2026-08 description (``reference/sigma-openapi-2026-10-extract.json``).
Only an Admin reads or changes them; a change is what every later read sees."""

from __future__ import annotations

import httpx
import pytest
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, new_member

from sigmakit.emulator import EmulatorServer

SWITCHES = ("bulkCopy", "licenseUpgradeRequests", "publicEmbeds")


def test_a_new_organization_has_the_guessed_defaults(api: httpx.Client) -> None:
    got = {name: api.get(f"/v2/organizations/settings/{name}").json() for name in SWITCHES}
    assert got == {
        "bulkCopy": {"enabled": True},
        "licenseUpgradeRequests": {"enabled": True},
        "publicEmbeds": {"enabled": False},
    }
    # PATCH with nothing to change reads the settings back
    answer = api.patch("/v2/organizations/settings", json={})
    assert answer.status_code == 200
    assert answer.json() == {
        "organizationId": api.get("/v2/whoami").json()["organizationId"],
        "timezone": "UTC",
    }


@pytest.mark.parametrize("name", SWITCHES)
def test_a_switch_changed_is_what_every_later_read_sees(api: httpx.Client, name: str) -> None:
    before = api.get(f"/v2/organizations/settings/{name}").json()["enabled"]
    changed = api.patch(f"/v2/organizations/settings/{name}", json={"enabled": not before})
    assert changed.status_code == 200 and changed.json() == {"enabled": not before}
    assert api.get(f"/v2/organizations/settings/{name}").json() == {"enabled": not before}
    others = [n for n in SWITCHES if n != name]
    # the others are untouched
    assert [api.get(f"/v2/organizations/settings/{n}").json()["enabled"] for n in others] == [
        n != "publicEmbeds" for n in others
    ]


def test_the_timezone_is_an_iana_name(api: httpx.Client) -> None:
    answer = api.patch("/v2/organizations/settings", json={"timezone": "America/New_York"})
    assert answer.status_code == 200 and answer.json()["timezone"] == "America/New_York"
    for bad in ("Mars/Olympus", "", "../etc/passwd", " UTC"):
        refused = assert_sigma_error(
            api.patch("/v2/organizations/settings", json={"timezone": bad}), 400
        )
        assert "timezone" in refused["message"].lower()
    assert api.patch("/v2/organizations/settings", json={}).json()["timezone"] == "America/New_York"


@pytest.mark.parametrize("body", [{}, {"enabled": "yes"}, {"enabled": 1}, {"enabled": None}])
def test_a_switch_needs_a_boolean(api: httpx.Client, body: dict[str, object]) -> None:
    assert_sigma_error(api.patch("/v2/organizations/settings/bulkCopy", json=body), 400)
    assert api.get("/v2/organizations/settings/bulkCopy").json() == {"enabled": True}


def test_only_an_admin_reads_or_changes_the_settings(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    pro = new_member(api, "Pat", "Pro")
    with signed_in_as(api, emulator, pro) as pat:
        assert_sigma_error(pat.get("/v2/organizations/settings/publicEmbeds"), 403)
        assert_sigma_error(
            pat.patch("/v2/organizations/settings/publicEmbeds", json={"enabled": True}), 403
        )
        assert_sigma_error(pat.patch("/v2/organizations/settings", json={"timezone": "UTC"}), 403)
    assert api.get("/v2/organizations/settings/publicEmbeds").json() == {"enabled": False}
