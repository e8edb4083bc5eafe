"""``/v2/saml/service-providers``: the service provider's certificates, real X.509 ones, one
active per purpose."""

from __future__ import annotations

import datetime as dt

import httpx
from cryptography import x509
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, new_member

from sigmakit.emulator import EmulatorServer

BASE = "/v2/saml/service-providers"


def _provider(api: httpx.Client) -> str:
    page = api.get(BASE).json()
    assert len(page["entries"]) == 1 and "nextPageToken" not in page
    return str(page["entries"][0]["samlServiceProviderId"])


def _create(api: httpx.Client, sp: str, purpose: str, days: int = 365) -> str:
    made = api.post(f"{BASE}/{sp}/certificates", json={"purpose": purpose, "validForDays": days})
    assert made.status_code == 201, made.text
    assert made.json()["samlServiceProviderId"] == sp
    return str(made.json()["samlServiceProviderCertificateId"])


def test_a_certificate_is_a_real_x509_certificate_valid_for_its_days(api: httpx.Client) -> None:
    sp = _provider(api)
    cert_id = _create(api, sp, "signing", days=90)
    got = api.get(f"{BASE}/{sp}/certificates/{cert_id}").json()
    assert got["purpose"] == "signing" and got["isActive"] is False
    cert = x509.load_pem_x509_certificate(got["publicKeyCertificate"].encode())
    assert cert.not_valid_after_utc - cert.not_valid_before_utc == dt.timedelta(days=90)
    assert dt.datetime.fromisoformat(got["notBefore"]) == cert.not_valid_before_utc
    assert dt.datetime.fromisoformat(got["notAfter"]) == cert.not_valid_after_utc
    assert cert.public_key().key_size == 2048  # type: ignore[union-attr]
    assert api.get(f"{BASE}/{sp}/certificates").json()["entries"] == [got]


def test_activating_one_deactivates_the_others_of_its_purpose(api: httpx.Client) -> None:
    sp = _provider(api)
    first, second = _create(api, sp, "signing"), _create(api, sp, "signing")
    encryption = _create(api, sp, "encryption")

    def active() -> set[str]:
        entries = api.get(f"{BASE}/{sp}/certificates").json()["entries"]
        return {e["samlServiceProviderCertificateId"] for e in entries if e["isActive"]}

    url = f"{BASE}/{sp}/certificates"
    assert api.post(f"{url}/{first}/activate", json={}).status_code == 204
    assert api.post(f"{url}/{encryption}/activate", json={}).status_code == 204
    assert active() == {first, encryption}
    assert api.post(f"{url}/{second}/activate", json={}).status_code == 204
    assert active() == {second, encryption}  # the other signing one went, encryption stayed
    assert api.post(f"{url}/{encryption}/deactivate", json={}).status_code == 204
    assert active() == {second}
    assert api.delete(f"{url}/{first}").status_code == 204
    assert_sigma_error(api.get(f"{url}/{first}"), 404)
    assert len(api.get(url).json()["entries"]) == 2


def test_bad_requests_change_nothing(api: httpx.Client) -> None:
    sp = _provider(api)
    url = f"{BASE}/{sp}/certificates"
    for body in (
        {"purpose": "decoration", "validForDays": 30},
        {"purpose": "signing"},
        {"purpose": "signing", "validForDays": 0},
        {"purpose": "signing", "validForDays": 1.5},
        {"purpose": "signing", "validForDays": True},
    ):
        assert_sigma_error(api.post(url, json=body), 400)
    assert api.get(url).json()["entries"] == []
    assert_sigma_error(api.get(f"{BASE}/nope/certificates"), 404)
    assert_sigma_error(api.post(f"{url}/nope/activate", json={}), 404)


def test_only_an_admin_reaches_saml(api: httpx.Client, emulator: EmulatorServer) -> None:
    sp = _provider(api)
    pro = new_member(api, "Pat", "Pro")
    with signed_in_as(api, emulator, pro) as pat:
        assert_sigma_error(pat.get(BASE), 403)
        assert_sigma_error(
            pat.post(f"{BASE}/{sp}/certificates", json={"purpose": "signing", "validForDays": 9}),
            403,
        )
    assert api.get(f"{BASE}/{sp}/certificates").json()["entries"] == []
