"""``sigmakit embed``: workbook links for a member, and signed secure embed URLs."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest
from tests.support.helpers import run

from sigmakit import Sigma

CLIENT = "emb-client-42"
SECRET = "emb-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9"


#: every test here talks to the emulator through SIGMA_* variables, with embed credentials
pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture(autouse=True)
def _embed_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMA_EMBED_CLIENT_ID", CLIENT)
    monkeypatch.setenv("SIGMA_EMBED_SECRET", SECRET)


def _claims(url: str) -> tuple[str, dict[str, object], dict[str, object]]:
    base, _, query = url.partition("?")
    params = dict(parse_qsl(query))
    assert params[":embed"] == "true"
    token = params[":jwt"]
    return base, jwt.get_unverified_header(token), jwt.decode(token, SECRET, ["HS256"])


def test_sign_a_page_for_a_viewer(sigma: Sigma) -> None:
    wb = sigma.workbooks.resolve("Sales Overview")
    stores = next(p for p in sigma.workbooks.pages(wb.workbook_id) if p.name == "Stores")
    code, out, err = run(
        "embed", "sign", "Sales Overview", "--page", "Stores", "--viewer", "ana@example.com",
        "--account-type", "Viewer", "--team", "Sales", "--team", "West",
        "--attr", "region=West", "--attr", "tier=gold", "--ttl", "600",
    )  # fmt: skip
    assert code == 0, err
    base, header, claims = _claims(out.strip())
    assert base == f"{wb.url}/page/{stores.page_id}"
    assert header == {"alg": "HS256", "typ": "JWT", "kid": CLIENT}
    assert claims["sub"] == "ana@example.com"
    assert claims["exp"] - claims["iat"] == 600  # type: ignore[operator]
    assert claims["account_type"] == "Viewer"
    assert claims["teams"] == ["Sales", "West"]
    assert claims["user_attributes"] == {"region": "West", "tier": "gold"}
    assert claims["jti"]
    assert SECRET not in out + err


def test_sign_an_element_by_id(sigma: Sigma) -> None:
    wb = sigma.workbooks.resolve("Sales Overview")
    page = next(iter(sigma.workbooks.pages(wb.workbook_id)))
    element = next(iter(sigma.workbooks.elements(wb.workbook_id, page.page_id)))
    code, out, _ = run(
        "embed", "sign", wb.workbook_url_id, "--element", element.element_id, "--viewer", "a@b.co"
    )
    assert code == 0
    assert _claims(out.strip())[0] == f"{wb.url}/element/{element.element_id}"


def test_a_missing_embed_secret_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIGMA_EMBED_SECRET")
    code, out, err = run("embed", "sign", "Sales Overview", "--viewer", "a@b.co")
    assert (code, out) == (3, "")
    assert "SIGMA_EMBED_SECRET" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--viewer", "not-an-email"], "email"),
        (["--viewer", "a@b.co", "--ttl", "2592001"], "2592001"),
        (["--viewer", "a@b.co", "--page", "Nope"], "valid pages"),
        (["--viewer", "a@b.co", "--attr", "novalue"], "--attr takes NAME=VALUE"),
    ],
)
def test_bad_input_is_refused(args: list[str], message: str) -> None:
    code, out, err = run("embed", "sign", "Sales Overview", *args)
    assert (code, out) == (2, "")
    assert message in err


def test_urls_lists_a_members_workbooks_with_their_embeds(sigma: Sigma) -> None:
    member = sigma.members.get(sigma.workbooks.resolve("Demand Planning").owner_id)
    reachable = [f.id for f in sigma.files.of_member(member.member_id, type_filters="workbook")]
    embed = sigma.workbooks.create_embed(reachable[0])
    code, out, err = run("embed", "urls", member.email, "-o", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["workbookId"] for r in rows] == reachable
    assert rows[0]["embedUrls"] == [embed.embed_url]
    assert all(urlsplit(r["url"]).scheme == "https" for r in rows)
