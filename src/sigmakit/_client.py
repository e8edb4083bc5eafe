"""``Sigma``: the client. It owns the HTTP core and hangs one attribute per resource on it."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

import httpx

from ._auth import Token, TokenCache
from ._http import HttpCore
from ._retry import RetryPolicy
from ._settings import Settings, load_settings
from .resources import (
    Connections,
    Files,
    Identity,
    Members,
    Teams,
    WhoAmI,
    Workbooks,
    Workspaces,
)

__all__ = ["Sigma"]


class Sigma:
    """A client for one Sigma organization.

    Settings not given here come from the environment, a profile or a QuickStart
    ``.env`` (see :func:`sigmakit.load_settings`). Nothing touches the network until
    the first call.

        with Sigma() as sigma:
            for member in sigma.members.list():
                print(member.email)
    """

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        region: str | None = None,
        profile: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        settings: Settings | None = None,
        token_cache: TokenCache | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_connections: int = 32,
    ) -> None:
        if settings is None:
            settings = load_settings(
                client_id=client_id,
                client_secret=client_secret,
                base_url=base_url,
                region=region,
                profile=profile,
                timeout=timeout,
                max_retries=max_retries,
            )
        self.settings = settings
        self._core = HttpCore(
            settings,
            token_cache=token_cache,
            transport=transport,
            retry=retry,
            sleep=sleep,
            max_connections=max_connections,
        )
        self.members = Members(self._core)
        self.teams = Teams(self._core)
        self.workspaces = Workspaces(self._core)
        self.connections = Connections(self._core)
        self.files = Files(self._core)
        self.workbooks = Workbooks(self._core)
        self._whoami = WhoAmI(self._core)

    @property
    def base_url(self) -> str:
        return self._core.base_url

    @property
    def requests_sent(self) -> int:
        """HTTP requests sent so far, retries and token requests included."""
        return self._core.requests_sent

    def token(self) -> Token:
        """The current access token, fetched or refreshed if needed."""
        return self._core.tokens.current()

    def whoami(self, *, member: bool = True) -> Identity:
        """Who the credentials belong to: ids, name, email and account type
        (``member=False``: the ids only, one request fewer)."""
        return self._whoami.get(member=member)

    def close(self) -> None:
        self._core.close()

    def __enter__(self) -> Sigma:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
