"""Running the emulator: as a foreground server (``sigmakit emulator serve``) or on a
free loopback port in a background thread (tests, ``sigmakit demo``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from .app import create_app
from .config import EmulatorConfig
from .registry import RESOURCES
from .state import EmulatorState

__all__ = ["EmulatorServer", "listen", "serve", "uvicorn_config"]


class EmulatorServer:
    """An emulator on ``127.0.0.1`` in a thread of this process.

    with EmulatorServer() as emu:
        sigma = Sigma(base_url=emu.base_url, client_id=emu.client_id, ...)
    """

    def __init__(
        self, config: EmulatorConfig | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.config = config or EmulatorConfig()
        self.host = host
        self.port = port
        self.state = EmulatorState.create(self.config, RESOURCES)
        self.app = create_app(state=self.state)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def client_id(self) -> str:
        return self.config.client_id

    @property
    def client_secret(self) -> str:
        return self.config.client_secret

    def start(self) -> EmulatorServer:
        cfg = uvicorn_config(self.app, host=self.host, port=self.port, lifespan="off")
        self._server = uvicorn.Server(cfg)
        self._thread = threading.Thread(target=self._server.run, name="sigma-emulator", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start")
            time.sleep(0.01)
        sockets = self._server.servers[0].sockets
        self.port = sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.state.store.jobs.workers.cancel_all()  # no file is made for a closed database
        self.state.store.close()

    def control(self) -> httpx.Client:
        """An HTTP client for the control plane (``/__emulator/...``). Its requests say they
        are JSON even with no body, as the control plane asks of every change
        (``access.cross_site_refusal``)."""
        return httpx.Client(
            base_url=f"{self.base_url}/__emulator",
            headers={"content-type": "application/json"},
            timeout=30,
        )

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def uvicorn_config(app: Any, **options: Any) -> uvicorn.Config:
    """How every emulator server runs uvicorn. ``proxy_headers=False``: the client's address
    is the socket's, never what ``X-Forwarded-For`` or ``Forwarded`` claim, since the
    control plane lets loopback clients in on that address (``access.control_refusal``)."""
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        proxy_headers=False,
        forwarded_allow_ips=[],
        **options,
    )


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one). ``OSError`` if taken."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def serve(
    config: EmulatorConfig,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    on_listening: Callable[[int], None] | None = None,
) -> None:
    """Run in the foreground until interrupted. The socket is bound first (``OSError`` if
    the port is taken, before anything is printed); ``on_listening`` gets the real port
    (``port=0`` picks a free one) once connections are accepted."""
    sock = listen(host, port)
    try:
        app = create_app(config)
        server = uvicorn.Server(uvicorn_config(app))
        if on_listening is not None:
            real_port = int(sock.getsockname()[1])
            callback = on_listening

            def announce() -> None:
                while not server.started:
                    if server.should_exit:
                        return
                    time.sleep(0.01)
                callback(real_port)

            threading.Thread(target=announce, name="announce", daemon=True).start()
        server.run(sockets=[sock])
    finally:
        sock.close()
