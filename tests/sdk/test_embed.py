"""Signed secure embed URLs: decoded with PyJWT, every claim and header checked."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest

from sigmakit import ConfigError, InputError, Sigma, load_settings
from sigmakit._settings import Secret
from sigmakit.embed import MAX_TTL, EmbedSigner, embed_target_url

CLIENT = "embed-client-1"
SECRET = "embed-secret-7c1f0e9a5b-3d2e8f4a6b1c9d0e7f5a"
NOW = 1_750_000_000


def _signer() -> EmbedSigner:
    return EmbedSigner(CLIENT, Secret(SECRET))


def _token(url: str) -> tuple[str, str]:
    """The URL without its query, and the JWT in it; checks ``:embed=true``."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    assert query[":embed"] == "true"
    return url.split("?")[0], query[":jwt"]


def test_signed_url_carries_a_token_sigma_can_verify() -> None:
    url = _signer().sign_url(
        "https://app.sigmacomputing.com/acme/workbook/AbC123",
        "viewer@example.com",
        ttl=900,
        account_type="Viewer",
        teams=["Sales", "EMEA"],
        user_attributes={"region": "West"},
        first_name="Ana",
        last_name="Lima",
        now=NOW,
    )
    base, token = _token(url)
    assert base == "https://app.sigmacomputing.com/acme/workbook/AbC123"
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "HS256"
    assert header["kid"] == CLIENT
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert claims["sub"] == "viewer@example.com"
    assert claims["iat"] == NOW
    assert claims["exp"] == NOW + 900
    assert claims["account_type"] == "Viewer"
    assert claims["teams"] == ["Sales", "EMEA"]
    assert claims["user_attributes"] == {"region": "West"}
    assert claims["first_name"] == "Ana" and claims["last_name"] == "Lima"
    assert len(claims["jti"]) >= 32
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            token,
            "another-secret-of-the-same-length-0123456",
            algorithms=["HS256"],
            options={"verify_exp": False},
        )


def test_optional_claims_are_left_out_and_every_token_is_unique() -> None:
    signer = _signer()
    first = jwt.decode(_token(signer.sign_url("https://x/wb", "a@b.co"))[1], SECRET, ["HS256"])
    second = jwt.decode(_token(signer.sign_url("https://x/wb", "a@b.co"))[1], SECRET, ["HS256"])
    assert set(first) == {"sub", "jti", "iat", "exp"}
    assert first["exp"] - first["iat"] == 3600
    assert first["jti"] != second["jti"]


def test_at_most_thirty_days_and_a_real_email() -> None:
    signer = _signer()
    claims = signer.claims("a@b.co", ttl=MAX_TTL, now=NOW)
    assert claims["exp"] - claims["iat"] == 30 * 24 * 3600
    with pytest.raises(InputError, match="30 days"):
        signer.claims("a@b.co", ttl=MAX_TTL + 1)
    for not_one in ("not-an-email", "a@b.co,c@d.co"):  # a list is not one viewer
        with pytest.raises(InputError, match="email"):
            signer.claims(not_one)
    with pytest.raises(InputError, match="team"):
        signer.claims("a@b.co", teams=["Sales", " "])


def test_a_url_with_a_query_gets_the_token_appended() -> None:
    url = _signer().sign_url("https://x/wb?:theme=Dark", "a@b.co")
    assert url.startswith("https://x/wb?:theme=Dark&:jwt=")
    assert url.endswith("&:embed=true")


def test_credentials_come_from_the_environment_or_nowhere() -> None:
    settings = load_settings(
        env={"SIGMA_EMBED_CLIENT_ID": CLIENT, "SIGMA_EMBED_SECRET": SECRET}, use_dotenv=False
    )
    signer = EmbedSigner.from_settings(settings)
    assert signer.client_id == CLIENT and signer.secret.reveal() == SECRET
    assert SECRET not in repr(signer)
    with pytest.raises(ConfigError, match="SIGMA_EMBED_SECRET"):
        EmbedSigner.from_settings(
            load_settings(env={"SIGMA_EMBED_CLIENT_ID": CLIENT}, use_dotenv=False)
        )


def test_target_urls_for_a_page_and_an_element(sigma: Sigma) -> None:
    workbook = next(iter(sigma.workbooks.list()))
    assert embed_target_url(workbook) == workbook.url
    assert embed_target_url(workbook, page_id="P1") == f"{workbook.url}/page/P1"
    assert embed_target_url(workbook, element_id="E1") == f"{workbook.url}/element/E1"
    with pytest.raises(InputError):
        embed_target_url(workbook, page_id="P1", element_id="E1")
