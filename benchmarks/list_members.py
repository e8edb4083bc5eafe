"""Listing 100,000 members to JSONL with ``sigmakit members list -o jsonl`` (in-process,
output to /dev/null): the requests sent (100 pages of 1,000, plus the token), the seconds,
and the peak memory at 10k, 50k and 100k members, which should stay flat: rows stream
from one page to the next and out, never gathered. Archived and inactive members are
included so that all 100,000 are listed.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
import tracemalloc
from collections.abc import Iterator

import httpx
from _common import cli_env, served

from sigmakit.cli.main import cli

MEMBERS = 100_000
SIZES = (10_000, 50_000, 100_000)


@contextlib.contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def list_members(limit: int) -> None:
    """``sigmakit members list -o jsonl --limit N > /dev/null``, in this process."""
    args = ["members", "list", "-o", "jsonl", "--include-archived", "--include-inactive"]
    if limit < MEMBERS:
        args += ["--limit", str(limit)]
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        try:
            cli.main(args=args, prog_name="sigmakit", standalone_mode=False)
        finally:
            sys.stdout.flush()


def requests(base_url: str) -> dict[str, int]:
    stats = httpx.get(f"{base_url}/__emulator/stats").json()
    routes: dict[str, int] = stats["routes"]
    return routes


def main() -> None:
    print(f"seeding {MEMBERS} members...", flush=True)
    # the seed adds the admin who owns the credentials to the people it is asked for
    org = served(members=MEMBERS - 1, teams=2, workspaces=1, connections=1, workbooks=0)
    with org as server, environment(cli_env(server)):
        held = httpx.get(f"{server.base_url}/__emulator/health").json()["members"]
        print(f"the organization holds {held:,} members")
        json_only = {"content-type": "application/json"}  # the control plane takes only JSON
        httpx.delete(f"{server.base_url}/__emulator/stats", headers=json_only).raise_for_status()
        started = time.perf_counter()
        list_members(MEMBERS)
        seconds = time.perf_counter() - started
        sent = requests(server.base_url)
        pages = sent.get("GET /v2/members", 0)
        tokens = sent.get("POST /v2/auth/token", 0)
        print(
            f"{MEMBERS} members: {pages} list requests + {tokens} token = "
            f"{sum(sent.values())} requests in {seconds:.1f} s "
            f"({MEMBERS / seconds:,.0f} members/s); floor {math.ceil(MEMBERS / 1000)} pages "
            "+ 1 token (target: exactly the floor)"
        )
        peaks = []
        for size in SIZES:
            tracemalloc.start()
            list_members(size)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            peaks.append(peak)
            print(f"peak memory listing {size:>7,} members: {peak / 1e6:.1f} MB")
        print(
            f"peak at {SIZES[-1]:,} / peak at {SIZES[0]:,}: {peaks[-1] / peaks[0]:.2f}x "
            "(target: flat, about 1x)"
        )


if __name__ == "__main__":
    main()
