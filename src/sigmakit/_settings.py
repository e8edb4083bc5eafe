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

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ._errors import ConfigError
from ._sources import (
    CREDENTIALS,
    EMBED_CREDENTIALS,
    REGIONS,
    Layer,
    Picker,
    base_from,
    config_path,
    dotenv_layer,
    env_layer,
    normalize_base_url,
    profile_layer,
    region_url,
    shown_url,
    unit,
)

log = logging.getLogger("sigmakit.settings")

__all__ = [
    "REGIONS",
    "Secret",
    "Settings",
    "config_path",
    "load_settings",
    "normalize_base_url",
    "region_url",
]

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
    import ipaddress  # only for a plain-HTTP URL (tests, an emulator): start-up stays light

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
    explicit = Layer(
        name="arguments",
        client_id=client_id,
        client_secret=client_secret,
        base_url=base_from("arguments", base_url, region, base_key="base_url", region_key="region"),
        timeout=None if timeout is None else str(timeout),
        max_retries=None if max_retries is None else str(max_retries),
    )
    named = profile or env.get("SIGMA_PROFILE") or env.get("SIGMAKIT_PROFILE") or None
    prof, profile_names = profile_layer(config_path(env), named, explicit=named is not None)
    environment = env_layer(env, "environment")
    dot = dotenv_layer((cwd or Path.cwd()) / ".env") if use_dotenv else None

    # the credentials: arguments, a named profile, the environment, .env, the default profile
    candidates = [explicit]
    if named is not None and prof is not None:
        candidates.append(prof)
    candidates.append(environment)
    if dot is not None:
        candidates.append(dot)
    if named is None and prof is not None:
        candidates.append(prof)
    api = unit(candidates, CREDENTIALS)
    embed = unit(candidates, EMBED_CREDENTIALS)

    # the other settings, one by one
    layers = [layer for layer in (explicit, environment, prof, dot) if layer is not None]
    pick = Picker(layers)
    timeout_value = _positive_seconds(pick("timeout"), pick.named)
    retries_value = _retries(pick("max_retries"), pick.named)
    retry_delay = _seconds(pick("retry_delay"), DEFAULT_RETRY_DELAY, pick.named, "retry_delay")
    fail_fast = _seconds(pick("fail_fast"), DEFAULT_FAIL_FAST, pick.named, "fail_fast")

    sources = dict(pick.sources)
    for found, names in ((api, CREDENTIALS), (embed, EMBED_CREDENTIALS)):
        if found is not None:
            sources.update(dict.fromkeys(names, found.name))
    secret = api.client_secret if api else None
    embed_secret = embed.embed_secret if embed else None
    base = api.base_url if api else None
    if api is not None:
        log.debug("credentials from %s, for %s", api.name, shown_url(base) if base else None)
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
