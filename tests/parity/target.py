"""What a parity scenario runs against: a fresh emulator, or a real organization.

Everything a scenario does goes through a ``Target``: HTTP to the API (plain httpx or the
SDK), names for things it creates, clean-up, and the few emulator-only levers of the
``/__emulator`` control plane (which do nothing against a real organization).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from sigmakit import ConfigError, Sigma, load_settings

#: every name a scenario gives to something it creates starts with this
PREFIX = "sigmakit-parity-"


@dataclass(frozen=True)
class LiveSettings:
    base_url: str
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    write: bool
    email_domain: str
    member_type: str


def capture_live(env: dict[str, str]) -> tuple[LiveSettings | None, str]:
    """The real organization's settings, read through sigmakit's own settings (environment,
    profile, ``.env``), or why the live target is skipped. Called at import, before the
    tests' autouse fixture strips every SIGMA_*/SIGMAKIT_* variable."""
    if env.get("SIGMAKIT_LIVE") != "1":
        return None, (
            "live parity target off: set SIGMAKIT_LIVE=1 and Sigma credentials "
            "to run this scenario against a real organization (README, 'Parity suite')"
        )
    try:
        settings = load_settings(env=env)
        client_id, secret, base_url, token_url = settings.require_credentials()
    except ConfigError as exc:
        return None, f"SIGMAKIT_LIVE=1 but the settings are incomplete: {exc}"
    return (
        LiveSettings(
            base_url=base_url,
            token_url=token_url,
            client_id=client_id,
            client_secret=secret.reveal(),
            write=env.get("SIGMAKIT_LIVE_WRITE") == "1",
            email_domain=env.get("SIGMAKIT_LIVE_EMAIL_DOMAIN") or "example.com",
            member_type=env.get("SIGMAKIT_LIVE_MEMBER_TYPE") or "Lite",
        ),
        "",
    )


class Target:
    """One organization to run a scenario against."""

    def __init__(
        self,
        name: str,
        base_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        *,
        writes_allowed: bool,
        email_domain: str = "example.com",
        member_type: str = "Lite",
        control_url: str | None = None,
    ) -> None:
        self.name = name
        self.base_url = base_url
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.writes_allowed = writes_allowed
        self.email_domain = email_domain
        #: the account type given to members a scenario creates
        self.member_type = member_type
        self._control_url = control_url
        self._cleanups: list[Callable[[], object]] = []
        self._clients: list[httpx.Client | Sigma] = []
        self._token: str | None = None

    @property
    def live(self) -> bool:
        return self._control_url is None

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    # -- HTTP -------------------------------------------------------------------------------

    def pace_token_call(self) -> None:
        """Sigma's token endpoint allows about one request a second: keep under it live."""
        if self.live:
            time.sleep(1.1)

    def request_token(self, **kwargs: object) -> httpx.Response:
        """``POST`` to the token URL (form body or Basic credentials, as the caller says)."""
        self.pace_token_call()
        return httpx.post(self.token_url, timeout=30, **kwargs)  # type: ignore[arg-type]

    def form(self) -> dict[str, str]:
        return {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }

    def http(self, *, authorized: bool = True) -> httpx.Client:
        """A plain HTTP client on the API host; with a bearer token unless told otherwise."""
        client = httpx.Client(base_url=self.base_url, timeout=60)
        self._clients.append(client)
        if authorized:
            if self._token is None:
                response = self.request_token(data=self.form())
                assert response.status_code == 200, response.text
                self._token = str(response.json()["access_token"])
            client.headers["Authorization"] = f"Bearer {self._token}"
        return client

    def sdk(self) -> Sigma:
        settings = load_settings(
            base_url=self.base_url,
            client_id=self.client_id,
            client_secret=self.client_secret,
            env={},
            use_dotenv=False,
        )
        client = Sigma(settings=replace(settings, token_url=self.token_url))
        self._clients.append(client)
        return client

    # -- things a scenario creates ------------------------------------------------------------

    def require_writes(self) -> None:
        """Skip a scenario that changes the organization unless changes are allowed."""
        if not self.writes_allowed:
            pytest.skip(
                "changes a real organization: set SIGMAKIT_LIVE_WRITE=1 to allow it "
                f"(it creates only names starting with {PREFIX!r} and removes them again)"
            )

    def unique(self, what: str) -> str:
        """A name for something this scenario creates: ``sigmakit-parity-<what>-<random>``."""
        return f"{PREFIX}{what}-{secrets.token_hex(4)}"

    def email(self, name: str) -> str:
        return f"{name}@{self.email_domain}"

    def new_member(self, api: httpx.Client) -> dict[str, Any]:
        """A new member (no invitation sent), deactivated again when the scenario ends:
        Sigma's API cannot delete a member, ``DELETE`` archives it."""
        self.require_writes()
        name = self.unique("member")
        response = api.post(
            "/v2/members",
            params={"sendInvite": "false"},
            json={
                "email": self.email(name),
                "firstName": "Parity",
                "lastName": name,
                "memberType": self.member_type,
            },
        )
        assert response.status_code == 200, response.text
        member: dict[str, Any] = response.json()
        self.cleanup(_deleting(api, f"/v2/members/{member['memberId']}"))
        return member

    def new_team(self, api: httpx.Client) -> dict[str, Any]:
        """A new, empty team, deleted when the scenario ends."""
        self.require_writes()
        response = api.post("/v2/teams", json={"name": self.unique("team"), "members": []})
        assert response.status_code == 200, response.text
        team: dict[str, Any] = response.json()
        self.cleanup(_deleting(api, f"/v2/teams/{team['teamId']}"))
        return team

    def cleanup(self, undo: Callable[[], object]) -> None:
        """Run ``undo`` when the scenario ends, whatever happened (last registered first)."""
        self._cleanups.append(undo)

    def close(self) -> list[str]:
        """Undo what the scenario created; the clean-ups that failed, as messages."""
        problems = []
        for undo in reversed(self._cleanups):
            try:
                undo()
            except Exception as exc:  # keep cleaning; report at the end
                problems.append(f"{getattr(undo, '__qualname__', undo)}: {exc}")
        for client in self._clients:
            client.close()
        return problems

    # -- emulator-only levers (no-ops against a real organization) ---------------------------

    @contextmanager
    def _control(self) -> Iterator[httpx.Client | None]:
        if self._control_url is None:
            yield None
            return
        # the control plane takes only JSON, even an empty body (emulator/access.py)
        json_only = {"content-type": "application/json"}
        with httpx.Client(base_url=self._control_url, headers=json_only, timeout=30) as control:
            yield control

    def hold_jobs(self) -> None:
        """Emulator: new export and materialization jobs wait until ``finish_jobs``, so the
        first poll deterministically sees an unfinished job (until the scenario ends)."""
        with self._control() as control:
            if control is None:
                return
            before = control.get("/jobs").json()
            control.put("/jobs", json={"mode": "manual"}).raise_for_status()
        restore = {"mode": before["mode"], "stageSeconds": before["stageSeconds"]}

        def release() -> None:
            with self._control() as control:
                assert control is not None
                control.put("/jobs", json=restore).raise_for_status()

        self.cleanup(release)

    def finish_jobs(self) -> None:
        """Emulator: every unfinished job completes now. Live: nothing (Sigma runs them)."""
        with self._control() as control:
            if control is not None:
                control.post("/jobs/finish").raise_for_status()


def _deleting(api: httpx.Client, url: str) -> Callable[[], None]:
    """Undo by ``DELETE url``; a 404 means it is gone already."""

    def undo() -> None:
        response = api.delete(url)
        assert response.status_code in (200, 204, 404), f"DELETE {url}: {response.text}"

    undo.__qualname__ = f"DELETE {url}"
    return undo


def emulator_target(base_url: str, client_id: str, client_secret: str) -> Target:
    return Target(
        "emulator",
        base_url,
        f"{base_url}/v2/auth/token",
        client_id,
        client_secret,
        writes_allowed=True,
        control_url=f"{base_url}/__emulator",
    )


def live_target(live: LiveSettings) -> Target:
    return Target(
        "live",
        live.base_url,
        live.token_url,
        live.client_id,
        live.client_secret,
        writes_allowed=live.write,
        email_domain=live.email_domain,
        member_type=live.member_type,
    )
