"""``/v2/translations/organization``: translation files per locale and custom variant."""

from __future__ import annotations

import httpx
import pytest
from tests.support.member_sessions import signed_in_as
from tests.support.sigma_http import assert_sigma_error, new_member, walk

from sigmakit.emulator import EmulatorServer

BASE = "/v2/translations/organization"


def test_a_locale_and_its_variant_are_created_read_replaced_and_listed(
    api: httpx.Client,
) -> None:
    assert walk(api, BASE) == []
    created = api.post(BASE, json={"lng": "fr", "translations": {"Revenue": "Chiffre d'affaires"}})
    assert created.status_code == 200 and created.json() == {}
    legal = api.post(
        BASE, json={"lng": "fr", "lng_variant": "legal", "translations": {"Revenue": "Recettes"}}
    )
    assert legal.status_code == 200
    assert api.get(f"{BASE}/fr").json() == {"translations": {"Revenue": "Chiffre d'affaires"}}
    assert api.get(f"{BASE}/fr/legal").json() == {"translations": {"Revenue": "Recettes"}}

    replaced = api.put(f"{BASE}/fr", json={"translations": {"Cost": "Coût"}})
    assert replaced.status_code == 200
    assert api.get(f"{BASE}/fr").json() == {"translations": {"Cost": "Coût"}}  # whole
    assert api.get(f"{BASE}/fr/legal").json()["translations"] == {"Revenue": "Recettes"}

    listed = walk(api, BASE)
    assert [(e["lng"], e["lng_variant"]) for e in listed] == [("fr", None), ("fr", "legal")]
    me = api.get("/v2/whoami").json()["userId"]
    assert {e["createdBy"] for e in listed} == {me}
    assert listed[0]["updatedAt"] >= listed[0]["createdAt"]


def test_pages_of_locales(api: httpx.Client) -> None:
    for lng in ("de", "es", "it", "ja", "ko"):
        assert api.post(BASE, json={"lng": lng}).status_code == 200
    first = api.get(BASE, params={"limit": 2}).json()
    assert [e["lng"] for e in first["entries"]] == ["de", "es"]
    assert first["total"] == 5 and first["hasMore"] is True
    assert [e["lng"] for e in walk(api, BASE, limit=2)] == ["de", "es", "it", "ja", "ko"]


def test_deleting_a_locale_takes_its_variants(api: httpx.Client) -> None:
    api.post(BASE, json={"lng": "de"})
    api.post(BASE, json={"lng": "de", "lng_variant": "formal"})
    api.post(BASE, json={"lng": "es"})
    assert api.delete(f"{BASE}/de/formal").status_code == 200
    assert_sigma_error(api.get(f"{BASE}/de/formal"), 404)
    api.post(BASE, json={"lng": "de", "lng_variant": "formal"})
    assert api.delete(f"{BASE}/de").status_code == 200
    assert [e["lng"] for e in walk(api, BASE)] == ["es"]
    assert_sigma_error(api.get(f"{BASE}/de/formal"), 404)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"lng": "french"}, 400),
        ({"lng": "fr", "lng_variant": "a/b"}, 400),
        ({"lng": "pt-BR", "lng_variant": "v1"}, 400),  # its locale's file first
        ({"lng": "es", "translations": {"": "x"}}, 400),
        ({"translations": {}}, 400),
        ({"lng": "es"}, 409),  # exists
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(
    api: httpx.Client, body: dict[str, object], status: int
) -> None:
    api.post(BASE, json={"lng": "es", "translations": {"Hello": "Hola"}})
    before = walk(api, BASE)
    assert_sigma_error(api.post(BASE, json=body), status)
    assert walk(api, BASE) == before
    assert api.get(f"{BASE}/es").json() == {"translations": {"Hello": "Hola"}}


def test_what_is_not_there_is_a_404(api: httpx.Client) -> None:
    assert_sigma_error(api.get(f"{BASE}/nl"), 404)
    assert_sigma_error(api.put(f"{BASE}/nl", json={"translations": {}}), 404)
    assert_sigma_error(api.delete(f"{BASE}/nl/x"), 404)


def test_only_an_admin_changes_translation_files(
    api: httpx.Client, emulator: EmulatorServer
) -> None:
    api.post(BASE, json={"lng": "fr", "translations": {"Revenue": "Chiffre d'affaires"}})
    pro = new_member(api, "Pat", "Pro")
    with signed_in_as(api, emulator, pro) as pat:
        assert pat.get(f"{BASE}/fr").status_code == 200  # anyone reads
        assert_sigma_error(pat.post(BASE, json={"lng": "de"}), 403)
        assert_sigma_error(pat.put(f"{BASE}/fr", json={"translations": {}}), 403)
        assert_sigma_error(pat.delete(f"{BASE}/fr"), 403)
    assert [e["lng"] for e in walk(api, BASE)] == ["fr"]
    assert api.get(f"{BASE}/fr").json()["translations"] == {"Revenue": "Chiffre d'affaires"}
