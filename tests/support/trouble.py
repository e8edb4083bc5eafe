"""A network that fails on chosen requests, between an SDK client and the emulator."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from tests.support.helpers import Sleeps, client_settings

from sigmakit import RetryPolicy, Sigma
from sigmakit.emulator import EmulatorServer


class Trouble(httpx.BaseTransport):
    """The network between the client and the emulator, made to fail on some requests:
    ``refuse`` answers 503 without passing the request on; ``lose`` passes it on, lets the
    emulator carry it out, then drops the answer."""

    def __init__(
        self, matches: Callable[[httpx.Request], bool], mode: str, times: int | None = None
    ) -> None:
        self.inner = httpx.HTTPTransport()
        self.matches = matches
        self.mode = mode
        self.times = times
        self.hits = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.matches(request) or self.hits == self.times:
            return self.inner.handle_request(request)
        self.hits += 1
        if self.mode == "refuse":
            return httpx.Response(
                503, json={"message": "unavailable", "code": "unavailable", "requestId": "t"}
            )
        response = self.inner.handle_request(request)
        response.read()
        response.close()
        raise httpx.RemoteProtocolError("the connection dropped before the answer")

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def troubled(emulator: EmulatorServer) -> Iterator[Callable[[Trouble], Sigma]]:
    clients: list[Sigma] = []

    def make(transport: Trouble) -> Sigma:
        settings = client_settings(emulator)
        client = Sigma(
            settings=settings, transport=transport, sleep=Sleeps(), retry=RetryPolicy(max_retries=2)
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
