"""The places settings come from, each read into a ``Layer`` of raw values: arguments,
the environment, a profile in the config file, a QuickStart ``.env``; and the rule that
takes the credentials whole from one of them (see ``_settings`` for the order)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ._errors import ConfigError

__all__ = [
    "CREDENTIALS",
    "EMBED_CREDENTIALS",
    "REGIONS",
    "Layer",
    "Picker",
    "base_from",
    "config_path",
    "dotenv_layer",
    "env_layer",
    "normalize_base_url",
    "profile_layer",
    "region_url",
    "shown_url",
    "unit",
]

#: Sigma's API hosts, one per cloud region (SIGMA-API-NOTES.md, "Hosts and versions").
REGIONS: dict[str, str] = {
    "gcp-us": "https://api.sigmacomputing.com",
    "gcp-ksa": "https://api.sa.gcp.sigmacomputing.com",
    "aws-us-west": "https://aws-api.sigmacomputing.com",
    "aws-us-east": "https://api.us-a.aws.sigmacomputing.com",
    "aws-ca": "https://api.ca.aws.sigmacomputing.com",
    "aws-eu": "https://api.eu.aws.sigmacomputing.com",
    "aws-au": "https://api.au.aws.sigmacomputing.com",
    "aws-uk": "https://api.uk.aws.sigmacomputing.com",
    "azure-us": "https://api.us.azure.sigmacomputing.com",
    "azure-eu": "https://api.eu.azure.sigmacomputing.com",
    "azure-ca": "https://api.ca.azure.sigmacomputing.com",
    "azure-uk": "https://api.uk.azure.sigmacomputing.com",
    "azure-au": "https://api.au.azure.sigmacomputing.com",  # added in 2026
}

_API_PREFIXES = ("/v2.1", "/v3alpha", "/v2")


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file: ``$SIGMAKIT_CONFIG``, else ``config.toml`` in the platform's config
    folder (``$XDG_CONFIG_HOME/sigmakit`` or ``~/.config/sigmakit`` on Linux,
    ``~/Library/Application Support/sigmakit`` on macOS, ``%APPDATA%\\sigmakit`` on
    Windows). Where only the older ``~/.config/sigmakit/config.toml`` exists, that one."""
    env = os.environ if env is None else env
    if env.get("SIGMAKIT_CONFIG"):
        return Path(env["SIGMAKIT_CONFIG"]).expanduser()
    xdg = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "sigmakit"
    # the folders click.get_app_dir names, read from ``env`` (tests and callers pass their own)
    platform: str = sys.platform  # a plain str: every branch is checked on every OS
    if platform == "win32":
        native_dir = Path(env.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif platform == "darwin":
        native_dir = Path.home() / "Library" / "Application Support"
    else:
        return xdg / "config.toml"
    native, legacy = native_dir / "sigmakit" / "config.toml", xdg / "config.toml"
    return legacy if legacy.exists() and not native.exists() else native


def shown_url(url: str) -> str:
    """A URL as it may be shown (a trace, an error, a command's output): credentials written
    into it (``https://user:password@host``) become ``***``. Every place a configured URL is
    shown goes through this (or :func:`redacted`, which does it too)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


def normalize_base_url(value: str, *, setting: str) -> str:
    """``https://host[/v2]`` -> ``https://host``: the host is kept apart from the version."""
    raw = value.strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"{setting} must be an http(s) URL such as https://api.sigmacomputing.com"
        )
    path = parts.path.rstrip("/")
    for prefix in _API_PREFIXES:
        if path.endswith(prefix):
            path = path[: -len(prefix)]
            break
    return f"{parts.scheme}://{parts.netloc}{path}"


def region_url(region: str, *, setting: str) -> str:
    key = region.strip().lower()
    if key not in REGIONS:
        # the value is not shown: it may be a secret put in the wrong variable
        raise ConfigError(f"{setting} is not a known region; known regions: {', '.join(REGIONS)}")
    return REGIONS[key]


@dataclass
class Layer:
    """The settings one source offers, still raw."""

    name: str
    #: which kind of source: arguments, environment, profile or .env
    kind: str = "arguments"
    #: the profile's name, for a profile
    profile: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    base_url: str | None = None
    token_url: str | None = None
    embed_client_id: str | None = None
    embed_secret: str | None = None
    timeout: str | None = None
    max_retries: str | None = None
    retry_delay: str | None = None
    fail_fast: str | None = None
    #: how this source names a setting, for messages (``timeout`` -> ``SIGMAKIT_TIMEOUT``)
    keys: dict[str, str] = field(default_factory=dict)


def base_from(
    layer_name: str,
    base: str | None,
    region: str | None,
    *,
    base_key: str,
    region_key: str,
) -> str | None:
    by_url = normalize_base_url(base, setting=base_key) if base else None
    by_region = region_url(region, setting=region_key) if region else None
    if by_url and by_region and by_url != by_region:
        raise ConfigError(
            f"{base_key} and {region_key} in {layer_name} name different hosts; set only one"
        )
    return by_url or by_region


def env_layer(env: Mapping[str, str], name: str) -> Layer:
    def get(key: str) -> str | None:
        value = env.get(key)
        return value if value else None

    return Layer(
        name=name,
        kind="environment",
        client_id=get("SIGMA_CLIENT_ID"),
        client_secret=get("SIGMA_CLIENT_SECRET"),
        base_url=base_from(
            name,
            get("SIGMA_BASE_URL"),
            get("SIGMA_REGION"),
            base_key="SIGMA_BASE_URL",
            region_key="SIGMA_REGION",
        ),
        embed_client_id=get("SIGMA_EMBED_CLIENT_ID"),
        embed_secret=get("SIGMA_EMBED_SECRET"),
        timeout=get("SIGMAKIT_TIMEOUT"),
        max_retries=get("SIGMAKIT_MAX_RETRIES"),
        retry_delay=get("SIGMAKIT_RETRY_DELAY"),
        fail_fast=get("SIGMAKIT_FAIL_FAST"),
        keys={
            "timeout": "SIGMAKIT_TIMEOUT",
            "max_retries": "SIGMAKIT_MAX_RETRIES",
            "retry_delay": "SIGMAKIT_RETRY_DELAY",
            "fail_fast": "SIGMAKIT_FAIL_FAST",
        },
    )


def profile_layer(
    path: Path, profile: str | None, explicit: bool
) -> tuple[Layer | None, tuple[str, ...]]:
    """The chosen profile's settings (None if none applies), and every profile's name."""
    if not path.exists():
        if explicit:
            raise ConfigError(f"profile {profile!r} not found: there is no config file at {path}")
        return None, ()
    import tomllib  # only when there is a config file (its regexes cost a start-up ~5 ms)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    profiles = data.get("profiles", {})
    if not isinstance(profiles, dict):
        raise ConfigError(f"config file {path}: 'profiles' must be a table")
    name = profile or "default"
    section = profiles.get(name)
    names = tuple(sorted(profiles))
    if section is None:
        if explicit:
            known = ", ".join(names) or "none"
            raise ConfigError(f"profile {name!r} not found in {path} (profiles: {known})")
        return None, names
    if not isinstance(section, dict):
        raise ConfigError(f"config file {path}: [profiles.{name}] must be a table")
    layer_name = f"profile {name!r} ({path})"

    def get(key: str) -> str | None:
        value = section.get(key)
        return None if value is None or value == "" else str(value)

    layer = Layer(
        name=layer_name,
        kind="profile",
        profile=name,
        client_id=get("client_id"),
        client_secret=get("client_secret"),
        base_url=base_from(
            layer_name, get("base_url"), get("region"), base_key="base_url", region_key="region"
        ),
        embed_client_id=get("embed_client_id"),
        embed_secret=get("embed_secret"),
        timeout=get("timeout"),
        max_retries=get("max_retries"),
        retry_delay=get("retry_delay"),
        fail_fast=get("fail_fast"),
    )
    return layer, names


def dotenv_layer(path: Path) -> Layer | None:
    if not path.is_file():
        return None
    from dotenv import dotenv_values

    values = {k: v for k, v in dotenv_values(path).items() if v}
    name = f".env ({path})"
    env_style = env_layer(values, name)
    base = env_style.base_url
    quickstart_base = values.get("baseURL")
    if quickstart_base:
        qs = normalize_base_url(quickstart_base, setting="baseURL in .env")
        if base and base != qs:
            raise ConfigError(f"baseURL and SIGMA_BASE_URL in {name} name different hosts")
        base = qs
    auth_url = values.get("authURL")
    if auth_url:
        parts = urlsplit(auth_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"authURL in {name} must be an http(s) URL")
        auth_origin = f"{parts.scheme}://{parts.netloc}"
        if base and not base.startswith(auth_origin):
            raise ConfigError(
                f"authURL ({auth_origin}) and baseURL ({base}) in {name} name different hosts"
            )
        if not base:
            base = normalize_base_url(
                auth_url.strip().removesuffix("/auth/token"), setting="authURL"
            )
    return replace(
        env_style,
        kind=".env",
        client_id=env_style.client_id or values.get("CLIENT_ID"),
        client_secret=env_style.client_secret or values.get("SECRET"),
        base_url=base,
        token_url=auth_url.strip() if auth_url else None,
    )


#: the settings that make the API credentials, one unit from one source
CREDENTIALS = ("client_id", "client_secret", "base_url")
#: the embed credentials, a unit of their own
EMBED_CREDENTIALS = ("embed_client_id", "embed_secret")

#: how each kind of source spells the credentials, for the message about a partial set
_SPELLING = {
    "arguments": {
        "client_id": "client_id",
        "client_secret": "client_secret",
        "base_url": "base_url or region",
        "embed_client_id": "embed_client_id",
        "embed_secret": "embed_secret",
    },
    "environment": {
        "client_id": "SIGMA_CLIENT_ID",
        "client_secret": "SIGMA_CLIENT_SECRET",
        "base_url": "SIGMA_BASE_URL or SIGMA_REGION",
        "embed_client_id": "SIGMA_EMBED_CLIENT_ID",
        "embed_secret": "SIGMA_EMBED_SECRET",
    },
    "profile": {
        "client_id": "client_id",
        "client_secret": "client_secret",
        "base_url": "base_url or region",
        "embed_client_id": "embed_client_id",
        "embed_secret": "embed_secret",
    },
    ".env": {
        "client_id": "CLIENT_ID",
        "client_secret": "SECRET",
        "base_url": "baseURL",
        "embed_client_id": "SIGMA_EMBED_CLIENT_ID",
        "embed_secret": "SIGMA_EMBED_SECRET",
    },
}


def unit(candidates: list[Layer], names: tuple[str, ...]) -> Layer | None:
    """The first source that has any of ``names``; it must have them all."""
    for layer in candidates:
        has = [name for name in names if getattr(layer, name)]
        if not has:
            continue
        missing = [name for name in names if name not in has]
        if missing:
            spelled = _SPELLING[layer.kind]
            raise ConfigError(
                f"{layer.name} gives {', '.join(spelled[n] for n in has)} but not "
                f"{', '.join(spelled[n] for n in missing)}: the credentials are taken whole "
                "from one source, never mixed across sources"
            )
        return layer
    return None


class Picker:
    """Each setting from the first layer that has it; remembers where each came from."""

    def __init__(self, layers: list[Layer]) -> None:
        self.layers = layers
        #: setting -> the layer's name (``environment``...), for ``sigmakit auth status``
        self.sources: dict[str, str] = {}
        #: setting -> how its layer names it (``SIGMAKIT_TIMEOUT in environment``), for errors
        self.named: dict[str, str] = {}

    def __call__(self, attr: str) -> str | None:
        for layer in self.layers:
            value = getattr(layer, attr)
            if value:
                self.sources[attr] = layer.name
                self.named[attr] = f"{layer.keys.get(attr, attr)} in {layer.name}"
                return str(value)
        return None
