"""What the benchmarks share: an in-process emulator of a given size, and a client on it.

Benchmarks print figures and ratios; they never pass or fail on a timing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from sigmakit import Sigma, load_settings
from sigmakit.emulator import EmulatorConfig, EmulatorServer, FaultConfig
from sigmakit.emulator.config import SeedSizes

CLIENT_ID = "bench-client"
CLIENT_SECRET = "bench-secret-5e1d9c2b7a4f"
SEED = 42
#: runs of ``-X importtime`` per profile (the least time of each module is kept)
PROFILE_RUNS = 5


@contextlib.contextmanager
def emulator(latency_ms: float = 0.0, **sizes: int) -> Iterator[EmulatorServer]:
    """An emulator on a free loopback port, seeded with ``sizes`` (``SeedSizes`` fields)."""
    config = EmulatorConfig(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        seed=SEED,
        sizes=SeedSizes(**sizes),
        faults=FaultConfig(latency_ms=latency_ms),
    )
    with EmulatorServer(config) as server:  # seeded as it starts
        yield server


@dataclass(frozen=True)
class Served:
    """An emulator running as its own process (so it does not share the benchmark's GIL)."""

    base_url: str
    #: the ``sigmakit emulator serve`` process
    pid: int = 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sigmakit_command() -> list[str]:
    exe = shutil.which("sigmakit", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "sigmakit"]


def sigmakit_python_args() -> list[str]:
    """What to give ``python`` to run the ``sigmakit`` command as users run it: its console
    script (a Python file), else ``-m sigmakit``; for ``python -X importtime``."""
    exe = shutil.which("sigmakit", path=str(Path(sys.executable).parent))
    return [exe] if exe else ["-m", "sigmakit"]


@contextlib.contextmanager
def served(
    prepare: Callable[[EmulatorServer], None] | None = None,
    *,
    latency_ms: float = 0.0,
    **sizes: int,
) -> Iterator[Served]:
    """``sigmakit emulator serve`` in a subprocess, over a database seeded with ``sizes`` and
    then changed by ``prepare`` (run in this process on the emulator's store)."""
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "org.sqlite")
        config = EmulatorConfig(
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            seed=SEED,
            db=db,
            sizes=SeedSizes(**sizes),
        )
        with EmulatorServer(config) as server:
            if prepare is not None:
                prepare(server)
        port = _free_port()
        env = {
            **os.environ,
            "SIGMA_EMULATOR_CLIENT_ID": CLIENT_ID,
            "SIGMA_EMULATOR_CLIENT_SECRET": CLIENT_SECRET,
        }
        command = [*sigmakit_command(), "emulator", "serve", "--port", str(port), "--db", db]
        command += ["--latency-ms", str(latency_ms)]
        log = (Path(folder) / "server.log").open("w")
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/__emulator/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((Path(folder) / "server.log").read_text())
                time.sleep(0.1)
            yield Served(base, proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            log.close()


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process (the emulator's) has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def set_latency(server: EmulatorServer | Served, latency_ms: float) -> None:
    """Change the latency the emulator adds to each API request, through its control plane."""
    base = server.base_url
    httpx.put(f"{base}/__emulator/faults", json={"latency_ms": latency_ms}).raise_for_status()


def client(server: EmulatorServer | Served, **kwargs: Any) -> Sigma:
    settings = load_settings(
        base_url=server.base_url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        env={},
        use_dotenv=False,
    )
    return Sigma(settings=settings, **kwargs)


def cli_env(server: EmulatorServer | Served) -> dict[str, str]:
    """The environment that points the ``sigmakit`` command at the emulator."""
    return {
        **os.environ,
        "SIGMA_BASE_URL": server.base_url,
        "SIGMA_CLIENT_ID": CLIENT_ID,
        "SIGMA_CLIENT_SECRET": CLIENT_SECRET,
        "SIGMAKIT_NO_TOKEN_CACHE": "1",
    }


_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def import_profile(args: list[str], env: dict[str, str], top: int = 12) -> float:
    """The modules that cost most, as ``-X importtime`` reports them for ``python ARGS``
    (least of PROFILE_RUNS runs); returns the imports' whole time (seconds)."""
    self_us: dict[str, int] = {}
    cumulative: dict[str, int] = {}
    outermost: set[str] = set()
    for _ in range(PROFILE_RUNS):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", *args], env=env, capture_output=True, text=True
        ).stderr
        for line in err.splitlines():
            m = _LINE.match(line)
            if not m:
                continue
            own, total, indent, name = int(m[1]), int(m[2]), m[3], m[4]
            self_us[name] = min(self_us.get(name, own), own)
            cumulative[name] = min(cumulative.get(name, total), total)
            if not indent:
                outermost.add(name)
    whole = sum(cumulative[n] for n in outermost)
    print(f"  imports in all: {whole / 1000:.1f} ms (outermost modules, cumulative)")
    print("  outermost imports by cumulative time:")
    for name in sorted(outermost, key=lambda n: -cumulative[n])[:top]:
        print(f"    {cumulative[name] / 1000:7.1f} ms  {name}")
    print("  modules by own time:")
    for name in sorted(self_us, key=lambda n: -self_us[n])[:top]:
        print(f"    {self_us[name] / 1000:7.1f} ms  {name}")
    return whole / 1e6
