"""Where sigmakit finds its settings.

The credentials (client id, client secret and base URL, with its token URL) are one unit,
taken whole from the first of these sources that has any of them, never mixed across
sources:

1. explicit arguments (``Sigma(client_id=..., client_secret=..., base_url=...)``), or the
   profile named by ``--profile`` / ``profile=``, ``SIGMA_PROFILE`` or ``SIGMAKIT_PROFILE``;
2. the environment: ``SIGMA_CLIENT_ID``, ``SIGMA_CLIENT_SECRET``, ``SIGMA_BASE_URL`` or
   ``SIGMA_REGION``;
3. a ``.env`` in the working directory, with the keys of Sigma's JavaScript QuickStart
   (``CLIENT_ID``, ``SECRET``, ``baseURL``, ``authURL``) or the ``SIGMA_*`` names above;
4. the ``default`` profile in the user config file (:func:`config_path`: ``config.toml`` in
   the platform's config folder, or ``$SIGMAKIT_CONFIG``; ``sigmakit auth login`` writes
   it), ``[profiles.NAME]`` with ``client_id``, ``client_secret``, ``base_url`` or
   ``region``, ``embed_client_id``, ``embed_secret``.

A source that gives part of the unit is an error that names it (a client id from one place
must never travel with a base URL from another). The embed credentials
(``SIGMA_EMBED_CLIENT_ID`` and ``SIGMA_EMBED_SECRET``, a profile's ``embed_client_id`` and
``embed_secret``) are a unit of their own, found the same way. A client secret is sent over
plain HTTP only to a loopback address (``SIGMAKIT_ALLOW_PLAIN_HTTP=1`` in the environment
allows it elsewhere, for a test server you trust). The other settings (timeouts, retries)
are taken one by one from arguments, the environment, the chosen profile and ``.env``.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ._errors import ConfigError

log = logging.getLogger("sigmakit.settings")

__all__ = ["REGIONS", "Secret", "Settings", "config_path", "load_settings"]

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
}

_API_PREFIXES = ("/v2.1", "/v3alpha", "/v2")
#: How long one HTTP request may take, in seconds (``Settings.timeout``).
DEFAULT_REQUEST_TIMEOUT = 30.0
#: How long a wait for a long job (an export, a materialization) may take, in seconds.
DEFAULT_JOB_TIMEOUT = 600.0
DEFAULT_MAX_RETRIES = 8
#: the first retry's wait (seconds); later ones double, with jitter, up to 8 s
DEFAULT_RETRY_DELAY = 0.5
#: a run that gets no HTTP answer at all for this long stops (seconds)
DEFAULT_FAIL_FAST = 30.0


class Secret:
    """A string that never shows itself in a repr, a log line or an f-string."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Settings:
    """Resolved settings. ``sources`` says where each one came from (never the value)."""

    client_id: str | None = None
    client_secret: Secret | None = None
    base_url: str | None = None
    token_url: str | None = None
    profile: str | None = None
    embed_client_id: str | None = None
    embed_secret: Secret | None = None
    timeout: float = DEFAULT_REQUEST_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    #: ``SIGMAKIT_RETRY_DELAY``: the first retry's wait; tests and chaos runs shorten it
    retry_delay: float = DEFAULT_RETRY_DELAY
    #: ``SIGMAKIT_FAIL_FAST``: seconds of nothing but connection failures before a run stops
    fail_fast: float = DEFAULT_FAIL_FAST
    sources: Mapping[str, str] = field(default_factory=dict)
    #: profiles in the config file that were not used (none was named, and no "default")
    unused_profiles: tuple[str, ...] = ()
    #: ``SIGMAKIT_ALLOW_PLAIN_HTTP``: send the secret over plain HTTP beyond loopback too
    allow_plain_http: bool = False

    @property
    def credentials_source(self) -> str | None:
        """Where the client id, secret and base URL came from (one source, never mixed):
        ``arguments``, ``environment``, ``.env (PATH)`` or ``profile 'NAME' (PATH)``."""
        return self.sources.get("client_id")

    def require_credentials(self) -> tuple[str, Secret, str, str]:
        """client id, secret, base URL and token URL, or a ConfigError naming what is missing."""
        missing = []
        if not self.client_id:
            missing.append(
                "client id (SIGMA_CLIENT_ID, a profile's client_id, or CLIENT_ID in .env)"
            )
        if not self.client_secret or not self.client_secret.reveal():
            missing.append(
                "client secret (SIGMA_CLIENT_SECRET, a profile's client_secret, or SECRET in .env)"
            )
        if not self.base_url:
            missing.append(
                "API base URL (SIGMA_BASE_URL or SIGMA_REGION, a profile's base_url or region, "
                "or baseURL in .env)"
            )
        if missing:
            hint = ""
            if self.unused_profiles:
                hint = (
                    f" (the config file has profiles {', '.join(self.unused_profiles)}: "
                    "choose one with --profile or SIGMAKIT_PROFILE)"
                )
            raise ConfigError("missing setting: " + "; ".join(missing) + hint)
        assert self.client_id and self.client_secret and self.base_url and self.token_url
        if not self.allow_plain_http:
            for url in (self.base_url, self.token_url):
                _refuse_plain_http(url, self.credentials_source or "the settings")
        return self.client_id, self.client_secret, self.base_url, self.token_url


def _refuse_plain_http(url: str, source: str) -> None:
    """A client secret goes over plain HTTP only to this machine (an emulator, a tunnel)."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        return
    host = (parts.hostname or "").lower()
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ConfigError(
            f"{source} points at http://{host}: a client secret is sent over plain HTTP "
            "only to a loopback address; use https:// (or set SIGMAKIT_ALLOW_PLAIN_HTTP=1 "
            "for a test server you trust)"
        )


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
class _Layer:
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


def _base_from(
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


def _env_layer(env: Mapping[str, str], name: str) -> _Layer:
    def get(key: str) -> str | None:
        value = env.get(key)
        return value if value else None

    return _Layer(
        name=name,
        kind="environment",
        client_id=get("SIGMA_CLIENT_ID"),
        client_secret=get("SIGMA_CLIENT_SECRET"),
        base_url=_base_from(
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


def _profile_layer(
    path: Path, profile: str | None, explicit: bool
) -> tuple[_Layer | None, tuple[str, ...]]:
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

    layer = _Layer(
        name=layer_name,
        kind="profile",
        profile=name,
        client_id=get("client_id"),
        client_secret=get("client_secret"),
        base_url=_base_from(
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


def _dotenv_layer(path: Path) -> _Layer | None:
    if not path.is_file():
        return None
    from dotenv import dotenv_values

    values = {k: v for k, v in dotenv_values(path).items() if v}
    name = f".env ({path})"
    env_style = _env_layer(values, name)
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


def _seconds(raw: str | None, default: float, named: Mapping[str, str], attr: str) -> float:
    """A number of seconds >= 0; a bad one is a ConfigError that names the setting, not
    its value (it may be a secret put in the wrong variable)."""
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise ConfigError(f"{named[attr]} must be a number of seconds >= 0 (value not shown)")
    return value


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


def load_settings(
    *,
    client_id: str | None = None,
    client_secret: str | None = None,
    base_url: str | None = None,
    region: str | None = None,
    profile: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    use_dotenv: bool = True,
) -> Settings:
    """Resolve the settings: the credentials as one unit from the first source that has
    any of them (arguments or a named profile, environment, ``.env``, the default
    profile), the other settings one by one (arguments, environment, profile, ``.env``)."""
    env = os.environ if env is None else env
    explicit = _Layer(
        name="arguments",
        client_id=client_id,
        client_secret=client_secret,
        base_url=_base_from(
            "arguments", base_url, region, base_key="base_url", region_key="region"
        ),
        timeout=None if timeout is None else str(timeout),
        max_retries=None if max_retries is None else str(max_retries),
    )
    named = profile or env.get("SIGMA_PROFILE") or env.get("SIGMAKIT_PROFILE") or None
    prof, profile_names = _profile_layer(config_path(env), named, explicit=named is not None)
    environment = _env_layer(env, "environment")
    dot = _dotenv_layer((cwd or Path.cwd()) / ".env") if use_dotenv else None

    # the credentials: arguments, a named profile, the environment, .env, the default profile
    candidates = [explicit]
    if named is not None and prof is not None:
        candidates.append(prof)
    candidates.append(environment)
    if dot is not None:
        candidates.append(dot)
    if named is None and prof is not None:
        candidates.append(prof)
    api = _unit(candidates, CREDENTIALS)
    embed = _unit(candidates, EMBED_CREDENTIALS)

    # the other settings, one by one
    layers = [layer for layer in (explicit, environment, prof, dot) if layer is not None]
    pick = _Picker(layers)
    timeout_value = _positive_seconds(pick("timeout"), pick.named)
    retries_value = _retries(pick("max_retries"), pick.named)
    retry_delay = _seconds(pick("retry_delay"), DEFAULT_RETRY_DELAY, pick.named, "retry_delay")
    fail_fast = _seconds(pick("fail_fast"), DEFAULT_FAIL_FAST, pick.named, "fail_fast")

    sources = dict(pick.sources)
    for unit, names in ((api, CREDENTIALS), (embed, EMBED_CREDENTIALS)):
        if unit is not None:
            sources.update(dict.fromkeys(names, unit.name))
    secret = api.client_secret if api else None
    embed_secret = embed.embed_secret if embed else None
    base = api.base_url if api else None
    if api is not None:
        log.debug("credentials from %s, for %s", api.name, base)
    return Settings(
        client_id=api.client_id if api else None,
        client_secret=Secret(secret) if secret else None,
        base_url=base,
        token_url=(api.token_url or f"{base}/v2/auth/token") if api and base else None,
        profile=api.profile if api else None,
        embed_client_id=embed.embed_client_id if embed else None,
        embed_secret=Secret(embed_secret) if embed_secret else None,
        timeout=timeout_value,
        max_retries=retries_value,
        retry_delay=retry_delay,
        fail_fast=fail_fast,
        sources=sources,
        unused_profiles=profile_names if api is None and prof is None else (),
        allow_plain_http=env.get("SIGMAKIT_ALLOW_PLAIN_HTTP", "") not in ("", "0"),
    )


def _unit(candidates: list[_Layer], names: tuple[str, ...]) -> _Layer | None:
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


class _Picker:
    """Each setting from the first layer that has it; remembers where each came from."""

    def __init__(self, layers: list[_Layer]) -> None:
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


def _positive_seconds(raw: str | None, named: Mapping[str, str]) -> float:
    try:
        value = float(raw) if raw else DEFAULT_REQUEST_TIMEOUT
        if not 0 < value < float("inf"):  # also refuses NaN
            raise ValueError
    except ValueError:
        # never the value: it may be a secret put in the wrong variable
        raise ConfigError(
            f"{named['timeout']} must be a positive number of seconds (value not shown)"
        ) from None
    return value


def _retries(raw: str | None, named: Mapping[str, str]) -> int:
    try:
        value = int(raw) if raw else DEFAULT_MAX_RETRIES
        if value < 0:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"{named['max_retries']} must be a whole number >= 0 (value not shown)"
        ) from None
    return value
