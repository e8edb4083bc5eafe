"""A secret put in the wrong variable is never echoed: errors about a setting's value name
the variable and what was expected, not the value."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sigmakit import ConfigError, load_settings
from sigmakit.cli.main import cli

SECRET = "sk-live-9f8e7d6c5b4a3210-do-not-print"


@pytest.mark.parametrize(
    ("variable", "expected"),
    [
        ("SIGMAKIT_TIMEOUT", "positive number of seconds"),
        ("SIGMAKIT_MAX_RETRIES", "whole number"),
        ("SIGMA_REGION", "known regions"),
        ("SIGMAKIT_RETRY_DELAY", "number of seconds"),
        ("SIGMAKIT_FAIL_FAST", "number of seconds"),
    ],
)
def test_the_sdk_names_the_variable_not_the_value(variable: str, expected: str) -> None:
    env = {
        "SIGMA_BASE_URL": "http://127.0.0.1:9",
        "SIGMA_CLIENT_ID": "c",
        "SIGMA_CLIENT_SECRET": "s",
        variable: SECRET,
    }
    if variable == "SIGMA_REGION":
        env.pop("SIGMA_BASE_URL")
    with pytest.raises(ConfigError) as info:
        load_settings(env=env, use_dotenv=False)
    message = str(info.value)
    assert variable in message and expected in message
    assert SECRET not in message and SECRET[:12] not in message


@pytest.mark.parametrize("variable", ["SIGMAKIT_TIMEOUT", "SIGMA_REGION"])
def test_the_cli_does_not_print_it_either(variable: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMA_CLIENT_ID", "c")
    monkeypatch.setenv("SIGMA_CLIENT_SECRET", "s")
    if variable != "SIGMA_REGION":
        monkeypatch.setenv("SIGMA_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv(variable, SECRET)
    result = CliRunner().invoke(cli, ["auth", "check"])
    assert result.exit_code == 3
    assert variable in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_a_timeout_must_be_a_finite_positive_number(value: str) -> None:
    with pytest.raises(ConfigError, match="SIGMAKIT_TIMEOUT"):
        load_settings(
            env={"SIGMAKIT_TIMEOUT": value, "SIGMA_BASE_URL": "http://127.0.0.1:9"},
            client_id="c",
            client_secret="s",
            base_url="http://127.0.0.1:9",
            use_dotenv=False,
        )
