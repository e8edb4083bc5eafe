"""Running ``sigmakit emulator serve`` and the ``sigmakit`` command as real processes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

CLIENT = {
    "SIGMA_EMULATOR_CLIENT_ID": "chaos-client",
    "SIGMA_EMULATOR_CLIENT_SECRET": "chaos-secret-1",
}

__all__ = ["CLIENT", "Served", "client_env", "free_port", "run_cli", "sigmakit_command"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sigmakit_command() -> list[str]:
    exe = shutil.which("sigmakit", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "sigmakit"]


class Served:
    """``sigmakit emulator serve`` in its own process, until ``stop()`` or ``kill()``."""

    def __init__(
        self,
        tmp: Path,
        *args: str,
        port: int | None = None,
        credentials: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port() if port is None else port
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / f"serve-{self.port}-{time.monotonic_ns()}.log"
        self._log: IO[str] = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [*sigmakit_command(), "emulator", "serve", "--port", str(self.port), *args],
            env={**os.environ, **(CLIENT if credentials is None else credentials)},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.port == 0:  # the banner names the port chosen
                found = re.search(
                    r"emulator on http://127\.0\.0\.1:(\d+)", self.log_path.read_text()
                )
                if found:
                    self.port = int(found.group(1))
                    self.base = f"http://127.0.0.1:{self.port}"
            try:
                if httpx.get(f"{self.base}/__emulator/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(self.log_path.read_text())
            time.sleep(0.05)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self._log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self._log.close()


def client_env(base: str, home: Path, **extra: str) -> dict[str, str]:
    """What the ``sigmakit`` command needs to talk to a served emulator: nothing else."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "SIGMA_BASE_URL": base,
        "SIGMA_CLIENT_ID": CLIENT["SIGMA_EMULATOR_CLIENT_ID"],
        "SIGMA_CLIENT_SECRET": CLIENT["SIGMA_EMULATOR_CLIENT_SECRET"],
        "SIGMAKIT_NO_TOKEN_CACHE": "1",
        **extra,
    }


def run_cli(
    env: dict[str, str], *args: str, cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*sigmakit_command(), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
