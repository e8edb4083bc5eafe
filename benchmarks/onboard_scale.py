"""Bulk onboarding at scale: ``sigmakit onboard --file`` with 200 and 1,000 new people
(each: a member, their workspace and its grant, one team, one connection grant) into an
organization of 5,000 members, with 20 ms added to every request, at the default
concurrency of 8.

The floor: the requests onboarding needs, at 20 ms each, 8 at a time: ``requests x
latency / concurrency``. They are counted by the emulator (the token requests aside) and
listed by route, so the floor cannot be raised by sending more: 3 requests a person
(member, workspace, the workspace's grant, each counted once per person) plus a constant
(the members and the workspaces a page per 1,000, each team's members, each connection's
grants, the account types and the names looked up; one PATCH per team and one grants POST
per connection per 1,000 people). The few people started while the member walk still ran
are looked up by email (and their workspace by name): those lookups are sent to save
time, not needed, so they are left out of the floor (the walks' pages are counted from
the organization's size before the run). The dependent chain (a read, then a person's member and their
workspace's grant, then the batches: 4 requests one after another) is far shorter than
that at 200 people and more, so the floor is the request count's. Ratio: wall time over
the floor (target <= 1.5x).

Users run the command, so the headline figure is ``sigmakit onboard`` as a whole process
(start to exit, token cached, bytecode caching on); the workflow timed inside an
already-started process is printed beside it. The emulator runs as its own process. CPU
time (user + system) per request is printed for the command's process, the in-process
client and the emulator: at 8 in flight and 20 ms each, the floor leaves 2.5 ms of CPU a
request for each side, less on a shared machine. Last, as many bare requests (a
``GET /v2/whoami`` each, plain httpx) at the same latency and concurrency are timed: how
far this machine, as loaded as it is right now, keeps even next-to-free requests from
their floor. Medians of several runs (each onboarding people of its own); the spread is
printed too. Prints figures; asserts nothing.

    python benchmarks/onboard_scale.py [--people 200 1000] [--members 5000]
                                       [--latency-ms 20] [--concurrency 8] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
from _common import Served, cli_env, client, process_cpu, served, sigmakit_command

from sigmakit import Sigma
from sigmakit.workflows.onboard import OnboardOptions, Person, onboard

TEAMS = ("Data", "Sales", "Finance")
CONNECTION = "Northwind Snowflake"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args(argv)


def people(count: int, tag: str) -> list[Person]:
    return [
        Person(
            email=f"new{i}.{tag}@onboard.example",
            first_name="New",
            last_name=f"Person {i}",
            account_type=("Pro", "Essential", "Lite", "Admin")[i % 4],
            teams=(TEAMS[i % len(TEAMS)],),
            connections=(CONNECTION,),
        )
        for i in range(count)
    ]


def write_csv(path: Path, everyone: list[Person]) -> None:
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["email", "first_name", "last_name", "account_type", "teams", "connections"]
        )
        for p in everyone:
            writer.writerow(
                [p.email, p.first_name, p.last_name, p.account_type, *p.teams, *p.connections]
            )


def stats(server: Served, reset: bool = False) -> dict[str, int]:
    url = f"{server.base_url}/__emulator/stats"
    if reset:
        httpx.delete(url, headers={"content-type": "application/json"}).raise_for_status()
        return {}
    routes: dict[str, int] = httpx.get(url).json()["routes"]
    return {route: n for route, n in routes.items() if n and "/auth/" not in route}


def spread(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"
    )


#: the requests each person needs, counted once per person
PER_PERSON = (
    "POST /v2/members",
    "POST /v2/workspaces",
    "POST /v2/workspaces/{workspaceId}/grants",
)
#: requests one after another whatever the concurrency: a read before the first write, a
#: person's member then their workspace's grant, the batches after everyone
CHAIN = 4


@dataclass
class Run:
    seconds: float
    #: requests the emulator received, by route (token requests aside)
    routes: dict[str, int]
    #: CPU seconds: the emulator's, and the client's (the command's process, or this one)
    emulator_cpu: float
    client_cpu: float
    #: pages of the member and the workspace walks, from the organization's size before
    walk_pages: int = 0

    @property
    def sent(self) -> int:
        return sum(self.routes.values())

    @property
    def looked_up(self) -> int:
        """Members and workspaces looked up one by one (the people started while the walks
        still ran): sent to save time, not needed, so left out of the floor."""
        walks = self.routes.get("GET /v2/members", 0) + self.routes.get("GET /v2/workspaces", 0)
        return max(0, walks - self.walk_pages)

    @property
    def needed(self) -> int:
        return self.sent - self.looked_up


def walk_pages(sigma: Sigma) -> int:
    """Pages of 1,000 the member walk (archived and inactive members too) and the
    workspace walk read in the organization as it is now."""
    pages = 0
    for path, params in (
        ("/v2.1/members", {"includeArchived": "true", "includeInactive": "true"}),
        ("/v2.1/workspaces", {}),
    ):
        total = int(sigma.request("GET", path, params={**params, "limit": 1})["total"])
        pages += max(1, math.ceil(total / 1000))
    return pages


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def floor_of(run: Run, args: argparse.Namespace) -> float:
    per_request = args.latency_ms / 1000
    return max(run.needed * per_request / args.concurrency, CHAIN * per_request)


def report(title: str, runs: list[Run], count: int, args: argparse.Namespace) -> None:
    ratios = [r.seconds / floor_of(r, args) for r in runs]
    last = runs[-1]
    floor = floor_of(last, args)
    emulator = statistics.median(r.emulator_cpu / r.sent * 1000 for r in runs)
    client_ms = statistics.median(r.client_cpu / r.sent * 1000 for r in runs)
    print(
        f"  {title}: {spread([r.seconds for r in runs])}; floor {floor:.2f} s "
        f"({last.needed} x {args.latency_ms:g} ms / {args.concurrency}); "
        f"ratio {statistics.median(ratios):.2f}x (target <= 1.5x)"
    )
    print(f"    CPU a request: client {client_ms:.2f} ms, emulator {emulator:.2f} ms")


def counted(last: Run, count: int) -> None:
    per_person = sum(last.routes.get(r, 0) for r in PER_PERSON)
    constant = {r: n for r, n in last.routes.items() if r not in PER_PERSON}
    print(
        f"  requests: {last.sent} ({last.sent / count:.2f} a person) = {per_person} for the "
        f"people ({per_person / count:.2f} each; needed: {len(PER_PERSON)}) + "
        f"{sum(constant.values())} whatever the number of people"
    )
    for route, n in sorted(last.routes.items()):
        print(f"    {route:46s} {n:5d}")
    print(
        f"  of which {last.looked_up} looked up one by one (people started while the walks "
        f"ran: not needed, left out of the floor): {last.needed} needed"
    )


def bare_requests(server: Served, token: str, count: int, concurrency: int) -> float:
    """Seconds for ``count`` bare ``GET /v2/whoami`` (plain httpx, a client per thread,
    ``concurrency`` threads): the same latency and concurrency with next to no work on
    either side, i.e. the floor as this machine serves it right now."""
    local = threading.local()
    headers = {"Authorization": f"Bearer {token}"}

    def get(_: int) -> None:
        http = getattr(local, "http", None)
        if http is None:
            http = local.http = httpx.Client(base_url=server.base_url, headers=headers)
        http.get("/v2/whoami").raise_for_status()

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(get, range(concurrency)))  # connections opened, not timed
        started = time.perf_counter()
        list(pool.map(get, range(count)))
        return time.perf_counter() - started


def main(argv: list[str]) -> int:
    args = parse(argv)
    org = served(latency_ms=args.latency_ms, members=args.members, workbooks=0)
    with org as server, client(server) as sigma, tempfile.TemporaryDirectory() as folder:
        sigma.token()  # the in-process runs start with a token, as the command's do (cached)
        env = {**cli_env(server), "SIGMAKIT_CACHE_DIR": str(Path(folder) / "cache")}
        env.pop("SIGMAKIT_NO_TOKEN_CACHE")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc files written and used, as for users

        def command(path: Path) -> list[str]:
            return [
                *sigmakit_command(),
                "onboard",
                "--file",
                str(path),
                "--concurrency",
                str(args.concurrency),
                "-o",
                "jsonl",
            ]

        warm = Path(folder) / "warm.csv"
        write_csv(warm, people(2, "warm"))
        # fills the token cache and the .pyc files; not timed
        subprocess.run(command(warm), env=env, check=True, capture_output=True)

        print(
            f"organization: {args.members} members; {args.latency_ms:g} ms added per request; "
            f"concurrency {args.concurrency}; {args.runs} runs each (machine may be shared)"
        )
        for count in args.people:
            commands: list[Run] = []
            for run in range(args.runs):
                path = Path(folder) / f"people-{count}-{run}.csv"
                write_csv(path, people(count, f"cmd{count}r{run}"))
                pages = walk_pages(sigma)
                stats(server, reset=True)
                emulator_before, client_before = process_cpu(server.pid), children_cpu()
                started = time.perf_counter()
                done = subprocess.run(command(path), env=env, capture_output=True, text=True)
                seconds = time.perf_counter() - started
                if done.returncode != 0:
                    print(f"the command failed: {done.stderr.strip()}", file=sys.stderr)
                    return 1
                commands.append(
                    Run(
                        seconds,
                        stats(server),
                        process_cpu(server.pid) - emulator_before,
                        children_cpu() - client_before,
                        pages,
                    )
                )
            inprocess: list[Run] = []
            for run in range(args.runs):
                everyone = people(count, f"sdk{count}r{run}")
                pages = walk_pages(sigma)
                stats(server, reset=True)
                emulator_before, client_before = process_cpu(server.pid), time.process_time()
                started = time.perf_counter()
                result = onboard(
                    sigma, OnboardOptions(people=everyone, concurrency=args.concurrency)
                )
                seconds = time.perf_counter() - started
                assert result.ok, result.summary()
                inprocess.append(
                    Run(
                        seconds,
                        stats(server),
                        process_cpu(server.pid) - emulator_before,
                        time.process_time() - client_before,
                        pages,
                    )
                )
            print(f"\n{count} people")
            counted(commands[-1], count)
            report("the command (start to exit)", commands, count, args)
            report("the workflow in a started process", inprocess, count, args)
            bare = min(commands[-1].sent, 1000)
            seconds = bare_requests(server, sigma.token().access_token, bare, args.concurrency)
            bare_floor = bare * args.latency_ms / 1000 / args.concurrency
            print(
                f"  this machine now: {bare} bare requests (GET /v2/whoami, {args.concurrency} "
                f"at a time) took {seconds:.2f} s, {seconds / bare_floor:.2f}x their floor"
            )
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # the command is timed with .pyc files
        os.environ.pop("PYTHONDONTWRITEBYTECODE")
    sys.exit(main(sys.argv[1:]))
