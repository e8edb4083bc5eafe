"""Where settings come from, in which order, and the errors for missing or clashing ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigmakit import REGIONS, ConfigError, load_settings

QUICKSTART_ENV = """\
# Sigma's JavaScript QuickStart .env
authURL=https://aws-api.sigmacomputing.com/v2/auth/token
baseURL=https://aws-api.sigmacomputing.com/v2
CLIENT_ID=qs-client
SECRET=qs-secret
MEMBERID=abc
"""


def write_profile(home: Path, text: str) -> None:
    path = home / ".config" / "sigmakit" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_thirteen_regions_are_known() -> None:
    assert len(REGIONS) == 13
    # Azure Australia, added in 2026 (SIGMA-API-NOTES, "Changes in 2026")
    settings = load_settings(region="AZURE-AU", client_id="a", client_secret="b", env={})
    assert settings.base_url == "https://api.au.azure.sigmacomputing.com"
    settings = load_settings(region="aws-eu", client_id="a", client_secret="b", env={})
    assert settings.base_url == "https://api.eu.aws.sigmacomputing.com"
    assert settings.token_url == "https://api.eu.aws.sigmacomputing.com/v2/auth/token"


def test_quickstart_env_is_used_as_is(isolated_env: Path) -> None:
    (isolated_env / ".env").write_text(QUICKSTART_ENV)
    settings = load_settings(env={})
    assert settings.client_id == "qs-client"
    assert settings.client_secret is not None and settings.client_secret.reveal() == "qs-secret"
    assert settings.base_url == "https://aws-api.sigmacomputing.com"
    assert settings.token_url == "https://aws-api.sigmacomputing.com/v2/auth/token"


PROFILES = """\
[profiles.default]
client_id = "default-client"
client_secret = "d"
region = "azure-uk"

[profiles.prod]
client_id = "prod-client"
client_secret = "p"
region = "aws-eu"
"""
EMULATOR_ENV = {
    "SIGMA_CLIENT_ID": "env-client",
    "SIGMA_CLIENT_SECRET": "e",
    "SIGMA_BASE_URL": "http://127.0.0.1:8000",
}


def test_credentials_come_whole_from_the_first_source_that_has_them(isolated_env: Path) -> None:
    """Arguments or a named profile, then SIGMA_*, then .env, then the default profile."""
    write_profile(isolated_env.parent / "home", PROFILES)
    # only the default profile: `sigmakit auth login`, then any folder
    alone = load_settings(env={})
    assert (alone.client_id, alone.base_url) == ("default-client", REGIONS["azure-uk"])
    assert alone.credentials_source and alone.credentials_source.startswith("profile 'default'")
    assert alone.profile == "default"
    # a QuickStart .env in the working folder beats the default profile, as a unit
    (isolated_env / ".env").write_text(QUICKSTART_ENV)
    dot = load_settings(env={})
    assert (dot.client_id, dot.base_url) == ("qs-client", "https://aws-api.sigmacomputing.com")
    assert dot.client_secret is not None and dot.client_secret.reveal() == "qs-secret"
    assert dot.credentials_source == f".env ({isolated_env / '.env'})" and dot.profile is None
    # SIGMA_* beats .env
    env = load_settings(env=EMULATOR_ENV)
    assert (env.client_id, env.base_url) == ("env-client", "http://127.0.0.1:8000")
    assert env.credentials_source == "environment"
    assert env.token_url == "http://127.0.0.1:8000/v2/auth/token"  # not .env's authURL
    # a named profile (argument, SIGMA_PROFILE or SIGMAKIT_PROFILE) beats all three
    for named in (
        load_settings(profile="prod", env=EMULATOR_ENV),
        load_settings(env={**EMULATOR_ENV, "SIGMA_PROFILE": "prod"}),
        load_settings(env={**EMULATOR_ENV, "SIGMAKIT_PROFILE": "prod"}),
    ):
        assert (named.client_id, named.base_url) == ("prod-client", REGIONS["aws-eu"])
        assert named.client_secret is not None and named.client_secret.reveal() == "p"
        assert named.profile == "prod"
    # and arguments beat everything
    explicit = load_settings(
        client_id="arg-client", client_secret="a", region="aws-us-west", env=EMULATOR_ENV
    )
    assert (explicit.client_id, explicit.base_url) == ("arg-client", REGIONS["aws-us-west"])
    assert explicit.sources["client_secret"] == "arguments"


@pytest.mark.parametrize(
    ("env", "arguments", "named", "missing"),
    [
        ({"SIGMA_CLIENT_ID": "env-client"}, {}, "environment", "SIGMA_CLIENT_SECRET"),
        ({"SIGMA_BASE_URL": "http://127.0.0.1:8000"}, {}, "environment", "SIGMA_CLIENT_ID"),
        ({"SIGMA_REGION": "aws-eu"}, {}, "environment", "SIGMA_CLIENT_SECRET"),
        ({}, {"base_url": "http://127.0.0.1:8000"}, "arguments", "client_id"),
        ({}, {"client_id": "a", "client_secret": "b"}, "arguments", "base_url or region"),
    ],
)
def test_a_partial_set_is_an_error_that_names_its_source(
    isolated_env: Path, env: dict[str, str], arguments: dict[str, str], named: str, missing: str
) -> None:
    """A client id from one place never travels with a base URL from another: a real
    secret must not reach a local server, nor a local one a real host."""
    write_profile(isolated_env.parent / "home", PROFILES)
    (isolated_env / ".env").write_text(QUICKSTART_ENV)
    with pytest.raises(ConfigError) as info:
        load_settings(env=env, **arguments)
    message = str(info.value)
    assert message.startswith(named) and missing in message
    assert "never mixed" in message
    assert "qs-secret" not in message and "secret = " not in message


def test_a_partial_dotenv_is_an_error_not_a_mix_with_the_default_profile(
    isolated_env: Path,
) -> None:
    write_profile(isolated_env.parent / "home", PROFILES)
    (isolated_env / ".env").write_text("baseURL=http://127.0.0.1:8000/v2\nMEMBERID=abc\n")
    with pytest.raises(ConfigError, match=r"^\.env \(.*\) gives baseURL but not CLIENT_ID, SECRET"):
        load_settings(env={})
    # a .env with none of the credentials (only a recipe's keys) is not a source at all
    (isolated_env / ".env").write_text("MEMBERID=abc\nSIGMAKIT_TIMEOUT=12\n")
    settings = load_settings(env={})
    assert settings.client_id == "default-client" and settings.timeout == 12


def test_the_embed_pair_is_a_unit_of_its_own(isolated_env: Path) -> None:
    write_profile(
        isolated_env.parent / "home",
        PROFILES.replace('region = "azure-uk"', 'region = "azure-uk"\nembed_client_id = "pe"'),
    )
    with pytest.raises(ConfigError, match="gives embed_client_id but not embed_secret"):
        load_settings(env={})
    settings = load_settings(
        env={**EMULATOR_ENV, "SIGMA_EMBED_CLIENT_ID": "ee", "SIGMA_EMBED_SECRET": "es"}
    )
    assert settings.embed_client_id == "ee" and settings.sources["embed_secret"] == "environment"


@pytest.mark.parametrize(
    "url",
    ["http://api.example.com", "http://10.0.0.5:8000", "http://emulator.internal:8000/v2"],
)
def test_a_secret_is_sent_over_plain_http_only_to_loopback(url: str) -> None:
    settings = load_settings(
        client_id="a", client_secret="top-secret-value", base_url=url, env={}, use_dotenv=False
    )
    with pytest.raises(ConfigError) as info:
        settings.require_credentials()
    assert "only to a loopback address" in str(info.value)
    assert "top-secret-value" not in str(info.value)
    allowed = load_settings(
        client_id="a",
        client_secret="b",
        base_url=url,
        env={"SIGMAKIT_ALLOW_PLAIN_HTTP": "1"},
        use_dotenv=False,
    )
    assert allowed.require_credentials()[2].startswith("http://")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost:9", "http://[::1]:80", "https://x.io"]
)
def test_loopback_and_https_are_fine(url: str) -> None:
    settings = load_settings(
        client_id="a", client_secret="b", base_url=url, env={}, use_dotenv=False
    )
    assert settings.require_credentials()[2] == url


def test_named_profile(isolated_env: Path) -> None:
    write_profile(
        isolated_env.parent / "home",
        '[profiles.prod]\nclient_id = "c"\nclient_secret = "s"\nbase_url = "https://api.sigmacomputing.com/v2/"\n',
    )
    settings = load_settings(profile="prod", env={})
    assert settings.base_url == "https://api.sigmacomputing.com"
    assert settings.profile == "prod"
    with pytest.raises(ConfigError, match="profile 'staging' not found"):
        load_settings(profile="staging", env={})


def test_missing_settings_are_named() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(env={}).require_credentials()
    message = str(info.value)
    assert "client id" in message and "client secret" in message and "base URL" in message


def test_contradictory_base_url_and_region() -> None:
    env = {"SIGMA_BASE_URL": "https://api.sigmacomputing.com", "SIGMA_REGION": "aws-eu"}
    with pytest.raises(ConfigError, match=r"SIGMA_BASE_URL and SIGMA_REGION .* different hosts"):
        load_settings(env=env)


def test_unknown_region_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="known regions: gcp-us"):
        load_settings(env={"SIGMA_REGION": "mars-1"})


def test_quickstart_auth_url_on_another_host_is_refused(isolated_env: Path) -> None:
    (isolated_env / ".env").write_text(
        QUICKSTART_ENV.replace("authURL=https://aws-api", "authURL=https://api.eu.aws")
    )
    with pytest.raises(ConfigError, match=r"authURL .* and baseURL"):
        load_settings(env={})


def test_secret_never_shows_in_repr() -> None:
    settings = load_settings(
        client_id="c", client_secret="super-secret-value", base_url="http://127.0.0.1:1", env={}
    )
    assert "super-secret-value" not in repr(settings)
    assert "super-secret-value" not in str(settings.client_secret)


def test_missing_settings_point_to_the_profiles_there_are(isolated_env: Path) -> None:
    write_profile(
        isolated_env.parent / "home",
        '[profiles.staging]\nclient_id = "c"\nclient_secret = "s"\nregion = "aws-eu"\n',
    )
    with pytest.raises(ConfigError, match=r"profiles staging: choose one with --profile"):
        load_settings(env={}).require_credentials()
    assert load_settings(profile="staging", env={}).require_credentials()[0] == "c"
