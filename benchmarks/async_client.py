"""``AsyncSigma`` against ``Sigma``: 400 ``members.get`` calls on an emulator that answers
each API request after 20 ms (a real Sigma is slower still), as a web backend or an
orchestrator would send them. Printed: the seconds and the client's CPU seconds for the
sync client one call after another (the floor's opposite), the sync client on 8 threads,
and the async client with 8 and with 32 calls in flight, and the requests each sent.

The emulator runs as its own process, so its CPU is not the client's.
"""

from __future__ import annotations

import asyncio
import math
import resource
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from _common import CLIENT_ID, CLIENT_SECRET, client, served, set_latency

from sigmakit import AsyncSigma, load_settings

CALLS = 400
LATENCY_MS = 20.0


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, run: Callable[[], int]) -> None:
    wall, used = time.perf_counter(), cpu()
    sent = run()
    wall, used = time.perf_counter() - wall, cpu() - used
    floor = math.ceil(CALLS / concurrency_of(label)) * LATENCY_MS / 1000
    print(
        f"{label:<28} {wall:6.2f} s  cpu {used:5.2f} s  {sent} requests  "
        f"({CALLS / wall:,.0f} calls/s; latency floor {floor:.2f} s)",
        flush=True,
    )


def concurrency_of(label: str) -> int:
    return int(label.rsplit("x", 1)[1]) if "x" in label else 1


def main() -> None:
    with served(members=500, teams=2, workspaces=1, connections=1, workbooks=0) as server:
        with client(server) as warm:
            ids = [m.member_id for m in warm.members.list(limit=CALLS)]
        set_latency(server, LATENCY_MS)
        print(f"{CALLS} members.get calls, {LATENCY_MS:g} ms a request at the emulator")

        def sync_serial() -> int:
            with client(server) as sigma:
                for member_id in ids:
                    sigma.members.get(member_id)
                return sigma.requests_sent

        def sync_threads() -> int:
            with client(server) as sigma, ThreadPoolExecutor(8) as pool:
                list(pool.map(sigma.members.get, ids))
                return sigma.requests_sent

        def async_run(limit: int) -> Callable[[], int]:
            async def go() -> int:
                settings = load_settings(
                    base_url=server.base_url,
                    client_id=CLIENT_ID,
                    client_secret=CLIENT_SECRET,
                    env={},
                    use_dotenv=False,
                )
                gate = asyncio.Semaphore(limit)
                async with AsyncSigma(settings=settings) as sigma:

                    async def one(member_id: str) -> None:
                        async with gate:
                            await sigma.members.get(member_id)

                    await asyncio.gather(*(one(m) for m in ids))
                    return sigma.requests_sent

            return lambda: asyncio.run(go())

        timed("Sigma, one at a time x1", sync_serial)
        timed("Sigma, threads x8", sync_threads)
        timed("AsyncSigma, gather x8", async_run(8))
        timed("AsyncSigma, gather x16", async_run(16))
        timed("AsyncSigma, gather x32", async_run(32))


if __name__ == "__main__":
    main()
