"""The server the tests talk to.

By default (``make test``) that is an emulator in this process (``tests/conftest.py``). With
``SIGMAKIT_TEST_URL``, ``SIGMAKIT_TEST_CLIENT_ID`` and ``SIGMAKIT_TEST_CLIENT_SECRET`` set
(``make blackbox`` sets them for an emulator it starts as its own process), the tests reach
that server over HTTP only: the API, and the emulator's control plane (``/__emulator``) when
the server is an emulator. Against any other server (a real organization) the tests that
need the control plane or the demo organization are skipped, and those that write run only
with ``SIGMAKIT_LIVE_WRITE=1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

import httpx
from tests.support.tally import TARGET_PROPERTY

from sigmakit.emulator import EmulatorConfig, FaultConfig, SeedSizes

__all__ = ["TARGET_PROPERTY", "RemoteTarget", "remote_from_env"]

#: the variables that point the tests at a server of their own
URL, CLIENT_ID, CLIENT_SECRET = (
    "SIGMAKIT_TEST_URL",
    "SIGMAKIT_TEST_CLIENT_ID",
    "SIGMAKIT_TEST_CLIENT_SECRET",
)
#: an emulator listening beyond loopback lets in only its control token
CONTROL_TOKEN = "SIGMAKIT_TEST_CONTROL_TOKEN"
LIVE_WRITE = "SIGMAKIT_LIVE_WRITE"


@dataclass
class RemoteTarget:
    """A server reached over HTTP only; it stands where tests expect an ``EmulatorServer``
    (``base_url``, ``client_id``, ``client_secret``, ``control()``)."""

    base_url: str
    client_id: str
    client_secret: str = field(repr=False)
    control_token: str = field(default="", repr=False)
    #: whether ``/__emulator/health`` answered as the emulator does
    is_emulator: bool = False
    #: whether tests that write may run against it (always for an emulator)
    may_write: bool = False

    @property
    def port(self) -> int:
        parts = urlsplit(self.base_url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    def control(self) -> httpx.Client:
        """An HTTP client for the control plane, as ``EmulatorServer.control()``."""
        headers = {"content-type": "application/json"}
        if self.control_token:
            headers["x-emulator-control-token"] = self.control_token
        return httpx.Client(base_url=f"{self.base_url}/__emulator", headers=headers, timeout=30)

    def reset(self, seed: int) -> None:
        """The demo organization laid down again with ``seed`` and the default sizes, and
        every setting the tests may change back to its default: what the in-process fixture
        does to the emulator's state, done through the control plane."""
        config = EmulatorConfig()
        sizes = {f.name: getattr(SeedSizes(), f.name) for f in fields(SeedSizes)}
        faults: dict[str, Any] = FaultConfig().to_dict()
        with self.control() as control:
            for method, path, body in (
                ("PUT", "/faults", faults),
                ("PUT", "/settings", {"tokenTtl": config.token_ttl, "legacyLists": False}),
                ("PUT", "/jobs", {"exportTtl": config.export_ttl}),
                ("POST", "/reset", {"seed": seed, **sizes, "account_types": config.account_types}),
            ):
                response = control.request(method, path, json=body)
                if response.status_code != 200:
                    raise RuntimeError(f"{method} /__emulator{path}: HTTP {response.status_code}")


def remote_from_env(environ: Mapping[str, str]) -> RemoteTarget | None:
    """The server named by ``SIGMAKIT_TEST_*``, or ``None`` (then the tests run an emulator
    in-process). ``ValueError`` with one line when the variables are incomplete."""
    url = environ.get(URL, "").rstrip("/")
    if not url:
        return None
    client_id = environ.get(CLIENT_ID, "")
    client_secret = environ.get(CLIENT_SECRET, "")
    if not client_id or not client_secret:
        raise ValueError(f"{URL} is set: set {CLIENT_ID} and {CLIENT_SECRET} too")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{URL} must be an http(s) URL, not {url!r}")
    target = RemoteTarget(url, client_id, client_secret, environ.get(CONTROL_TOKEN, ""))
    target.is_emulator = _is_emulator(target)
    target.may_write = target.is_emulator or environ.get(LIVE_WRITE) == "1"
    return target


def _is_emulator(target: RemoteTarget) -> bool:
    try:
        with target.control() as control:
            response = control.get("/health")
    except httpx.HTTPError:
        return False
    if response.status_code != 200:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("status") == "ok" and "members" in body
