"""The access review of a large organization: 10,000 members, 500 teams, 2,000 workspaces
and 2,000 workbooks, with 20 ms added to every request, at the default concurrency of 8.

The floor in requests: each list read once, 1,000 entries a page: the organization-wide
lists (members, teams, account types, workspaces, connections, connection paths), then
per team its members and its grants, per account type its permissions, per connection
and per connection table its grants, per member their grants and the files they reach
(pages counted from what the lists hold). The floor in time: ``requests x latency /
concurrency``. The requests the emulator counted (token requests aside) are printed by
route beside the floor. Peak memory (Python's allocations during the review, traced in a
run of its own, after a warm-up that loads what any first call loads) is printed for the
whole organization and for the same review scoped to one team, whose answer is small:
memory should follow the answer, not the organization. Prints figures; asserts nothing.

    python benchmarks/access_review.py [--members 10000] [--teams 500] [--workspaces 2000]
                                       [--workbooks 2000] [--latency-ms 20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tracemalloc
from collections import Counter

import httpx
from _common import client, process_cpu, served

from sigmakit import Sigma
from sigmakit.workflows.access import AccessOptions, review
from sigmakit.workflows.access.model import CONNECTION_KINDS


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--workspaces", type=int, default=2_000)
    parser.add_argument("--workbooks", type=int, default=2_000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=8)
    return parser.parse_args(argv)


def pages(n: int) -> int:
    return max(1, math.ceil(n / 1000))


def routes(base_url: str, reset: bool = False) -> dict[str, int]:
    url = f"{base_url}/__emulator/stats"
    if reset:
        httpx.delete(url, headers={"content-type": "application/json"}).raise_for_status()
        return {}
    got: dict[str, int] = httpx.get(url).json()["routes"]
    return {r: n for r, n in got.items() if n and "/auth/" not in r}


def traced_peak(sigma: Sigma, options: AccessOptions) -> tuple[float, int]:
    """MB allocated at most while the review ran, and its rows."""
    tracemalloc.start()
    try:
        rows = len(review(sigma, options).rows)
        return tracemalloc.get_traced_memory()[1] / 1e6, rows
    finally:
        tracemalloc.stop()


def main(argv: list[str]) -> int:
    args = parse(argv)
    started = time.perf_counter()
    org = served(
        latency_ms=args.latency_ms,
        members=args.members,
        teams=args.teams,
        workspaces=args.workspaces,
        workbooks=args.workbooks,
    )
    with org as server, client(server) as sigma:
        print(f"  organization seeded and served in {time.perf_counter() - started:.1f} s")
        sigma.token()
        members = sigma.members.list(include_archived=True, include_inactive=True).to_list()
        teams = sigma.teams.list().to_list()
        types = sigma.account_types.list().to_list()
        workspaces = sigma.workspaces.list().to_list()
        connections = sigma.connections.list().to_list()
        tables = sigma.connections.paths().to_list()
        # each list once; per member their grants (one page), and below, what they reach
        floor_requests = (
            pages(len(members))
            + pages(len(teams))
            + pages(len(types))
            + pages(len(workspaces))
            + pages(len(connections))
            + pages(len(tables))
            + 2 * len(teams)
            + len(types)
            + len(connections)
            + len(tables)
            + len(members)
        )
        team = AccessOptions(teams=[teams[0].name], concurrency=args.concurrency)
        whole = AccessOptions(concurrency=args.concurrency)
        review(sigma, AccessOptions(members=[members[0].member_id]))  # warm-up
        routes(server.base_url, reset=True)
        began, cpu, server_cpu = time.perf_counter(), time.process_time(), process_cpu(server.pid)
        done = review(sigma, whole)
        seconds = time.perf_counter() - began
        cpu, server_cpu = time.process_time() - cpu, process_cpu(server.pid) - server_cpu
        sent = routes(server.base_url)
        # what each member reaches, a page per 1,000 (their My Documents folder, which the
        # review leaves out of its rows, is one more file): the rows tell how many
        reached = Counter(r.member_id for r in done.rows if r.kind not in CONNECTION_KINDS)
        floor_requests += sum(pages(reached[m.member_id] + 1) for m in members)
        floor = floor_requests * args.latency_ms / 1000 / args.concurrency
        print(
            f"  whole organization: {len(done.rows)} rows for {len(members)} members, "
            f"{len(done.findings)} findings"
        )
        print(
            f"    requests: {sum(sent.values())} against a floor of {floor_requests} "
            f"({sum(sent.values()) / floor_requests:.2f}x)"
        )
        print(
            f"    time: {seconds:.1f} s against a floor of {floor:.1f} s ({floor_requests} x "
            f"{args.latency_ms:g} ms / {args.concurrency}): {seconds / floor:.2f}x"
        )
        per = 1000 / sum(sent.values())
        print(
            f"    CPU: client {cpu:.1f} s ({cpu * per:.2f} ms a request), emulator "
            f"{server_cpu:.1f} s ({server_cpu * per:.2f} ms a request)"
        )
        for route, n in sorted(sent.items()):
            print(f"      {route:56s} {n:6d}")
        del done
        for title, options in (("one team", team), ("whole organization", whole)):
            peak, rows = traced_peak(sigma, options)
            print(f"  peak memory, {title} ({rows} rows): {peak:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
