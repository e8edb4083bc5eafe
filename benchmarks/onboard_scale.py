"""Bulk onboarding at scale: ``sigmakit onboard --file`` with 200 and 1,000 new people
(each: a member, their workspace and its grant, one team, one connection grant) into an
organization of 5,000 members, with 20 ms added to every request, at the default
concurrency of 8.

The floor is the request count at the emulator's latency divided by the concurrency:
``requests x latency / concurrency``; the ratio is the wall time over that floor (target
<= 1.5x). The count printed is what the emulator received, per route; the workflow's own
bound is 4 requests a person (member, workspace, workspace grant, connection grant) plus
a constant per team and per connection (the reads before the first write, one PATCH per
team per 1,000 people).

Users run the command, so the headline figure is ``sigmakit onboard`` as a whole process
(start to exit, token cached, bytecode caching on); the workflow timed inside an
already-started process is printed beside it. The emulator runs as its own process.
Medians of several runs (each onboarding people of its own); the machine may be shared,
so the spread is printed too. Prints figures; asserts nothing.

    python benchmarks/onboard_scale.py [--people 200 1000] [--members 5000]
                                       [--latency-ms 20] [--concurrency 8] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _common import Served, cli_env, client, served, sigmakit_command

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
        httpx.delete(url).raise_for_status()
        return {}
    routes: dict[str, int] = httpx.get(url).json()["routes"]
    return {route: n for route, n in routes.items() if n}


def cpu_seconds(server: Served) -> float | None:
    """CPU time the emulator's process has used so far (Linux /proc), or None."""
    port = server.base_url.rsplit(":", 1)[1]
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            if b"serve" in argv and port.encode() in argv:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            continue
    return None


def spread(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"
    )


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
            seconds: list[float] = []
            routes: dict[str, int] = {}
            for run in range(args.runs):
                path = Path(folder) / f"people-{count}-{run}.csv"
                write_csv(path, people(count, f"cmd{count}r{run}"))
                stats(server, reset=True)
                started = time.perf_counter()
                done = subprocess.run(command(path), env=env, capture_output=True, text=True)
                seconds.append(time.perf_counter() - started)
                if done.returncode != 0:
                    print(f"the command failed: {done.stderr.strip()}", file=sys.stderr)
                    return 1
                routes = stats(server)
            inproc: list[float] = []
            client_cpu: list[float] = []
            server_cpu: list[float] = []
            for run in range(args.runs):
                everyone = people(count, f"sdk{count}r{run}")
                sent_before, cpu_before = sigma.requests_sent, time.process_time()
                served_before = cpu_seconds(server)
                started = time.perf_counter()
                report = onboard(
                    sigma, OnboardOptions(people=everyone, concurrency=args.concurrency)
                )
                inproc.append(time.perf_counter() - started)
                assert report.ok, report.summary()
                n = sigma.requests_sent - sent_before
                client_cpu.append((time.process_time() - cpu_before) / n * 1000)
                served_after = cpu_seconds(server)
                if served_before is not None and served_after is not None:
                    server_cpu.append((served_after - served_before) / n * 1000)

            sent = sum(n for route, n in routes.items() if "/auth/" not in route)
            floor = sent * args.latency_ms / 1000 / args.concurrency
            wall = statistics.median(seconds)
            print(f"\n{count} people: {sent} requests ({sent / count:.2f} a person)")
            for route, n in sorted(routes.items()):
                print(f"    {route:46s} {n:5d}")
            print(f"  floor ({sent} x {args.latency_ms:g} ms / {args.concurrency}): {floor:.2f} s")
            print(f"  the command (start to exit): {spread(seconds)}; ratio {wall / floor:.2f}x")
            print(
                f"  the workflow in a started process: {spread(inproc)}; "
                f"ratio {statistics.median(inproc) / floor:.2f}x (target <= 1.5x)"
            )
            emulator_cpu = f"{statistics.median(server_cpu):.2f}" if server_cpu else "?"
            print(
                f"  CPU per request: client {statistics.median(client_cpu):.2f} ms, "
                f"emulator {emulator_cpu} ms (at {args.concurrency} in flight and "
                f"{args.latency_ms:g} ms each, the floor needs under "
                f"{args.latency_ms / args.concurrency:.1f} ms of each)"
            )
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # the command is timed with .pyc files
        os.environ.pop("PYTHONDONTWRITEBYTECODE")
    sys.exit(main(sys.argv[1:]))
