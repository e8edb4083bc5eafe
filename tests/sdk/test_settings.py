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


def test_the_twelve_regions_are_known() -> None:
    assert len(REGIONS) == 12
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


def test_order_is_arguments_environment_profile_dotenv(isolated_env: Path) -> None:
    (isolated_env / ".env").write_text(QUICKSTART_ENV)
    write_profile(
        isolated_env.parent / "home",
        '[profiles.default]\nclient_id = "profile-client"\nclient_secret = "p"\nregion = "azure-uk"\n',
    )
    env = {"SIGMA_CLIENT_ID": "env-client"}
    settings = load_settings(env=env)
    assert settings.client_id == "env-client"
    assert settings.client_secret is not None and settings.client_secret.reveal() == "p"
    assert settings.base_url == REGIONS["azure-uk"]
    assert settings.sources == {
        "client_id": "environment",
        "client_secret": "profile 'default'",
        "base_url": "profile 'default'",
    }
    explicit = load_settings(env=env, client_id="arg-client")
    assert explicit.client_id == "arg-client"


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
